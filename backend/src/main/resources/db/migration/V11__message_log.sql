-- The town office's message log (/api/messages) lists newest first, whole or per resident.
CREATE INDEX outbound_message_created_idx ON outbound_message (created_at DESC);
CREATE INDEX outbound_message_resident_idx ON outbound_message (resident_id, created_at DESC) WHERE resident_id IS NOT NULL;
-- The sandbox outbox now orders by creation like the log.
DROP INDEX outbound_message_sandbox_idx;
CREATE INDEX outbound_message_sandbox_idx ON outbound_message (created_at DESC) WHERE sandbox;
