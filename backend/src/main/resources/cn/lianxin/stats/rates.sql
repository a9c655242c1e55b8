-- The four rates of cases registered in a period, one row per value of {dimension} and one total row
-- (GROUPING SETS: a single scan of the period). {dimension} and {names} are filled in from
-- cn.lianxin.stats.Dimension, never from the request. Definitions: docs/DECISIONS.md, "Figures".
--   $1 period start (inclusive)   $2 period end (exclusive)   $3 now
--   $4 workstation id, or NULL for every workstation
WITH figures AS (
    SELECT c.{dimension} AS key,
           GROUPING(c.{dimension}) = 1 AS total,
           count(*) AS registered,
           -- A case leaves 登记 only by being signed for, so only cases still there need their record read
           -- (a transferred case is back in 登记 after a sign-for).
           count(*) FILTER (WHERE c.state <> 'REGISTERED'
               OR EXISTS (SELECT 1 FROM case_activity a WHERE a.case_id = c.id AND a.action = 'SIGN_FOR')) AS signed_for,
           count(*) FILTER (WHERE c.state IN ('REPLIED', 'FEEDBACK_GIVEN', 'ARCHIVED')) AS replied,
           count(*) FILTER (WHERE c.replied_at <= c.reply_due_at) AS on_time,
           count(*) FILTER (WHERE c.reply_due_at IS NOT NULL AND (c.replied_at IS NOT NULL OR c.reply_due_at < $3)) AS on_time_of,
           count(*) FILTER (WHERE c.feedback IS NOT NULL) AS rated,
           count(*) FILTER (WHERE c.feedback IN ('SATISFIED', 'BASICALLY_SATISFIED')) AS satisfied
    FROM cases c
    WHERE c.registered_at >= $1 AND c.registered_at < $2
      AND ($4::bigint IS NULL OR c.workstation_id = $4)
    GROUP BY GROUPING SETS ((c.{dimension}), ())
)
SELECT f.key, n.name, f.total, f.registered, f.signed_for, f.replied, f.on_time, f.on_time_of, f.rated, f.satisfied
FROM figures f
LEFT JOIN {names} n ON n.id = f.key AND NOT f.total
ORDER BY f.total, n.name, f.key
