-- The console's registration finds residents by the start of their name (a liaison's desk search); the message log
-- is filtered by status over a period (the dashboard's "failed this month" and its link to the log).
CREATE INDEX resident_name_idx ON resident (name text_pattern_ops);
CREATE INDEX outbound_message_status_idx ON outbound_message (status, created_at DESC);
