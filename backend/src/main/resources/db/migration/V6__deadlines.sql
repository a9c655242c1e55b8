-- Deadlines and supervision (督办): when each step happened, and which reminders and supervision notices went out.

ALTER TABLE cases
    ADD COLUMN IF NOT EXISTS signed_at     timestamptz,
    ADD COLUMN IF NOT EXISTS supervised_at timestamptz,
    -- The reply's attachments: references (URLs) to photos or documents stored elsewhere.
    ADD COLUMN IF NOT EXISTS reply_attachments text[] NOT NULL DEFAULT '{}';

-- One reminder and one supervision notice per deadline of a case. A deadline set anew (transfer, reopen) has a
-- new due time and so earns its own notices; the key makes the watch idempotent across runs and instances.
CREATE TABLE case_deadline_notice (
    case_id  uuid NOT NULL REFERENCES cases (id),
    kind     text NOT NULL CHECK (kind IN ('SIGN_FOR', 'REPLY', 'RESOLUTION')),
    notice   text NOT NULL CHECK (notice IN ('REMINDER', 'SUPERVISION')),
    due_at   timestamptz NOT NULL,
    sent_at  timestamptz NOT NULL,
    PRIMARY KEY (case_id, kind, notice, due_at)
);

-- The watch only looks at open clocks that fall due soon; each partial index holds just those.
CREATE INDEX case_sign_for_due_idx ON cases (sign_for_due_at) WHERE state = 'REGISTERED' AND representative_id IS NOT NULL;
CREATE INDEX case_reply_due_idx ON cases (reply_due_at) WHERE state IN ('RECEIVED', 'IN_PROGRESS');
CREATE INDEX case_resolve_due_idx ON cases (resolve_due_at) WHERE state <> 'ARCHIVED';
