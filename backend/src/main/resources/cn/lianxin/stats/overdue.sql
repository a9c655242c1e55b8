-- Open cases with a deadline passed and its clock still open, most overdue first, one page of them and how many
-- there are in all. Which clock is open is defined once, by the functions of V20 (sign_for_clock, reply_clock,
-- resolution_clock, next_open_deadline); the deadline watch reads the same ones. next_open_deadline(...) is
-- exactly the expression of case_next_deadline_idx, so that the index finds the overdue cases without reading
-- the others.
--   $1 now   $2 workstation id, or NULL for every workstation   $3 page size   $4 rows to skip
WITH overdue AS (
    SELECT c.id, c.number, c.state, c.workstation_id, c.representative_id,
           sign_for_clock(c.state, c.sign_for_due_at) AS sign_for_due,
           reply_clock(c.state, c.replied_at, c.reply_due_at) AS reply_due,
           resolution_clock(c.state, c.resolve_due_at) AS resolution_due
    FROM cases c
    WHERE c.state <> 'ARCHIVED'
      AND next_open_deadline(c.state, c.replied_at, c.sign_for_due_at, c.reply_due_at, c.resolve_due_at) < $1
      AND ($2::bigint IS NULL OR c.workstation_id = $2)
),
page AS (
    SELECT o.*, LEAST(o.sign_for_due, o.reply_due, o.resolution_due) AS due_at
    FROM overdue o ORDER BY due_at, o.number LIMIT $3 OFFSET $4
)
-- One row even when the page is empty, so that the total is always there.
SELECT (SELECT count(*) FROM overdue) AS total, p.id, p.number, p.state, p.workstation_id, w.name AS workstation_name,
       p.representative_id, r.name AS representative_name, p.due_at,
       -- Every deadline missed, earliest first: the first is the one the case is overdue by.
       ARRAY(SELECT d.kind FROM (VALUES ('SIGN_FOR', p.sign_for_due), ('REPLY', p.reply_due), ('RESOLUTION', p.resolution_due))
             AS d (kind, due) WHERE d.due < $1 ORDER BY d.due) AS missed
FROM (VALUES (1)) AS one (row)
LEFT JOIN page p ON true
LEFT JOIN workstation w ON w.id = p.workstation_id
LEFT JOIN representative r ON r.id = p.representative_id
ORDER BY p.due_at, p.number
