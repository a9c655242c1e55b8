-- Subscribe messages as a broadcast channel (issue 12): each message is its own call under a batch id of its own,
-- answered by batch id, so the answer to one message must find its row without reading the broadcast's others.
-- (The SMS answers find their batch of up to 1,000 rows the same way.)
CREATE INDEX broadcast_delivery_batch_idx ON broadcast_delivery (batch_id) WHERE batch_id IS NOT NULL;
