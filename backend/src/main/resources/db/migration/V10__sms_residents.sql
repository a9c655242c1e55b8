-- Residents who text in: their cases may arrive before anyone knows their village (the liaison fills it in),
-- they can opt out of broadcasts, and each stored uplink records what it became.

ALTER TABLE cases ALTER COLUMN village_id DROP NOT NULL;

ALTER TABLE resident ADD COLUMN sms_opted_out boolean NOT NULL DEFAULT false;

ALTER TABLE sms_uplink
    ADD COLUMN resident_id uuid REFERENCES resident (id),
    ADD COLUMN case_id     uuid REFERENCES cases (id),
    ADD COLUMN outcome     text;
CREATE INDEX sms_uplink_resident_idx ON sms_uplink (resident_id, sent_at DESC);
