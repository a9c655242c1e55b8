#!/usr/bin/env bash
# Times the town office's figures (cn.lianxin.stats) on a million cases: the very SQL files the backend runs,
# first on the schema without V8 (the baseline), then with it.
#
#   infra/bench/stats-bench.sh [cases]        default 1000000
#
# Needs psql and a PostgreSQL it may create a database in (PGHOST, PGPORT, PGUSER as usual; defaults
# 127.0.0.1, 5432, postgres). It creates the scratch database lianxin_bench, applies the Flyway migrations in
# order with psql, generates the cases, and drops the database when it ends, also on failure or Ctrl-C.
# Plans (EXPLAIN ANALYZE, BUFFERS) are kept in infra/bench/out/ (git-ignored). A few minutes on a laptop.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
MIGRATIONS="$ROOT/backend/src/main/resources/db/migration"
QUERIES="$ROOT/backend/src/main/resources/cn/lianxin/stats"
OUT="$ROOT/infra/bench/out"
CASES=${1:-1000000}
DB=lianxin_bench
RUNS=5
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
# As the backend's connections run (quarkus.datasource.reactive.additional-properties.jit in application.properties).
export PGOPTIONS="${PGOPTIONS:-} -c jit=off"

if ! command -v psql >/dev/null; then
  echo "stats-bench: psql is not installed here. Install the PostgreSQL client (package postgresql-client) and" >&2
  echo "point PGHOST/PGPORT/PGUSER at a server where a scratch database may be created." >&2
  exit 2
fi
[[ $CASES =~ ^[0-9]+$ && $CASES -ge 1000 ]] || { echo "stats-bench: the number of cases must be at least 1000" >&2; exit 2; }

psql_q() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }
drop() { psql_q -d postgres -c "DROP DATABASE IF EXISTS $DB" >/dev/null 2>&1 || true; }
trap drop EXIT

mkdir -p "$OUT"
drop
psql_q -d postgres -c "CREATE DATABASE $DB"

version() { basename "$1" | sed -E 's/^V([0-9]+)__.*/\1/'; }
migrate() { # migrate FROM TO: the migrations with FROM <= version <= TO, in version order
  local file
  for file in $(ls "$MIGRATIONS"/V*__*.sql | sort -V); do
    local v; v=$(version "$file")
    if (( v >= $1 && v <= $2 )); then psql_q -d "$DB" -f "$file" >/dev/null; fi
  done
}

echo "== schema V1..V7 (everything before this benchmark's V8)"
migrate 1 7

echo "== generating $CASES cases over the 12 months before 2026-11-28 (with their record)"
start=$(date +%s)
psql_q -d "$DB" -v cases="$CASES" <<'SQL'
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
SQL
psql_q -d "$DB" -c "VACUUM ANALYZE" >/dev/null
echo "   generated in $(( $(date +%s) - start )) s: $(psql -X -tA -d "$DB" -c "SELECT count(*) || ' cases, ' || (SELECT count(*) FROM case_activity) || ' record lines, ' || count(*) FILTER (WHERE state <> 'ARCHIVED') || ' open' FROM cases")"

NOW="timestamptz '2026-11-28 12:00+08'"
MONTH="timestamptz '2026-11-01 00:00+08', timestamptz '2026-12-01 00:00+08'"
YEAR="timestamptz '2025-12-01 00:00+08', timestamptz '2026-12-01 00:00+08'"
declare -A RESULT

# rates DIMENSION NAMES: the rates query for that dimension, as cn.lianxin.stats.Figures fills it in.
rates() { sed -e "s/{dimension}/$1/g" -e "s/{names}/$2/g" "$QUERIES/rates.sql"; }

# measure LABEL TYPES ARGS SQL: EXPLAIN (ANALYZE, BUFFERS) once into $OUT, then the median wall time of $RUNS
# executions of the prepared statement (as the backend's SQL client runs it), in ms.
measure() {
  local label=$1 types=$2 args=$3 sql=$4 phase=$5
  local log="$OUT/${phase}-${label// /-}.txt"
  {
    echo "PREPARE q ($types) AS $sql;"
    echo "EXPLAIN (ANALYZE, BUFFERS) EXECUTE q ($args);"
    echo '\o /dev/null'
    echo '\timing on'
    for _ in $(seq $RUNS); do echo "EXECUTE q ($args);"; done
  } | psql_q -d "$DB" >"$log" 2>&1
  local median
  median=$(grep -E '^Time: ' "$log" | awk '{print $2}' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  RESULT["$phase|$label"]=$median
}

run_all() {
  local phase=$1 ts='timestamptz, timestamptz, timestamptz, bigint'
  measure "rates by workstation, month" "$ts" "$MONTH, $NOW, NULL" "$(rates workstation_id workstation)" "$phase"
  measure "rates by representative, month" "$ts" "$MONTH, $NOW, NULL" "$(rates representative_id representative)" "$phase"
  measure "rates by village, one workstation, month" "$ts" "$MONTH, $NOW, 2" "$(rates village_id village)" "$phase"
  measure "rates by workstation, year" "$ts" "$YEAR, $NOW, NULL" "$(rates workstation_id workstation)" "$phase"
  measure "rates by category, year" "$ts" "$YEAR, $NOW, NULL" "$(rates category_id category)" "$phase"
  measure "overdue, first page" 'timestamptz, bigint, int, int' "$NOW, NULL, 20, 0" "$(cat "$QUERIES/overdue.sql")" "$phase"
  measure "overdue, one workstation, page 10" 'timestamptz, bigint, int, int' "$NOW, 2, 20, 200" "$(cat "$QUERIES/overdue.sql")" "$phase"
}

echo "== baseline: timing without V8"
run_all baseline
echo "== applying V8 and later"
migrate 8 9999
psql_q -d "$DB" -c "ANALYZE" >/dev/null
echo "== timing with V8"
run_all v8

overdue=$(psql -X -tA -d "$DB" -c "SELECT count(*) FROM cases WHERE state <> 'ARCHIVED' AND LEAST(CASE WHEN state = 'REGISTERED' THEN sign_for_due_at END, CASE WHEN replied_at IS NULL THEN reply_due_at END, CASE WHEN replied_at IS NULL THEN resolve_due_at END) < $NOW")
echo
echo "$CASES cases ($overdue overdue), median of $RUNS runs, ms (PostgreSQL $(psql -X -tA -d "$DB" -c 'SHOW server_version'))"
printf '%-44s %12s %12s\n' query "without V8" "with V8"
for label in "rates by workstation, month" "rates by representative, month" "rates by village, one workstation, month" \
             "rates by workstation, year" "rates by category, year" "overdue, first page" "overdue, one workstation, page 10"; do
  printf '%-44s %12s %12s\n' "$label" "${RESULT[baseline|$label]}" "${RESULT[v8|$label]}"
done
echo "plans: $OUT"
