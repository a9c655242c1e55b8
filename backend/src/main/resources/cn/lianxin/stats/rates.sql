-- The four rates of cases registered in a period, one row per value of {dimension}, and the total row summed
-- from those rows. {dimension} and {names} are filled in from cn.lianxin.stats.Dimension, never from the
-- request. Definitions: docs/DECISIONS.md, "Figures".
--   $1 period start (inclusive)   $2 period end (exclusive)   $3 now
--   $4 workstation id, or NULL for every workstation
WITH figures AS (
    SELECT c.{dimension} AS key,
           count(*) AS registered,
           -- A case leaves 登记 only by being signed for, so only cases still there need their record read
           -- (a transferred case is back in 登记 after a sign-for).
           count(*) FILTER (WHERE c.state <> 'REGISTERED'
               OR EXISTS (SELECT 1 FROM case_activity a WHERE a.case_id = c.id AND a.action = 'SIGN_FOR')) AS signed_for,
           count(*) FILTER (WHERE c.state IN ('REPLIED', 'FEEDBACK_GIVEN', 'ARCHIVED')) AS replied,
           count(*) FILTER (WHERE c.replied_at <= c.reply_due_at) AS on_time,
           count(*) FILTER (WHERE c.reply_due_at IS NOT NULL AND (c.replied_at IS NOT NULL OR c.reply_due_at < $3)) AS on_time_of,
           count(*) FILTER (WHERE c.feedback IS NOT NULL) AS rated,
           count(*) FILTER (WHERE c.feedback IN ('SATISFIED', 'BASICALLY_SATISFIED')) AS satisfied,
           -- 回访 (issue 14): archived, and of those revisited with the resident reached; revisits reached, carried out.
           count(*) FILTER (WHERE c.state = 'ARCHIVED') AS archived,
           count(*) FILTER (WHERE c.state = 'ARCHIVED' AND c.revisit_outcome IN ('CARRIED_OUT', 'NOT_CARRIED_OUT')) AS archived_revisited,
           count(*) FILTER (WHERE c.revisit_outcome IN ('CARRIED_OUT', 'NOT_CARRIED_OUT')) AS revisited,
           count(*) FILTER (WHERE c.revisit_outcome = 'CARRIED_OUT') AS carried_out
    FROM cases c
    WHERE c.registered_at >= $1 AND c.registered_at < $2
      AND ($4::bigint IS NULL OR c.workstation_id = $4)
    -- A plain GROUP BY, not GROUPING SETS with the total: with the total set PostgreSQL insists on sorted input
    -- and, for a long period, reads the cases in the dimension's index order, a random visit per case.
    GROUP BY c.{dimension}
),
grouped AS (
    SELECT key, false AS total, registered, signed_for, replied, on_time, on_time_of, rated, satisfied,
           archived, archived_revisited, revisited, carried_out FROM figures
    UNION ALL
    -- One total row, also for a period without cases.
    SELECT NULL, true, coalesce(sum(registered), 0)::bigint, coalesce(sum(signed_for), 0)::bigint,
           coalesce(sum(replied), 0)::bigint, coalesce(sum(on_time), 0)::bigint, coalesce(sum(on_time_of), 0)::bigint,
           coalesce(sum(rated), 0)::bigint, coalesce(sum(satisfied), 0)::bigint,
           coalesce(sum(archived), 0)::bigint, coalesce(sum(archived_revisited), 0)::bigint,
           coalesce(sum(revisited), 0)::bigint, coalesce(sum(carried_out), 0)::bigint
    FROM figures
)
SELECT g.key, n.name, g.total, g.registered, g.signed_for, g.replied, g.on_time, g.on_time_of, g.rated, g.satisfied,
       g.archived, g.archived_revisited, g.revisited, g.carried_out
FROM grouped g
LEFT JOIN {names} n ON n.id = g.key AND NOT g.total
ORDER BY g.total, n.name, g.key
