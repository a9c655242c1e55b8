#!/usr/bin/env bash
# Times a policy broadcast at provider scale (cn.lianxin.broadcasts): RECIPIENTS residents of one village who get SMS,
# from the second office account's approval to every SendSms call answered by a WireMock fake of Aliyun (every
# delivery row SENT), with the floor measured in the same run: the same delivery rows inserted by one raw SQL
# statement. Reports the seconds, the ratio to the floor, the SendSms calls and the backend's largest heap.
#
#   infra/bench/broadcast-bench.sh [recipients]        default 100000
#
# Needs a JDK 17+, Maven, psql and curl. Starts its own ./infra/run (no demo town, the SMS channel live against the
# fake, no quiet hours) in infra/bench/out/broadcast-data (removed at the end) on ports 18080 and up, and WireMock
# standalone (org.wiremock:wiremock-standalone from the local Maven repository, fetched by Maven if missing).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT="$ROOT/infra/bench/out"
RECIPIENTS=${1:-100000}
export LIANXIN_DATA="$OUT/broadcast-data" LIANXIN_HTTP_PORT=18080 LIANXIN_MANAGEMENT_PORT=19000 LIANXIN_PG_PORT=25432 LIANXIN_REDIS_PORT=26379 LIANXIN_KAFKA_PORT=29092
export _LOCAL_LIANXIN_DEMO_DATA_ENABLED=false
WIREMOCK_PORT=18099
WIREMOCK_VERSION=3.13.2
WIREMOCK_JAR="$HOME/.m2/repository/org/wiremock/wiremock-standalone/$WIREMOCK_VERSION/wiremock-standalone-$WIREMOCK_VERSION.jar"
# The SMS channel live, against the fake; every number is sent to, none held for the night.
export LIANXIN_SMS_SANDBOX=false LIANXIN_SMS_ALIYUN_ENDPOINT="127.0.0.1:$WIREMOCK_PORT" LIANXIN_SMS_ALIYUN_PROTOCOL=http
export LIANXIN_SMS_ALIYUN_ACCESS_KEY_ID=bench-key LIANXIN_SMS_ALIYUN_ACCESS_KEY_SECRET=bench-secret LIANXIN_BROADCAST_QUIET_HOURS=
BASE="http://127.0.0.1:$LIANXIN_HTTP_PORT"
MANAGEMENT="http://127.0.0.1:$LIANXIN_MANAGEMENT_PORT"

for tool in psql curl java mvn; do
  command -v "$tool" >/dev/null || { echo "broadcast-bench: $tool is missing" >&2; exit 2; }
done
[[ $RECIPIENTS =~ ^[0-9]+$ && $RECIPIENTS -ge 1000 ]] || { echo "broadcast-bench: at least 1000 recipients" >&2; exit 2; }
[[ -f $WIREMOCK_JAR ]] || mvn -q dependency:get -Dartifact="org.wiremock:wiremock-standalone:$WIREMOCK_VERSION" >/dev/null

mkdir -p "$OUT"
rm -rf "$LIANXIN_DATA"
stop() {
  [[ -n ${WIREMOCK_PID:-} ]] && kill "$WIREMOCK_PID" 2>/dev/null || true
  "$ROOT/infra/run" stop >/dev/null 2>&1 || true
  [[ -n ${RUN_PID:-} ]] && wait "$RUN_PID" 2>/dev/null || true
  rm -rf "$LIANXIN_DATA"
}
trap stop EXIT

echo "== WireMock Aliyun fake on $WIREMOCK_PORT (SendSms answers Code OK with a BizId, as PROTOCOLS.md documents)"
mkdir -p "$OUT/broadcast-wiremock"
java -jar "$WIREMOCK_JAR" --port "$WIREMOCK_PORT" --bind-address 127.0.0.1 --root-dir "$OUT/broadcast-wiremock" \
  --global-response-templating --disable-banner \
  >"$OUT/broadcast-wiremock.log" 2>&1 &
WIREMOCK_PID=$!
until curl -sf "http://127.0.0.1:$WIREMOCK_PORT/__admin/health" >/dev/null 2>&1 || curl -sf "http://127.0.0.1:$WIREMOCK_PORT/__admin/mappings" >/dev/null; do sleep 0.5; done
curl -sf -X POST "http://127.0.0.1:$WIREMOCK_PORT/__admin/mappings" -d '{
  "request": {"method": "ANY", "urlPattern": ".*", "headers": {"x-acs-action": {"equalTo": "SendSms"}}},
  "response": {"status": 200, "headers": {"Content-Type": "application/json"},
    "body": "{\"Code\":\"OK\",\"Message\":\"OK\",\"BizId\":\"{{randomValue length=15 type='"'"'NUMERIC'"'"'}}^0\",\"RequestId\":\"{{randomValue type='"'"'UUID'"'"'}}\"}"}}' >/dev/null

echo "== starting Lianxin, SMS live against the fake (log: $OUT/broadcast-run.log)"
"$ROOT/infra/run" >"$OUT/broadcast-run.log" 2>&1 &
RUN_PID=$!
until grep -q "Lianxin is up" "$OUT/broadcast-run.log"; do
  kill -0 "$RUN_PID" 2>/dev/null || { echo "broadcast-bench: ./infra/run stopped; see $OUT/broadcast-run.log" >&2; exit 1; }
  sleep 2
