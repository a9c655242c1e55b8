#!/usr/bin/env bash
# Times the console's first screen on a million cases: from submitting the sign-in form as `office` to the
# dashboard (总览) of November 2026 drawn in headless Chromium — the page's navigation start to the moment
# console.js has drawn every chart (performance mark lianxin:charts-drawn), the 303, the server's figures and
# the browser's work included. Baseline beside it: the same on the town with no generated cases.
#
#   infra/bench/console-bench.sh [cases]        default 1000000
#
# Starts its own ./infra/run (no demo town; data in infra/bench/out/console-data, removed at the end) on ports
# 18080 and up, generates the cases with infra/bench/generate-cases.sql, and drives Debian's chromium through
# chromedriver's WebDriver protocol with curl. Needs psql, chromium and chromium-driver.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT="$ROOT/infra/bench/out"
CASES=${1:-1000000}
RUNS=5
export LIANXIN_DATA="$OUT/console-data" LIANXIN_HTTP_PORT=18080 LIANXIN_MANAGEMENT_PORT=19000 LIANXIN_PG_PORT=25432 LIANXIN_REDIS_PORT=26379 LIANXIN_KAFKA_PORT=29092
# The benchmark's town only: the demo town would add its own cases to the figures.
export _LOCAL_LIANXIN_DEMO_DATA_ENABLED=false
BASE="http://127.0.0.1:$LIANXIN_HTTP_PORT"
DRIVER_PORT=19515
WD="http://127.0.0.1:$DRIVER_PORT"

for tool in psql curl /usr/bin/chromium /usr/bin/chromedriver; do
  command -v "$tool" >/dev/null || { echo "console-bench: $tool is missing (packages postgresql-client, chromium, chromium-driver)" >&2; exit 2; }
done
[[ $CASES =~ ^[0-9]+$ && $CASES -ge 1000 ]] || { echo "console-bench: the number of cases must be at least 1000" >&2; exit 2; }

mkdir -p "$OUT"
rm -rf "$LIANXIN_DATA"
stop() {
  [[ -n ${SESSION:-} ]] && curl -s -X DELETE "$WD/session/$SESSION" >/dev/null || true
  [[ -n ${DRIVER_PID:-} ]] && kill "$DRIVER_PID" 2>/dev/null || true
  "$ROOT/infra/run" stop >/dev/null 2>&1 || true
  [[ -n ${RUN_PID:-} ]] && wait "$RUN_PID" 2>/dev/null || true
  rm -rf "$LIANXIN_DATA"
}
trap stop EXIT

echo "== starting Lianxin without the demo town (log: $OUT/console-run.log)"
"$ROOT/infra/run" >"$OUT/console-run.log" 2>&1 &
RUN_PID=$!
until grep -q "Lianxin is up" "$OUT/console-run.log"; do
  kill -0 "$RUN_PID" 2>/dev/null || { echo "console-bench: ./infra/run stopped; see $OUT/console-run.log" >&2; exit 1; }
  sleep 2
done
source "$LIANXIN_DATA/secrets.env"

/usr/bin/chromedriver --port=$DRIVER_PORT >"$OUT/console-chromedriver.log" 2>&1 &
DRIVER_PID=$!
until curl -sf "$WD/status" >/dev/null; do sleep 0.2; done
wd() { curl -sf -H 'content-type: application/json' -X "$1" "$WD/session${SESSION:+/$SESSION}$2" ${3:+-d "$3"}; }
SESSION=$(wd POST "" '{"capabilities":{"alwaysMatch":{"browserName":"chrome","goog:chromeOptions":{"binary":"/usr/bin/chromium",
  "args":["--headless=new","--no-sandbox","--disable-gpu","--disable-quic","--no-first-run","--disable-background-networking",
  "--disable-component-update","--disable-sync","--disable-dev-shm-usage","--window-size=1280,800"]}}}}' \
  | sed -E 's/.*"sessionId":"([^"]+)".*/\1/')
script() { wd POST /execute/sync "{\"script\":$(printf '%s' "$1" | python3 -c 'import json,sys; print(json.dumps(sys.stdin.read()))'),\"args\":[]}"; }

# One sign-in to the drawn dashboard; prints the milliseconds from the form's submission to drawn charts.
sign_in_to_dashboard() {
  curl -s -X DELETE "$WD/session/$SESSION/cookie" >/dev/null
  wd POST /url "{\"url\":\"$BASE/console/login?next=%2Fconsole%2F%3Fmonth%3D2026-11\"}" >/dev/null
  script "document.getElementById('username').value='office'; document.getElementById('password').value='$LIANXIN_ADMIN_PASSWORD'; document.querySelector('form').submit();" >/dev/null
  local value=""
  for _ in $(seq 600); do
    value=$(script "const m = performance.getEntriesByName('lianxin:charts-drawn')[0]; return location.pathname === '/console/' && m ? Math.round(m.startTime) : null;" \
      | sed -E 's/.*"value":([0-9null]+).*/\1/')
    [[ $value != null && -n $value ]] && break
    sleep 0.1
  done
  echo "$value"
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
measure() { # prints "first median" of RUNS sign-ins
  local first; first=$(sign_in_to_dashboard)
  local rest; rest=$(for _ in $(seq $RUNS); do sign_in_to_dashboard; done | median)
  echo "$first $rest"
}
server_time() { # the dashboard's HTML alone, signed in with curl: median of RUNS, ms
  local jar="$OUT/console-cookies" token
  token=$(curl -s -c "$jar" "$BASE/console/login" | grep -o 'name="_csrf" value="[^"]*"' | sed 's/.*value="//;s/"$//')
  curl -s -b "$jar" -c "$jar" -o /dev/null "$BASE/console/login" --data-urlencode username=office \
    --data-urlencode "password=$LIANXIN_ADMIN_PASSWORD" --data-urlencode "_csrf=$token"
  for _ in $(seq $RUNS); do curl -s -b "$jar" -o /dev/null -w '%{time_total}\n' "$BASE/console/?month=2026-11"; done \
    | awk '{printf "%d\n", $1 * 1000}' | median
}

echo "== baseline: the town without generated cases"
read -r BASE_FIRST BASE_MEDIAN < <(measure)
BASE_SERVER=$(server_time)

echo "== generating $CASES cases"
PGPASSWORD= psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$LIANXIN_PG_PORT" -U postgres -d lianxin -v cases="$CASES" \
  -f "$ROOT/infra/bench/generate-cases.sql"
psql -X -q -h 127.0.0.1 -p "$LIANXIN_PG_PORT" -U postgres -d lianxin -c "VACUUM ANALYZE" >/dev/null

echo "== $CASES cases"
read -r FIRST MEDIAN < <(measure)
SERVER=$(server_time)

echo
echo "Sign-in to a drawn 总览 (November 2026, whole town), headless Chromium, ms"
printf '%-48s %12s %14s\n' "" "no cases" "$CASES cases"
printf '%-48s %12s %14s\n' "first sign-in after start" "$BASE_FIRST" "$FIRST"
printf '%-48s %12s %14s\n' "median of $RUNS sign-ins" "$BASE_MEDIAN" "$MEDIAN"
printf '%-48s %12s %14s\n' "the dashboard's HTML alone (curl, median)" "$BASE_SERVER" "$SERVER"
