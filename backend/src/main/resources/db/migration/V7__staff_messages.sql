-- Messages to staff: a representative (new case, assignment, reminder, 督办 to a group leader) or the town
-- office (督办). One message has exactly one recipient, named by recipient_kind; the town office is one
-- recipient (the office as a whole), so it has no id of its own.

-- Every row so far was written for a resident with resident_id set (the consumer always addressed one), so
-- the default and the check below hold for the existing rows.
ALTER TABLE outbound_message
    ADD COLUMN recipient_kind text NOT NULL DEFAULT 'RESIDENT'
        CHECK (recipient_kind IN ('RESIDENT', 'REPRESENTATIVE', 'TOWN_OFFICE')),
    ADD COLUMN representative_id bigint REFERENCES representative (id),
    ADD CONSTRAINT outbound_message_one_recipient CHECK (CASE recipient_kind
        WHEN 'RESIDENT' THEN resident_id IS NOT NULL AND representative_id IS NULL
        WHEN 'REPRESENTATIVE' THEN representative_id IS NOT NULL AND resident_id IS NULL
        ELSE resident_id IS NULL AND representative_id IS NULL
    END);

-- A representative's messages, newest first (their WeCom history in the console, the sandbox filter).
CREATE INDEX outbound_message_representative_idx ON outbound_message (representative_id, created_at DESC)
    WHERE representative_id IS NOT NULL;
