-- The WeChat mini-program channel (cn.lianxin.channels.miniprogram): residents sign in with WeChat, upload
-- photos, submit cases with an idempotency key, and grant one-time subscribe-message consents.

-- A mini-program identity merged into a resident already known by phone keeps its row (events in flight may
-- still name it) but loses its openid to the resident it was merged into.
ALTER TABLE resident ADD COLUMN merged_into uuid REFERENCES resident (id);

-- 五公开: what the public pages show of a representative besides name and fields.
ALTER TABLE representative
    ADD COLUMN photo_url          text,
    ADD COLUMN reception_schedule text;

-- Content security said "review": the case is accepted, and the liaison sees why it wants a human look.
ALTER TABLE cases ADD COLUMN content_review text;

-- Photos uploaded by a resident, stored on disk under lianxin.uploads.directory; attached to at most one case.
CREATE TABLE upload (
    id           uuid PRIMARY KEY,
    resident_id  uuid NOT NULL REFERENCES resident (id),
    case_id      uuid REFERENCES cases (id),
    content_type text NOT NULL,
    size         bigint NOT NULL,
    sha256       text NOT NULL,
    path         text NOT NULL,
    created_at   timestamptz NOT NULL
);
CREATE INDEX upload_resident_idx ON upload (resident_id);
CREATE INDEX upload_case_idx ON upload (case_id) WHERE case_id IS NOT NULL;

-- A submit retried with the same Idempotency-Key returns the first case: the key is claimed before the case
-- is registered, so two racing retries cannot both register.
CREATE TABLE mp_submission (
    resident_id     uuid NOT NULL REFERENCES resident (id),
    idempotency_key text NOT NULL,
    case_id         uuid REFERENCES cases (id),
    created_at      timestamptz NOT NULL,
    PRIMARY KEY (resident_id, idempotency_key)
);
CREATE INDEX mp_submission_case_idx ON mp_submission (case_id);

-- wx.requestSubscribeMessage consents: one accept allows one subscribe message with that template.
CREATE TABLE mp_subscription (
    resident_id uuid NOT NULL REFERENCES resident (id),
    template_id text NOT NULL,
    remaining   integer NOT NULL CHECK (remaining >= 0),
    updated_at  timestamptz NOT NULL,
    PRIMARY KEY (resident_id, template_id)
);

-- 匿名: the resident asked not to be named towards the public (staff still see who they are).
ALTER TABLE cases ADD COLUMN anonymous boolean NOT NULL DEFAULT false;
