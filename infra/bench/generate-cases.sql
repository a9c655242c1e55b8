-- :cases cases over the 12 months before 2026-11-28 in a new town (基准镇) with 3 workstations, 10 villages,
-- 10 categories and 50 000 residents, with their record. Run on an empty schema (ids start at 1) by
-- infra/bench/stats-bench.sh and infra/bench/console-bench.sh: psql -v cases=N -f generate-cases.sql
SET synchronous_commit = off;
INSERT INTO town (code, name) VALUES ('BM', '基准镇');
INSERT INTO constituency (town_id, name) VALUES (1, '第一选区');
INSERT INTO village (town_id, constituency_id, name) SELECT 1, 1, '村' || g FROM generate_series(1, 10) g;
INSERT INTO workstation (town_id, name, place, signage, service_theme, liaison_name)
    SELECT 1, '工作室' || g, '村委会', '党代表工作室', '服务', '联络员' FROM generate_series(1, 3) g;
INSERT INTO representative (workstation_id, constituency_id, name)
    SELECT 1 + (g - 1) % 3, 1, '代表' || g FROM generate_series(1, 12) g;
INSERT INTO category (code, name, work_field) SELECT 'cat-' || g, '类别' || g, 'GENERAL' FROM generate_series(1, 10) g;
INSERT INTO resident (id, name, village_id) SELECT gen_random_uuid(), '居民' || g, 1 + g % 10 FROM generate_series(1, 50000) g;
CREATE TEMP TABLE residents AS SELECT row_number() OVER () AS n, id FROM resident;
CREATE INDEX ON residents (n);

-- Older cases are mostly archived; the last month's are spread over the six steps. Nine in ten have the three
-- deadlines (1, 7 and 15 days), as cases will once deadlines are set; replies come 0 to 10 days after
-- registration, so some are late.
CREATE TEMP TABLE gen AS
SELECT g,
       timestamptz '2026-11-28 12:00+08' - interval '365 days' * (g::float8 / :cases) - interval '1 hour' * random() AS registered_at,
       random() AS p, random() AS q, random() AS d
FROM generate_series(1, :cases) g;

INSERT INTO cases (id, number, town_id, resident_id, village_id, category_id, channel, text, state, handling_class,
                   workstation_id, representative_id, routing_score, routing_reasons, sign_for_due_at, reply_due_at,
                   resolve_due_at, feedback, registered_by, registered_at, updated_at, archived_at, replied_at,
                   reply_text, feedback_attempted)
SELECT gen_random_uuid(), 'BM-' || g, 1, r.id, 1 + g % 10, 1 + (g / 7) % 10, 'WALK_IN', '村口的路灯坏了三个月了，请尽快修理（' || g || '）',
       s.state, CASE WHEN s.state NOT IN ('REGISTERED', 'RECEIVED') THEN 'ON_THE_SPOT' END,
       1 + (g % 12) % 3, 1 + g % 12, 45, ARRAY['包抓联系点：村' || (1 + g % 10) || ' (+40)', '当前在办 1 件 (−5)'],
       CASE WHEN d < 0.9 THEN registered_at + interval '1 day' END,
       CASE WHEN d < 0.9 THEN registered_at + interval '7 days' END,
       CASE WHEN d < 0.9 THEN registered_at + interval '15 days' END,
       CASE WHEN s.state = 'FEEDBACK_GIVEN' OR (s.state = 'ARCHIVED' AND q < 0.8)
            THEN CASE WHEN q < 0.5 THEN 'SATISFIED' WHEN q < 0.7 THEN 'BASICALLY_SATISFIED' ELSE 'UNSATISFIED' END END,
       'office', registered_at, registered_at,
       CASE WHEN s.state = 'ARCHIVED' THEN registered_at + interval '12 days' END,
       CASE WHEN s.state IN ('REPLIED', 'FEEDBACK_GIVEN', 'ARCHIVED') THEN registered_at + interval '10 days' * q END,
       CASE WHEN s.state IN ('REPLIED', 'FEEDBACK_GIVEN', 'ARCHIVED') THEN '已处理' END,
       s.state IN ('FEEDBACK_GIVEN', 'ARCHIVED')
FROM gen
JOIN residents r ON r.n = 1 + g % 50000
CROSS JOIN LATERAL (SELECT CASE
    WHEN registered_at < timestamptz '2026-10-28 12:00+08' THEN
        CASE WHEN p < 0.90 THEN 'ARCHIVED' WHEN p < 0.94 THEN 'FEEDBACK_GIVEN' WHEN p < 0.97 THEN 'REPLIED'
             WHEN p < 0.985 THEN 'IN_PROGRESS' WHEN p < 0.99 THEN 'RECEIVED' ELSE 'REGISTERED' END
    ELSE
        CASE WHEN p < 0.30 THEN 'ARCHIVED' WHEN p < 0.45 THEN 'FEEDBACK_GIVEN' WHEN p < 0.60 THEN 'REPLIED'
             WHEN p < 0.80 THEN 'IN_PROGRESS' WHEN p < 0.90 THEN 'RECEIVED' ELSE 'REGISTERED' END
    END AS state) s;

-- The record: registration, sign-for (also for one in five cases back in 登记 after a transfer), handling,
-- reply, rating, archive.
INSERT INTO case_activity (case_id, at, actor, action, channel, from_state, to_state, detail)
SELECT c.id, c.registered_at + a.after, a.actor, a.action, 'CONSOLE', a.from_state, a.to_state, a.detail
FROM cases c
CROSS JOIN LATERAL (VALUES
    (interval '0', 'office', 'REGISTER', NULL, 'REGISTERED', '登记', true),
    (interval '2 hours', 'rep', 'SIGN_FOR', 'REGISTERED', 'RECEIVED', '签收',
        c.state <> 'REGISTERED' OR ('x' || substr(c.id::text, 1, 2))::bit(8)::int % 5 = 0),
    (interval '3 hours', 'rep', 'CHOOSE_HANDLING', 'RECEIVED', 'IN_PROGRESS', '办理方式：ON_THE_SPOT',
        c.state NOT IN ('REGISTERED', 'RECEIVED')),
    (interval '1 day', 'rep', 'REPLY', 'IN_PROGRESS', 'REPLIED', '回复：已处理', c.replied_at IS NOT NULL),
    (interval '11 days', 'liaison', 'RECORD_FEEDBACK', 'REPLIED', 'FEEDBACK_GIVEN', '评价', c.feedback IS NOT NULL),
    (interval '12 days', 'liaison', 'ARCHIVE', 'FEEDBACK_GIVEN', 'ARCHIVED', '归档', c.state = 'ARCHIVED'))
    AS a (after, actor, action, from_state, to_state, detail, happened)
WHERE a.happened;
