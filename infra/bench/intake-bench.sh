#!/usr/bin/env bash
# Times staff intake, POST /api/cases (cn.lianxin.cases), against the floor of the same PostgreSQL: pgbench committing
# the same rows a registration writes (the case, its first record line, its outbox event) as raw SQL, measured in the
# same run, at the same concurrency. Reports cases/s, p50/p99 latency and the ratio to the floor.
#
#   infra/bench/intake-bench.sh [requests] [concurrency …]     default 3000 requests, at 8, 32 and 64
#
# Needs a JDK 17+, Maven, psql and pgbench (package postgresql-client or the server's contrib). It starts its own
# Lianxin with ./infra/run (embedded PostgreSQL, Redis and Kafka, demo town, sandbox providers: nothing is sent
# anywhere) in infra/bench/out/intake-data (removed at the end) on ports 18080 and up (as the other benches), and
# stops it when it ends, also on failure or Ctrl-C. Between runs it waits until every event is on Kafka, so that one
# run's backlog does not slow the next.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT="$ROOT/infra/bench/out"
REQUESTS=${1:-3000}
(( $# )) && shift
CONCURRENCY=("$@")
(( ${#CONCURRENCY[@]} )) || CONCURRENCY=(8 32 64)
export LIANXIN_DATA="$OUT/intake-data" LIANXIN_HTTP_PORT=18080 LIANXIN_MANAGEMENT_PORT=19000 LIANXIN_PG_PORT=25432
export LIANXIN_REDIS_PORT=26379 LIANXIN_KAFKA_PORT=29092
BASE="http://127.0.0.1:$LIANXIN_HTTP_PORT"
export PGHOST=127.0.0.1 PGPORT=$LIANXIN_PG_PORT PGUSER=postgres PGDATABASE=lianxin

for tool in java mvn psql pgbench curl; do
  command -v $tool >/dev/null || { echo "intake-bench: $tool is needed (psql, pgbench: package postgresql-client)" >&2; exit 2; }
done
[[ $REQUESTS =~ ^[0-9]+$ && $REQUESTS -ge 100 ]] || { echo "intake-bench: at least 100 requests" >&2; exit 2; }

mkdir -p "$OUT"
rm -rf "$LIANXIN_DATA"
RUN_LOG="$OUT/intake-run.log"
RUN_PID=""
stop() {
  [[ -z $RUN_PID ]] || { kill -TERM "$RUN_PID" 2>/dev/null; wait "$RUN_PID" 2>/dev/null; } || true
  "$ROOT/infra/run" stop >/dev/null 2>&1 || true
  rm -rf "$LIANXIN_DATA"
}
trap stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "== starting Lianxin on :$LIANXIN_HTTP_PORT with ./infra/run (log: $RUN_LOG)"
: > "$RUN_LOG"
"$ROOT/infra/run" >> "$RUN_LOG" 2>&1 &
RUN_PID=$!
until grep -q 'Lianxin is up' "$RUN_LOG"; do
  kill -0 $RUN_PID 2>/dev/null || { tail -n 30 "$RUN_LOG" >&2; echo "intake-bench: ./infra/run stopped" >&2; exit 1; }
  sleep 2
done
source "$LIANXIN_DATA/secrets.env"

sql() { psql -X -qtA -v ON_ERROR_STOP=1 -c "$1"; }
bench() { (cd "$ROOT/infra/bench" && java Bench.java "$@"); }
field() { sed -E "s/.*\\b$1=([^ ]+).*/\\1/" <<<"$2"; }
export LIANXIN_BENCH_TOKEN=$(curl -sf "$BASE/api/auth/login" -H content-type:application/json \
  -d "{\"username\":\"office\",\"password\":\"$LIANXIN_ADMIN_PASSWORD\"}" | sed -E 's/.*"token":"([^"]+)".*/\1/')

# The demo town's residents, each in their own village, and one category: what a liaison registers all day.
CATEGORY=$(sql "SELECT min(id) FROM category")
BODIES="$OUT/intake-bodies.json"
sql "SELECT json_build_object('residentId', id, 'villageId', village_id, 'categoryId', $CATEGORY, 'channel', 'WALK_IN',
       'text', '路灯坏了，晚上看不见路') FROM resident WHERE village_id IS NOT NULL" > "$BODIES"
[[ -s $BODIES ]] || { echo "intake-bench: the demo town has no residents" >&2; exit 1; }
read -r RESIDENT VILLAGE TOWN < <(sql "SELECT r.id, r.village_id, v.town_id FROM resident r JOIN village v ON v.id = r.village_id LIMIT 1" | tr '|' ' ')

# The floor: the same three rows per registration in one transaction. The outbox row is written as the relay leaves
# it (published), so that the idle backend's relay does not publish the floor's events while it is measured.
FLOOR="$OUT/intake-floor.sql"
cat > "$FLOOR" <<SQL
WITH c AS (
  INSERT INTO cases (id, number, town_id, resident_id, village_id, category_id, channel, text, state, registered_by,
                     registered_at, updated_at)
  VALUES (gen_random_uuid(), 'FLOOR-' || gen_random_uuid(), $TOWN, '$RESIDENT', $VILLAGE, $CATEGORY, 'WALK_IN',
          '路灯坏了，晚上看不见路', 'REGISTERED', 'bench', now(), now())
  RETURNING id),
a AS (INSERT INTO case_activity (case_id, at, actor, action, channel, to_state)
      SELECT id, now(), 'bench', 'REGISTER', 'WALK_IN', 'REGISTERED' FROM c)
INSERT INTO outbox_event (id, aggregate_type, aggregate_id, event_type, topic, payload, created_at, published_at)
SELECT gen_random_uuid(), 'case', id::text, 'CaseRegistered', 'bench-floor', jsonb_build_object('caseId', id), now(), now() FROM c;
SQL

settle() {
  for _ in $(seq 1 600); do
    (( $(sql "SELECT count(*) FROM outbox_event WHERE published_at IS NULL AND parked_at IS NULL") == 0 )) && return
    sleep 0.5
  done
  echo "   (the outbox still had unpublished events after 300 s)" >&2
}

echo "== warming up (300 registrations at concurrency 8; not counted)"
bench post 300 8 "$BASE" /api/cases "$BODIES" >/dev/null
settle

declare -A API FLOOR_TPS
for c in "${CONCURRENCY[@]}"; do
  echo "== concurrency $c: $REQUESTS registrations, then pgbench for the same number of transactions"
  before=$(sql "SELECT count(*) FROM cases WHERE number NOT LIKE 'FLOOR-%'")
  API[$c]=$(bench post "$REQUESTS" "$c" "$BASE" /api/cases "$BODIES")
  stored=$(( $(sql "SELECT count(*) FROM cases WHERE number NOT LIKE 'FLOOR-%'") - before ))
  API[$c]="${API[$c]} stored=$stored"
  echo "   api:   ${API[$c]}"
  settle
  FLOOR_TPS[$c]=$(pgbench -n -f "$FLOOR" -c "$c" -j 2 -t $(( (REQUESTS + c - 1) / c )) lianxin 2>&1 \
    | sed -nE 's/^tps = ([0-9.]+).*/\1/p' | head -1)
  echo "   floor: ${FLOOR_TPS[$c]} tps"
done

echo
echo "$REQUESTS registrations per run by the town office (staff POST /api/cases, demo town, routing and deadlines as"
echo "in production); floor: pgbench, the same case + record line + outbox rows as one raw SQL transaction; $(nproc) cores"
printf '%5s %10s %8s %8s %8s %8s %10s %7s\n' conc "cases/s" p50 p99 failed stored "floor tps" ratio
for c in "${CONCURRENCY[@]}"; do
  line=${API[$c]}
  printf '%5s %10s %8s %8s %8s %8s %10.0f %6.1f%%\n' "$c" "$(field throughput "$line")" "$(field p50 "$line")" \
    "$(field p99 "$line")" "$(field non2xx "$line")" "$(field stored "$line")" "${FLOOR_TPS[$c]}" \
    "$(awk "BEGIN {print 100 * $(field throughput "$line") / ${FLOOR_TPS[$c]}}")"
done
echo "latencies in ms as the client sees them; ratio: Lianxin's cases/s ÷ the floor's transactions/s"
