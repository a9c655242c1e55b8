-- The six steps in full, and the staff who act on them.

-- Staff accounts: town office (everything), liaison (their workstation and the town's dispatch queue),
-- group leader (their workstation's cases, escalations), representative (their workstation's cases; acts on
-- those assigned to them). Passwords are PBKDF2 hashes; repeated failures lock the account for a while.
CREATE TABLE staff_account (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username            text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9_.-]{3,40}$'),
    display_name        text NOT NULL,
    password_hash       text NOT NULL,
    role                text NOT NULL CHECK (role IN ('TOWN_OFFICE', 'LIAISON', 'GROUP_LEADER', 'REPRESENTATIVE')),
    workstation_id      bigint REFERENCES workstation (id),
    representative_id   bigint UNIQUE REFERENCES representative (id),
    active              boolean NOT NULL DEFAULT true,
    failed_logins       integer NOT NULL DEFAULT 0,
    locked_until        timestamptz,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    CHECK (role = 'TOWN_OFFICE' OR workstation_id IS NOT NULL),
    CHECK ((role IN ('GROUP_LEADER', 'REPRESENTATIVE')) = (representative_id IS NOT NULL))
);

ALTER TABLE cases
    ADD COLUMN awaiting_instruction boolean NOT NULL DEFAULT false,
    ADD COLUMN reply_text           text,
    ADD COLUMN replied_at           timestamptz,
    ADD COLUMN feedback_comment     text,
    ADD COLUMN feedback_attempted   boolean NOT NULL DEFAULT false;

-- The dispatch queue: registered cases nobody is assigned to, oldest first.
CREATE INDEX case_dispatch_queue_idx ON cases (workstation_id, registered_at) WHERE representative_id IS NULL AND state = 'REGISTERED';
