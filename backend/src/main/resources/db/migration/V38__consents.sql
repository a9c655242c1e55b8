-- What a resident agreed to and withdrew, with when and through which channel (cn.lianxin.rights.Consents): the
-- privacy notice by version, each subscribe-message template, SMS broadcasts. Appended, never rewritten: the
-- latest line of a kind and subject is the resident's current answer.
CREATE TABLE consent (
    id           bigserial PRIMARY KEY,
    resident_id  uuid NOT NULL REFERENCES resident (id),
    kind         text NOT NULL CHECK (kind IN ('PRIVACY_NOTICE', 'SUBSCRIBE_MESSAGE', 'SMS_BROADCASTS')),
    subject      text NOT NULL,
    granted      boolean NOT NULL,
    channel      text NOT NULL,
    at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX consent_resident_idx ON consent (resident_id, kind, subject, at DESC);
