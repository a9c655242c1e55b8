-- Open cases with a deadline passed and its step not done, most overdue first, one page of them and how many
-- there are in all. A step is undone: sign-for while the case is in 登记; reply and resolution while it has no
-- reply (a reopened case has none again). The LEAST(...) in the WHERE clause is exactly the expression of
-- case_overdue_idx (V8), so that the index finds the overdue cases without reading the others.
--   $1 now   $2 workstation id, or NULL for every workstation   $3 page size   $4 rows to skip
WITH overdue AS (
    SELECT c.id, c.number, c.state, c.workstation_id, c.representative_id,
           CASE WHEN c.state = 'REGISTERED' THEN c.sign_for_due_at END AS sign_for_due,
           CASE WHEN c.replied_at IS NULL THEN c.reply_due_at END AS reply_due,
           CASE WHEN c.replied_at IS NULL THEN c.resolve_due_at END AS resolution_due
    FROM cases c
    WHERE c.state <> 'ARCHIVED'
      AND LEAST(CASE WHEN c.state = 'REGISTERED' THEN c.sign_for_due_at END,
                CASE WHEN c.replied_at IS NULL THEN c.reply_due_at END,
                CASE WHEN c.replied_at IS NULL THEN c.resolve_due_at END) < $1
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
