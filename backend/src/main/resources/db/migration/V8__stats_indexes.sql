-- Indexes for the town office's figures (cn.lianxin.stats; queries in src/main/resources/cn/lianxin/stats).
-- Measured with infra/bench/stats-bench.sh on a million cases; the figures are in docs/DECISIONS.md, "Figures".

-- Response rate: whether a case still in 登记 was ever signed for (a transfer sends it back there). Only
-- sign-for lines, so it stays a small fraction of the record.
CREATE INDEX IF NOT EXISTS case_activity_sign_for_idx ON case_activity (case_id) WHERE action = 'SIGN_FOR';

-- The overdue list: open cases by the earliest deadline whose step is not done, with every column the list
-- reads, so that counting and paging them never visits the case rows. The expression must stay identical to
-- the one in overdue.sql, or the planner will not use the index.
CREATE INDEX IF NOT EXISTS case_overdue_idx ON cases ((LEAST(
        CASE WHEN state = 'REGISTERED' THEN sign_for_due_at END,
        CASE WHEN replied_at IS NULL THEN reply_due_at END,
        CASE WHEN replied_at IS NULL THEN resolve_due_at END)))
    INCLUDE (id, number, state, workstation_id, representative_id, sign_for_due_at, reply_due_at, resolve_due_at, replied_at)
    WHERE state <> 'ARCHIVED';

-- The rates: a period's cases with every column the rates read (id for the sign-for lookup), so that a month
-- of cases is an index-only scan instead of visits to the wide case rows. For a year of a million cases
-- PostgreSQL rightly prefers reading the table. Keep the columns in step with rates.sql.
CREATE INDEX IF NOT EXISTS case_figures_idx ON cases (registered_at)
    INCLUDE (id, workstation_id, representative_id, village_id, category_id, state, replied_at, reply_due_at, feedback);
