-- A resident's question about a policy (我有疑问 in the mini-program, or an answer to the broadcast SMS) is a case;
-- this row links it to the broadcast it is about, for the policy's questions and its figures.
CREATE TABLE broadcast_question (
    case_id      uuid PRIMARY KEY REFERENCES cases (id),
    broadcast_id uuid NOT NULL REFERENCES broadcast (id),
    resident_id  uuid NOT NULL REFERENCES resident (id),
    channel      text NOT NULL,
    asked_at     timestamptz NOT NULL
);
CREATE INDEX broadcast_question_broadcast_idx ON broadcast_question (broadcast_id, asked_at DESC);

-- The mini-program's 政策 feed: the broadcasts that went out, newest first.
CREATE INDEX broadcast_published_idx ON broadcast (sending_at DESC) WHERE state IN ('SENDING', 'SENT');
