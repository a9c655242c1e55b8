#!/usr/bin/env bash
# Times WeCom's callback URL (cn.lianxin.channels.wecom): how fast POST /api/wecom/callback answers encrypted text
# messages — WeCom waits 5 s for the answer, then retries — and how long the stored messages wait to be processed.
#
#   infra/bench/wecom-callback-bench.sh [callbacks] [concurrency …]     default 2000 callbacks, at 1 and at 32
#
# Needs a JDK 17+, Maven and psql. It starts its own Lianxin with ./infra/run (embedded PostgreSQL, Redis and
# Kafka, demo town, sandbox providers: nothing is sent anywhere) in its own data folder infra/bench/out/lianxin
# (LIANXIN_BENCH_DATA; git-ignored, kept between runs so binaries are unpacked once) and on its own ports, so that
# a Lianxin already running on the defaults is left alone: LIANXIN_HTTP_PORT 18080, LIANXIN_MANAGEMENT_PORT 19000,
# LIANXIN_PG_PORT 25432, LIANXIN_REDIS_PORT 26379, LIANXIN_KAFKA_PORT 29092 (and +1), each overridable. It never reuses a running backend: the callbacks must be
# encrypted with the key that backend was started with, which the bench generates for each run and hands to
# ./infra/run through the environment (LIANXIN_WECOM_*). What it started is stopped (./infra/run stop) when it ends,
# also on failure or Ctrl-C. The default takes 2 to 3 minutes once built: each run waits ~40 s for processing.
#
# Each concurrency is one run: first the same number of GET /q/health/live (the floor for an answer; on the management
# port, which shares the backend's event loops), then
# the callbacks: text messages "列表" from the demo representatives and one unregistered user id, of which a
# DUPLICATE_SHARE (default 0.1) are WeCom's retries of a message of the run (same MsgId). Rows stored and the time
# until every stored row is processed (processed_at set) are read from wecom_inbound with psql.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT="$ROOT/infra/bench/out"
CALLBACKS=${1:-2000}
(( $# )) && shift
CONCURRENCY=("$@")
(( ${#CONCURRENCY[@]} )) || CONCURRENCY=(1 32)
DUPLICATE_SHARE=${DUPLICATE_SHARE:-0.1}
export LIANXIN_DATA=${LIANXIN_BENCH_DATA:-$OUT/lianxin}
export LIANXIN_HTTP_PORT=${LIANXIN_HTTP_PORT:-18080} LIANXIN_MANAGEMENT_PORT=${LIANXIN_MANAGEMENT_PORT:-19000}
export LIANXIN_PG_PORT=${LIANXIN_PG_PORT:-25432}
export LIANXIN_REDIS_PORT=${LIANXIN_REDIS_PORT:-26379} LIANXIN_KAFKA_PORT=${LIANXIN_KAFKA_PORT:-29092}
BASE="http://127.0.0.1:$LIANXIN_HTTP_PORT"
MANAGEMENT="http://127.0.0.1:$LIANXIN_MANAGEMENT_PORT"
export PGHOST=127.0.0.1 PGPORT=$LIANXIN_PG_PORT PGUSER=postgres PGDATABASE=lianxin

for tool in java mvn psql; do
  command -v $tool >/dev/null || { echo "wecom-callback-bench: $tool is needed (psql: package postgresql-client)" >&2; exit 2; }
done
[[ $CALLBACKS =~ ^[0-9]+$ && $CALLBACKS -ge 100 ]] || { echo "wecom-callback-bench: at least 100 callbacks" >&2; exit 2; }
for port in "$LIANXIN_HTTP_PORT" "$LIANXIN_MANAGEMENT_PORT" "$LIANXIN_PG_PORT" "$LIANXIN_REDIS_PORT" "$LIANXIN_KAFKA_PORT" $((LIANXIN_KAFKA_PORT + 1)); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "wecom-callback-bench: port $port is in use; choose others with LIANXIN_HTTP_PORT, LIANXIN_MANAGEMENT_PORT, LIANXIN_PG_PORT, LIANXIN_REDIS_PORT, LIANXIN_KAFKA_PORT" >&2
    exit 2
  fi
done

# WeCom settings for this run only, in WeCom's formats (EncodingAESKey: 43 characters, base64 of 32 bytes without
# the "="). The channel stays sandboxed and its API host points at a closed local port: nothing can leave.
random() { head -c "$1" /dev/urandom | base64 | tr -d '=\n'; }
export LIANXIN_WECOM_CORP_ID="wwbench$(head -c 6 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export LIANXIN_WECOM_TOKEN=$(random 24 | tr -d '+/') LIANXIN_WECOM_AES_KEY=$(random 32)
export LIANXIN_WECOM_AGENT_ID=1000002 LIANXIN_WECOM_SECRET=$(random 30)
export LIANXIN_WECOM_SANDBOX=true LIANXIN_WECOM_API_BASE_URL=http://127.0.0.1:9

mkdir -p "$OUT"
RUN_LOG="$OUT/wecom-run.log"
RUN_PID=""
# ./infra/run stops what it started when it gets TERM; ./infra/run stop is the backstop for whatever it left.
stop() {
  [[ -z $RUN_PID ]] || { kill -TERM "$RUN_PID" 2>/dev/null; wait "$RUN_PID" 2>/dev/null; } || true
  "$ROOT/infra/run" stop >/dev/null 2>&1 || true
}
trap stop EXIT
# Without these bash dies of Ctrl-C or kill and skips the EXIT trap, leaving Lianxin running.
trap 'exit 130' INT
trap 'exit 143' TERM

echo "== starting Lianxin on :$LIANXIN_HTTP_PORT with ./infra/run (log: $RUN_LOG)"
: > "$RUN_LOG" # emptied here, not by the background start: the wait below must not read the last run's log
"$ROOT/infra/run" >> "$RUN_LOG" 2>&1 &
RUN_PID=$!
waited=0
until grep -q 'Lianxin is up' "$RUN_LOG"; do # printed once /q/health/ready answers 200
  kill -0 $RUN_PID 2>/dev/null || { tail -n 30 "$RUN_LOG" >&2; echo "wecom-callback-bench: ./infra/run stopped" >&2; exit 1; }
  sleep 2; waited=$((waited + 2))
  (( waited < 900 )) || { echo "wecom-callback-bench: not ready after 900 s (log: $RUN_LOG)" >&2; exit 1; }
done
echo "   ready after $waited s"

sql() { psql -X -qtA -v ON_ERROR_STOP=1 -c "$1"; }
# Members (representatives with a WeCom id and a staff account) get their list of cases; the one stranger a refusal.
SENDERS="$(sql "SELECT string_agg(r.wecom_user_id, ',' ORDER BY r.id) FROM representative r
               JOIN staff_account s ON s.representative_id = r.id WHERE r.wecom_user_id IS NOT NULL"),bench-stranger"
bench() { (cd "$ROOT/infra/bench" && java Bench.java "$@"); }
field() { sed -E "s/.*\\b$1=([^ ]+).*/\\1/" <<<"$2"; }
now() { date +%s.%N; }

# callbacks COUNT CONCURRENCY: the answer line, then rows stored and seconds until all were processed, counted from
# the first callback and from the last answer.
callbacks() {
  local before t0 t1 line left
  before=$(sql "SELECT coalesce(max(id), 0) FROM wecom_inbound")
  t0=$(now)
  line=$(bench callback "$1" "$2" "$BASE" "$DUPLICATE_SHARE" "$(( $(date +%s%N) / 1000 ))" "$SENDERS")
  t1=$(now)
  for _ in $(seq 1 3000); do
    left=$(sql "SELECT count(*) FROM wecom_inbound WHERE id > $before AND processed_at IS NULL")
    (( left == 0 )) && break
    sleep 0.2
  done
  local done_at; done_at=$(now)
  echo "   outcomes: $(sql "SELECT string_agg(n || ' × ' || o, ', ' ORDER BY n DESC) FROM (SELECT regexp_replace(outcome, '[0-9]+', 'N', 'g') o,
                   count(*) n FROM wecom_inbound WHERE id > $before GROUP BY 1) x")" >&2
  echo "$line rows=$(sql "SELECT count(*) FROM wecom_inbound WHERE id > $before") unprocessed=$left" \
       "failed=$(sql "SELECT count(*) FROM wecom_inbound WHERE id > $before AND outcome LIKE 'failed%'")" \
       "drain=$(awk "BEGIN {printf \"%.1f\", $done_at - $t0}") after=$(awk "BEGIN {printf \"%.1f\", $done_at - $t1}")"
}

echo "== warming up (500 GET /q/health/live, 200 callbacks at concurrency 8; not counted)"
bench live 500 8 "$MANAGEMENT" >/dev/null
callbacks 200 8 >/dev/null 2>&1

declare -A LIVE CALL
for c in "${CONCURRENCY[@]}"; do
  echo "== concurrency $c: $CALLBACKS GET /q/health/live, then $CALLBACKS callbacks"
  LIVE[$c]=$(bench live "$CALLBACKS" "$c" "$MANAGEMENT")
  CALL[$c]=$(callbacks "$CALLBACKS" "$c")
  echo "   live:     ${LIVE[$c]}"
  echo "   callback: ${CALL[$c]}"
done

echo
echo "$CALLBACKS requests per run; callbacks from $(tr ',' '\n' <<<"$SENDERS" | wc -l) senders, $DUPLICATE_SHARE of them retries" \
     "(same MsgId); $(nproc) cores; answer latency in ms, WeCom's limit 5000"
printf '%-24s %5s %9s %8s %8s %8s %8s %8s %10s %12s %12s\n' request conc "answers/s" p50 p95 p99 max non-2xx rows "processed s" "after last s"
for c in "${CONCURRENCY[@]}"; do
  for kind in live callback; do
    if [[ $kind == live ]]; then line=${LIVE[$c]}; label="GET /q/health/live"; else line=${CALL[$c]}; label="POST /api/wecom/callback"; fi
    printf '%-24s %5s %9s %8s %8s %8s %8s %8s' "$label" "$c" "$(field throughput "$line")" "$(field p50 "$line")" \
      "$(field p95 "$line")" "$(field p99 "$line")" "$(field max "$line")" "$(field non2xx "$line")"
    if [[ $kind == callback ]]; then
      printf ' %10s %12s %12s\n' "$(field rows "$line")/$(field unique "$line")" "$(field drain "$line")" "$(field after "$line")"
      (( $(field unprocessed "$line") == 0 )) || echo "   $(field unprocessed "$line") rows still unprocessed after 600 s"
      (( $(field failed "$line") == 0 )) || echo "   $(field failed "$line") rows closed as failed (see outcome in wecom_inbound)"
    else
      printf ' %10s %12s %12s\n' - - -
    fi
  done
done
echo "rows: stored in wecom_inbound / distinct MsgIds sent; processed s: from the first callback until every row had"
echo "processed_at (lianxin.wecom.inbound-interval $(grep -E '^lianxin.wecom.inbound-interval=' "$ROOT/backend/src/main/resources/application.properties" | cut -d= -f2), batch ${LIANXIN_WECOM_INBOUND_BATCH_SIZE:-$(grep -E '^lianxin.wecom.inbound-batch-size=' "$ROOT/backend/src/main/resources/application.properties" | cut -d= -f2)})"
