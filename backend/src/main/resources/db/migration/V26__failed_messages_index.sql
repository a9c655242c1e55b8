-- The dashboard counts the messages of a month that could not be delivered (FAILED is a message's parked
-- state); a partial index keeps that count off the whole message log.
CREATE INDEX outbound_message_failed_idx ON outbound_message (created_at) WHERE status = 'FAILED';
