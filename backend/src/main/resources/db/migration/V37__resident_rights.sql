-- A resident's rights (个人信息保护法): an erased resident keeps their row, anonymised, so that their cases still
-- count in the figures; each erasure is recorded (cn.lianxin.rights.ResidentErasure) without personal data.
ALTER TABLE resident ADD COLUMN erased_at timestamptz;

CREATE TABLE resident_erasure (
    id             bigserial PRIMARY KEY,
    resident_id    uuid NOT NULL REFERENCES resident (id),
    at             timestamptz NOT NULL DEFAULT now(),
    requested_via  text NOT NULL CHECK (requested_via IN ('MINI_PROGRAM', 'TOWN_OFFICE')),
    requested_by   text NOT NULL,
    cases          integer NOT NULL,
    photos         integer NOT NULL,
    messages       integer NOT NULL
);
CREATE INDEX resident_erasure_resident_idx ON resident_erasure (resident_id);
