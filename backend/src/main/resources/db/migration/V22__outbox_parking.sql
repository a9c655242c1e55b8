-- An event that can never be published (larger than the broker takes, unreadable, refused for good) is parked
-- with its reason, so that the events behind it go on; it stays in the table for the town office to look at.
ALTER TABLE outbox_event ADD COLUMN parked_at timestamptz, ADD COLUMN parked_reason text;

-- The relay reads only the tail still to publish; parked rows leave it.
DROP INDEX outbox_event_unpublished_idx;
CREATE INDEX outbox_event_unpublished_idx ON outbox_event (seq) WHERE published_at IS NULL AND parked_at IS NULL;
CREATE INDEX outbox_event_parked_idx ON outbox_event (parked_at) WHERE parked_at IS NOT NULL;
