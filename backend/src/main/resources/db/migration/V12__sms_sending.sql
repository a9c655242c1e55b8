-- SMS sending (issue 5): a message carries the named parameters of its approved Aliyun template, so the
-- dispatcher sends exactly what was queued; body stays the rendered text for the log.
ALTER TABLE outbound_message ADD COLUMN params jsonb;

-- UNKNOWN: the provider may or may not have sent it (timeout, transport error). It is never sent again blindly:
-- a receipt or QuerySendDetails settles it; not found after the query window, it is sent once more.
ALTER TABLE outbound_message DROP CONSTRAINT outbound_message_status_check;
ALTER TABLE outbound_message ADD CONSTRAINT outbound_message_status_check
    CHECK (status IN ('PENDING', 'SENT', 'DELIVERED', 'FAILED', 'UNKNOWN'));
ALTER TABLE outbound_message ADD COLUMN resent_after_unknown boolean NOT NULL DEFAULT false;

-- The reconciler's query: unknown outcomes, oldest attempt first.
CREATE INDEX outbound_message_unknown_idx ON outbound_message (sent_at) WHERE status = 'UNKNOWN';