done
source "$LIANXIN_DATA/secrets.env"
export LIANXIN_PHONE_HASH_KEY LIANXIN_PHONE_ENCRYPTION_KEY
export PGHOST=127.0.0.1 PGPORT=$LIANXIN_PG_PORT PGUSER=postgres PGDATABASE=lianxin
sql() { psql -X -q -tA -v ON_ERROR_STOP=1 -c "$1"; }

token() { curl -sf "$BASE/api/auth/login" -H content-type:application/json -d "{\"username\":\"$1\",\"password\":\"$LIANXIN_ADMIN_PASSWORD\"}" \
  | sed -E 's/.*"token":"([^"]+)".*/\1/'; }
OFFICE=$(token office)
api() { local t=$1; shift; curl -sf -H content-type:application/json -H "authorization: Bearer $t" "$@"; }
id_of() { sed -E 's/.*"id":("?)([^",]+)\1.*/\2/'; }

echo "== one town, one village, $RECIPIENTS residents who get SMS (numbers sealed with this run's keys)"
TOWN=$(api "$OFFICE" "$BASE/api/towns" -d '{"code":"BENCH","name":"压测镇"}' | id_of)
CONSTITUENCY=$(api "$OFFICE" "$BASE/api/constituencies" -d "{\"townId\":$TOWN,\"name\":\"压测选区\"}" | id_of)
VILLAGE=$(api "$OFFICE" "$BASE/api/villages" -d "{\"constituencyId\":$CONSTITUENCY,\"name\":\"压测村\"}" | id_of)
java "$ROOT/infra/bench/BroadcastResidents.java" "$RECIPIENTS" "$VILLAGE" \
  | psql -X -q -v ON_ERROR_STOP=1 -c "\\copy resident (id, name, village_id, phone_hash, phone_cipher, phone_masked) FROM STDIN"
sql "VACUUM ANALYZE resident" >/dev/null
api "$OFFICE" "$BASE/api/staff" -d "{\"username\":\"office2\",\"displayName\":\"审核\",\"password\":\"$LIANXIN_ADMIN_PASSWORD\",\"role\":\"TOWN_OFFICE\"}" >/dev/null
APPROVER=$(token office2)

BROADCAST=$(api "$OFFICE" "$BASE/api/broadcasts" -d "{\"title\":\"压测政策\",\"summary\":\"压测\",\"body\":\"压测\",\"audience\":{\"villageIds\":[$VILLAGE]},\"channels\":[\"SMS\"]}" | id_of)

heap() { curl -sf "$MANAGEMENT/q/metrics" | awk '/^jvm_memory_used_bytes\{.*area="heap"/ {s += $NF} END {printf "%d", s / 1048576}'; }
echo "== approving as office2 and waiting for every SendSms answer"
HEAP_BEFORE=$(heap)
start=$(date +%s.%N)
api "$APPROVER" -X POST "$BASE/api/broadcasts/$BROADCAST/approve" >/dev/null
max_heap=$HEAP_BEFORE
while :; do
  sent=$(sql "SELECT count(*) FROM broadcast_delivery WHERE broadcast_id = '$BROADCAST' AND status = 'SENT'")
  h=$(heap); (( h > max_heap )) && max_heap=$h
  (( sent >= RECIPIENTS )) && break
  (( $(date +%s) - ${start%.*} > 900 )) && { echo "broadcast-bench: only $sent of $RECIPIENTS sent after 15 minutes" >&2; exit 1; }
  sleep 0.5
done
seconds=$(echo "$(date +%s.%N) - $start" | bc)
calls=$(curl -sf -X POST "http://127.0.0.1:$WIREMOCK_PORT/__admin/requests/count" -d '{"headers":{"x-acs-action":{"equalTo":"SendSms"}}}' \
  | tr -d ' \n' | sed -E 's/.*"count":([0-9]+).*/\1/')

echo "== the floor: the same delivery rows by one raw INSERT"
FLOOR_ID=$(cat /proc/sys/kernel/random/uuid)
sql "INSERT INTO broadcast (id, town_id, title, summary, body, channels, state, author, created_at) VALUES ('$FLOOR_ID', $TOWN, 'floor', 'floor', 'floor', '{SMS}', 'SENT', 'bench', now())"
floor_ms=$(psql -X -v ON_ERROR_STOP=1 <<SQL | sed -nE 's/^Time: ([0-9.]+) ms.*/\1/p' | tail -1
\\timing on
INSERT INTO broadcast_delivery (broadcast_id, resident_id, channel, status, provider_message_id, next_attempt_at, sent_at, updated_at)
SELECT '$FLOOR_ID', id, 'SMS', 'SENT', 'floor', now(), now(), now() FROM resident WHERE village_id = $VILLAGE;
SQL
)
floor=$(echo "scale=3; $floor_ms / 1000" | bc)
ratio=$(echo "scale=1; $seconds / $floor" | bc)
printf '\nbroadcast of %d SMS recipients: %.1f s from approval to every SendSms answered (%s SendSms calls)\n' "$RECIPIENTS" "$seconds" "$calls"
printf 'floor (raw INSERT of the same %d delivery rows): %.2f s; ratio %s\n' "$RECIPIENTS" "$floor" "$ratio"
printf 'backend heap: %d MB before, at most %d MB while sending (sampled every 0.5 s from /q/metrics)\n' "$HEAP_BEFORE" "$max_heap"
