-- The case core reshaped (issue "one decision per command"): what archiving needs is on the case row, the open
-- clocks have one definition, and events carry stable type names with typed payloads.

-- 1. 件件有回音 as facts on the case, so that the rules table can judge "may this case be archived?" from the case
-- alone. A reply counts as delivered while one of its messages, created after the reply, is sent or delivered; a
-- delivered feedback prompt counts as asking for feedback. Kept by the database on every status change of those
-- messages, whichever code path changes them (dispatchers, receipts, reconciliation).
ALTER TABLE cases ADD COLUMN reply_delivered boolean NOT NULL DEFAULT false;

CREATE FUNCTION case_reply_delivery() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE cases c SET
        reply_delivered = c.replied_at IS NOT NULL AND EXISTS (
            SELECT 1 FROM outbound_message m WHERE m.case_id = c.id AND m.purpose = 'CASE_REPLY'
              AND m.status IN ('SENT', 'DELIVERED') AND m.created_at >= c.replied_at),
        feedback_attempted = c.feedback_attempted OR (c.replied_at IS NOT NULL AND EXISTS (
            SELECT 1 FROM outbound_message m WHERE m.case_id = c.id AND m.purpose = 'FEEDBACK_PROMPT'
              AND m.status IN ('SENT', 'DELIVERED') AND m.created_at >= c.replied_at))
    WHERE c.id = NEW.case_id;
    RETURN NULL;
END $$;

CREATE TRIGGER outbound_message_reply_delivery
    AFTER INSERT OR UPDATE OF status ON outbound_message
    FOR EACH ROW WHEN (NEW.case_id IS NOT NULL AND NEW.purpose IN ('CASE_REPLY', 'FEEDBACK_PROMPT'))
    EXECUTE FUNCTION case_reply_delivery();

UPDATE cases c SET
    reply_delivered = EXISTS (SELECT 1 FROM outbound_message m WHERE m.case_id = c.id AND m.purpose = 'CASE_REPLY'
        AND m.status IN ('SENT', 'DELIVERED') AND m.created_at >= c.replied_at),
    feedback_attempted = c.feedback_attempted OR EXISTS (SELECT 1 FROM outbound_message m WHERE m.case_id = c.id
        AND m.purpose = 'FEEDBACK_PROMPT' AND m.status IN ('SENT', 'DELIVERED') AND m.created_at >= c.replied_at)
WHERE c.replied_at IS NOT NULL;

-- 2. One definition of an open clock, used by the deadline watch, the overdue list and the figures. A clock is
-- open until its step is done: sign-for while the case is in 登记, reply until the case has a reply (a reopened
-- case has none again), resolution until it is archived. Each function is the due time while open, else NULL.
CREATE FUNCTION sign_for_clock(state text, due timestamptz) RETURNS timestamptz
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT CASE WHEN state = 'REGISTERED' THEN due END $$;
CREATE FUNCTION reply_clock(state text, replied_at timestamptz, due timestamptz) RETURNS timestamptz
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT CASE WHEN state <> 'ARCHIVED' AND replied_at IS NULL THEN due END $$;
CREATE FUNCTION resolution_clock(state text, due timestamptz) RETURNS timestamptz
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT CASE WHEN state <> 'ARCHIVED' THEN due END $$;
-- The earliest open deadline of a case: what the overdue list and the watch look up by index.
CREATE FUNCTION next_open_deadline(state text, replied_at timestamptz, sign_for_due timestamptz, reply_due timestamptz,
        resolve_due timestamptz) RETURNS timestamptz LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT LEAST(sign_for_clock(state, sign_for_due), reply_clock(state, replied_at, reply_due), resolution_clock(state, resolve_due))
$$;

-- The open clocks of every case, one row each: the view that the overdue list and the watch read.
CREATE VIEW case_open_clock AS
SELECT c.id AS case_id, k.kind, k.due_at
FROM cases c
CROSS JOIN LATERAL (VALUES ('SIGN_FOR', sign_for_clock(c.state, c.sign_for_due_at)),
                           ('REPLY', reply_clock(c.state, c.replied_at, c.reply_due_at)),
                           ('RESOLUTION', resolution_clock(c.state, c.resolve_due_at))) AS k (kind, due_at)
WHERE k.due_at IS NOT NULL;

DROP INDEX IF EXISTS case_overdue_idx;
DROP INDEX IF EXISTS case_sign_for_due_idx;
DROP INDEX IF EXISTS case_reply_due_idx;
DROP INDEX IF EXISTS case_resolve_due_idx;
CREATE INDEX case_next_deadline_idx ON cases (next_open_deadline(state, replied_at, sign_for_due_at, reply_due_at, resolve_due_at))
    INCLUDE (id, number, state, workstation_id, representative_id, sign_for_due_at, reply_due_at, resolve_due_at, replied_at)
    WHERE state <> 'ARCHIVED';

-- 3. Event types are names in the contract, not class names; payloads of the old generic step event become the
-- typed events (what the record's text said is carried as the event's own field where a consumer needs it).
UPDATE outbox_event SET event_type = CASE event_type
        WHEN 'CaseRegistered' THEN 'case.registered'
        WHEN 'DeadlineApproaching' THEN 'case.deadline-approaching'
        WHEN 'DeadlineMissed' THEN 'case.deadline-missed' END
WHERE event_type IN ('CaseRegistered', 'DeadlineApproaching', 'DeadlineMissed');

UPDATE outbox_event SET
    event_type = CASE payload->>'command'
        WHEN 'SET_VILLAGE' THEN 'case.village-set' WHEN 'ASSIGN' THEN 'case.assigned' WHEN 'SIGN_FOR' THEN 'case.signed-for'
        WHEN 'CHOOSE_HANDLING' THEN 'case.handling-chosen' WHEN 'ADD_NOTE' THEN 'case.note-added'
        WHEN 'ESCALATE' THEN 'case.escalated' WHEN 'RECORD_INSTRUCTION' THEN 'case.instruction-recorded'
        WHEN 'TRANSFER' THEN 'case.transferred' WHEN 'RETURN_TO_DISPATCH' THEN 'case.returned-to-dispatch'
        WHEN 'REPLY' THEN 'case.replied' WHEN 'RECORD_FEEDBACK' THEN 'case.feedback-recorded'
        WHEN 'REOPEN' THEN 'case.reopened' WHEN 'REVISIT' THEN 'case.revisited' WHEN 'ARCHIVE' THEN 'case.archived' END,
    payload = jsonb_build_object('step', jsonb_build_object(
            'caseId', payload->'caseId', 'number', payload->'number', 'from', payload->'fromState', 'to', payload->'toState',
            'actor', payload->'actor', 'on', 'CONSOLE', 'residentId', payload->'residentId', 'channel', payload->'channel',
            'workstationId', NULL, 'representativeId', payload->'representativeId', 'at', payload->'at'))
        || CASE payload->>'command'
            WHEN 'REPLY' THEN jsonb_build_object('text', regexp_replace(payload->>'detail', '^回复：', ''),
                'links', '[]'::jsonb, 'attachmentIds', '[]'::jsonb)
            WHEN 'ASSIGN' THEN jsonb_build_object('representativeId', payload->'representativeId')
            WHEN 'TRANSFER' THEN jsonb_build_object('toRepresentativeId', payload->'representativeId', 'reason', payload->'detail')
            WHEN 'REOPEN' THEN jsonb_build_object('reason', payload->'detail', 'reopenCount', 0, 'toGroupLeader', false)
            ELSE jsonb_build_object('text', payload->'detail') END
WHERE event_type = 'CaseTransitioned';
