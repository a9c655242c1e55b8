-- A policy's FAQ (issue 12): questions residents asked about it, with their answers, published by the town office
-- under the policy in the mini-program. The words are the office's (taken from the case, edited as it publishes them:
-- a resident's question may name them or their neighbours); the case stays the record of what was asked.
CREATE TABLE broadcast_faq (
    case_id      uuid PRIMARY KEY REFERENCES broadcast_question (case_id),
    broadcast_id uuid NOT NULL REFERENCES broadcast (id),
    question     text NOT NULL,
    answer       text NOT NULL,
    published_by text NOT NULL,
    published_at timestamptz NOT NULL
);
CREATE INDEX broadcast_faq_broadcast_idx ON broadcast_faq (broadcast_id, published_at);
