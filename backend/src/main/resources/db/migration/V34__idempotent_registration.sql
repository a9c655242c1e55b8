-- A retry with one Idempotency-Key must be the same request: the digest of the first is kept and a different body
-- with that key is refused. Submits kept before this have none and are not compared.
ALTER TABLE mp_submission ADD COLUMN fingerprint text;

-- Staff registrations (POST /api/cases) with an Idempotency-Key, per staff login, by the same scheme as
-- mp_submission: the key is claimed in the registering transaction, so two racing retries cannot both register.
CREATE TABLE staff_submission (
    username        text NOT NULL,
    idempotency_key text NOT NULL,
    fingerprint     text NOT NULL,
    case_id         uuid REFERENCES cases (id),
    created_at      timestamptz NOT NULL,
    PRIMARY KEY (username, idempotency_key)
);
CREATE INDEX staff_submission_case_idx ON staff_submission (case_id);
