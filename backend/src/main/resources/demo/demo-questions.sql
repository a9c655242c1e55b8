-- 问答 (issue 15): some of the demo town's mini-program concerns were asked in public. Published ones, answered
-- (the reply published, the asker's verdict given on most, one "did not answer my question") and waiting (no reply
-- yet, the clock of days running); one question and one reply still wait for moderation in the console's 问答,
-- the question showing a phone number for the redaction to find. Keyed by case: loading again adds nothing.
UPDATE cases SET text = text || '我的电话13800138105，白天都在家。', anonymous = true
WHERE number = 'SG-DEMO-0018' AND NOT EXISTS (SELECT 1 FROM public_question q WHERE q.case_id = cases.id);

INSERT INTO public_question (case_id, status, public_text, moderated_by, moderated_at, answer_status, answer_text,
                             answer_of_reply_at, answer_moderated_by, answer_moderated_at, answered_question, verdict_at)
SELECT c.id, q.status, CASE WHEN q.status = 'PUBLISHED' THEN c.text END,
       CASE WHEN q.status = 'PUBLISHED' THEN 'office' END,
       CASE WHEN q.status = 'PUBLISHED' THEN c.registered_at + interval '5 hours' END,
       CASE WHEN q.answer AND c.reply_text IS NOT NULL THEN 'PUBLISHED' END, CASE WHEN q.answer AND c.reply_text IS NOT NULL THEN c.reply_text END,
       CASE WHEN q.answer AND c.reply_text IS NOT NULL THEN c.replied_at END, CASE WHEN q.answer AND c.reply_text IS NOT NULL THEN 'office' END,
       CASE WHEN q.answer AND c.reply_text IS NOT NULL THEN c.replied_at + interval '2 hours' END,
       CASE WHEN q.answer AND c.reply_text IS NOT NULL THEN q.verdict END, CASE WHEN q.answer AND c.reply_text IS NOT NULL AND q.verdict IS NOT NULL THEN c.replied_at + interval '1 day' END
FROM (VALUES ('SG-DEMO-0008', 'PUBLISHED', false, NULL::boolean),   -- waiting: in progress
             ('SG-DEMO-0013', 'PUBLISHED', false, NULL),            -- waiting: signed for
             ('SG-DEMO-0038', 'PUBLISHED', false, NULL),            -- waiting: in progress
             ('SG-DEMO-0018', 'AWAITING_MODERATION', false, NULL),  -- the question waits for moderation
             ('SG-DEMO-0023', 'PUBLISHED', true, true),
             ('SG-DEMO-0053', 'PUBLISHED', true, true),
             ('SG-DEMO-0033', 'PUBLISHED', true, NULL),
             ('SG-DEMO-0043', 'PUBLISHED', true, false),
             ('SG-DEMO-0048', 'PUBLISHED', true, true),
             ('SG-DEMO-0058', 'PUBLISHED', false, NULL)             -- replied: the reply waits for moderation
     ) AS q (number, status, answer, verdict)
JOIN cases c ON c.number = q.number
ON CONFLICT (case_id) DO NOTHING;
