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
psql_q -d "$DB" -v cases="$CASES" -f "$ROOT/infra/bench/generate-cases.sql"
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
