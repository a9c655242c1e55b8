-- The deadline watch is a work queue (cn.lianxin.work.Worker): a notice is claimed as a row, then announced in a
-- transaction of its own, tried again and finally parked like any stored input, instead of a whole round's notices
-- rolled back together by one that fails. Notices given before this migration were announced when claimed.
ALTER TABLE case_deadline_notice
    ADD COLUMN id              bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    ADD COLUMN attempts        int NOT NULL DEFAULT 0,
    ADD COLUMN last_error      text,
    ADD COLUMN next_attempt_at timestamptz NOT NULL DEFAULT now(),
    ADD COLUMN processed_at    timestamptz,
    ADD COLUMN parked_at       timestamptz;
UPDATE case_deadline_notice SET processed_at = sent_at;
CREATE INDEX case_deadline_notice_due_idx ON case_deadline_notice (id) WHERE processed_at IS NULL AND parked_at IS NULL;
CREATE INDEX case_deadline_notice_parked_idx ON case_deadline_notice (parked_at DESC) WHERE parked_at IS NOT NULL;
