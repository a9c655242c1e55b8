-- One worker shape for the stored inputs (SMS uplinks, SMS receipts, WeCom callbacks): an item is claimed alone,
-- handled in its own transaction and marked processed; a failure counts an attempt, keeps the last error and is
-- due again after a backoff; after the last attempt the item is parked (parked_at) with its reason (last_error)
-- until the town office retries it. One item that cannot be handled never holds up the others.
ALTER TABLE sms_uplink
    ADD COLUMN attempts        integer NOT NULL DEFAULT 0,
    ADD COLUMN last_error      text,
    ADD COLUMN next_attempt_at timestamptz NOT NULL DEFAULT now(),
    ADD COLUMN parked_at       timestamptz;
ALTER TABLE sms_receipt
    ADD COLUMN attempts        integer NOT NULL DEFAULT 0,
    ADD COLUMN last_error      text,
    ADD COLUMN next_attempt_at timestamptz NOT NULL DEFAULT now(),
    ADD COLUMN parked_at       timestamptz;
ALTER TABLE wecom_inbound
    ADD COLUMN attempts        integer NOT NULL DEFAULT 0,
    ADD COLUMN last_error      text,
    ADD COLUMN next_attempt_at timestamptz NOT NULL DEFAULT now(),
    ADD COLUMN parked_at       timestamptz;

-- The claim: the oldest due item that is neither processed nor parked.
DROP INDEX sms_uplink_unprocessed_idx;
DROP INDEX sms_receipt_unprocessed_idx;
DROP INDEX wecom_inbound_unprocessed_idx;
CREATE INDEX sms_uplink_due_idx ON sms_uplink (id) WHERE processed_at IS NULL AND parked_at IS NULL;
CREATE INDEX sms_receipt_due_idx ON sms_receipt (id) WHERE processed_at IS NULL AND parked_at IS NULL;
CREATE INDEX wecom_inbound_due_idx ON wecom_inbound (id) WHERE processed_at IS NULL AND parked_at IS NULL;
-- The office's list of parked items, newest first.
CREATE INDEX sms_uplink_parked_idx ON sms_uplink (parked_at DESC) WHERE parked_at IS NOT NULL;
CREATE INDEX sms_receipt_parked_idx ON sms_receipt (parked_at DESC) WHERE parked_at IS NOT NULL;
CREATE INDEX wecom_inbound_parked_idx ON wecom_inbound (parked_at DESC) WHERE parked_at IS NOT NULL;

-- Provider side effects are rows first: a WeCom card update and the refusal to a stranger go to a bare WeCom
-- user id (wecom_user_id), who is neither a resident nor a representative on record.
ALTER TABLE outbound_message ADD COLUMN wecom_user_id text;
ALTER TABLE outbound_message DROP CONSTRAINT outbound_message_recipient_kind_check;
ALTER TABLE outbound_message ADD CONSTRAINT outbound_message_recipient_kind_check
    CHECK (recipient_kind IN ('RESIDENT', 'REPRESENTATIVE', 'TOWN_OFFICE', 'WECOM_USER'));
ALTER TABLE outbound_message DROP CONSTRAINT outbound_message_one_recipient;
ALTER TABLE outbound_message ADD CONSTRAINT outbound_message_one_recipient CHECK (CASE recipient_kind
    WHEN 'RESIDENT' THEN resident_id IS NOT NULL AND representative_id IS NULL AND wecom_user_id IS NULL
    WHEN 'REPRESENTATIVE' THEN representative_id IS NOT NULL AND resident_id IS NULL AND wecom_user_id IS NULL
    WHEN 'WECOM_USER' THEN wecom_user_id IS NOT NULL AND resident_id IS NULL AND representative_id IS NULL
    ELSE resident_id IS NULL AND representative_id IS NULL AND wecom_user_id IS NULL
END);

-- Held by our own limit is a status of its own (DEFERRED), not PENDING with an error string: not attempted,
-- due again at next_attempt_at.
ALTER TABLE outbound_message DROP CONSTRAINT outbound_message_status_check;
ALTER TABLE outbound_message ADD CONSTRAINT outbound_message_status_check
    CHECK (status IN ('PENDING', 'DEFERRED', 'SENT', 'DELIVERED', 'FAILED', 'UNKNOWN'));
-- Messages held when this runs were PENDING with the limit's note as their error.
UPDATE outbound_message SET status = 'DEFERRED'
WHERE status = 'PENDING' AND (last_error LIKE 'held: %' OR last_error LIKE 'per-number limit: %');
DROP INDEX outbound_message_due_idx;
CREATE INDEX outbound_message_due_idx ON outbound_message (next_attempt_at) WHERE status IN ('PENDING', 'DEFERRED');
-- A member's held messages, gathered into the next digest.
CREATE INDEX outbound_message_deferred_idx ON outbound_message (representative_id, created_at)
    WHERE status = 'DEFERRED' AND representative_id IS NOT NULL;
