-- 基层出题，代表答题: a case the resident asked in public (公开提问). The case keeps the resident's own words and the
-- representative's reply for staff; nothing here is public until a person moderated it: the question's public text
-- and the answer's public text are what that person confirmed (personal data redacted), each with who and when, or
-- the reason it was kept private. answered_question is the asker's verdict on the published answer ("did it answer
-- my question?"): null until they say, and reset when another answer is published.
CREATE TABLE public_question (
    case_id               uuid PRIMARY KEY REFERENCES cases (id),
    status                text        NOT NULL DEFAULT 'AWAITING_MODERATION'
                                      CHECK (status IN ('AWAITING_MODERATION', 'PUBLISHED', 'KEPT_PRIVATE')),
    public_text           text,
    moderated_by          text,
    moderated_at          timestamptz,
    private_reason        text,
    answer_status         text        CHECK (answer_status IN ('PUBLISHED', 'KEPT_PRIVATE')),
    answer_text           text,
    -- the case's replied_at of the reply this answer moderation was about: a later reply waits for its own
    answer_of_reply_at    timestamptz,
    answer_moderated_by   text,
    answer_moderated_at   timestamptz,
    answer_private_reason text,
    answered_question     boolean,
    verdict_at            timestamptz,
    CHECK (status <> 'PUBLISHED' OR (public_text IS NOT NULL AND moderated_at IS NOT NULL)),
    CHECK (status <> 'KEPT_PRIVATE' OR private_reason IS NOT NULL),
    CHECK (answer_status IS DISTINCT FROM 'PUBLISHED' OR answer_text IS NOT NULL),
    CHECK (answer_status IS DISTINCT FROM 'KEPT_PRIVATE' OR answer_private_reason IS NOT NULL),
    CHECK (answered_question IS NULL OR answer_status = 'PUBLISHED')
);

-- The public board (newest published first) and the answers awaiting moderation both read the published ones.
CREATE INDEX public_question_published_idx ON public_question (moderated_at DESC, case_id) WHERE status = 'PUBLISHED';
-- The moderation queue's questions.
CREATE INDEX public_question_awaiting_idx ON public_question (case_id) WHERE status = 'AWAITING_MODERATION';
