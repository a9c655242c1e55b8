-- Residents' photos go through WeChat's asynchronous content check (media_check_async v2). The check is a row first
-- (mp_media_check, the one worker shape of V21): its worker offers the photo to WeChat at a URL carrying a one-time
-- token (only its SHA-256 is kept) and keeps WeChat's trace_id on the photo; the wxa_media_check push then names the
-- photo by that trace_id. A photo found risky is hidden from staff until the town office looks and releases it or
-- keeps it hidden (reviewed_by, reviewed_at).
ALTER TABLE upload
    ADD COLUMN media_trace_id text,
    ADD COLUMN media_suggest  text CHECK (media_suggest IN ('pass', 'review', 'risky')),
    ADD COLUMN media_label    text,
    ADD COLUMN hidden         boolean NOT NULL DEFAULT false,
    ADD COLUMN reviewed_by    text,
    ADD COLUMN reviewed_at    timestamptz;
CREATE UNIQUE INDEX upload_media_trace_idx ON upload (media_trace_id) WHERE media_trace_id IS NOT NULL;
-- A case's photos as staff see them (hidden or not) come from upload_case_idx; the office's hidden ones:
CREATE INDEX upload_hidden_idx ON upload (case_id) WHERE hidden;

-- A photo deleted (never submitted, erased, past retention) takes its pending check with it: there is nothing left to check.
CREATE TABLE mp_media_check (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    upload_id       uuid NOT NULL UNIQUE REFERENCES upload (id) ON DELETE CASCADE,
    token_hash      text UNIQUE,
    fetchable_until timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    processed_at    timestamptz,
    outcome         text,
    attempts        integer NOT NULL DEFAULT 0,
    last_error      text,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    parked_at       timestamptz
);
CREATE INDEX mp_media_check_due_idx ON mp_media_check (id) WHERE processed_at IS NULL AND parked_at IS NULL;
CREATE INDEX mp_media_check_parked_idx ON mp_media_check (parked_at DESC) WHERE parked_at IS NOT NULL;
