#!/usr/bin/env bash
# Load test on loopback: starts the packaged service with its heap capped at 512 MiB on a
# fresh H2 file, runs scripts/LoadTest.java (search and retrieve at 1, 4 and 16 clients,
# then an overload phase), hangs up on a 60 s divergence and times how soon the engine is idle,
# checks the service log for OutOfMemoryError, and stops the service.
# Bounded: each phase runs at most PHASE_SECONDS (default 8) and 20,000 requests; the hang-up
# check sends one request and waits at most 30 s.
#   ./mvnw -q package -DskipTests && scripts/load-test.sh [PHASE_SECONDS] [OVERLOAD_CLIENTS]
set -euo pipefail
cd "$(dirname "$0")/.."
phase_seconds="${1:-8}"
overload_clients="${2:-64}"
port="${LOAD_PORT:-18080}"
management="${LOAD_MANAGEMENT_PORT:-18081}"
jar="$(ls target/shk-memory-*.jar | grep -v plain | head -n 1)"
work="$(mktemp -d)"
log="target/load-test-service.log"

java -Xmx512m -XX:+HeapDumpOnOutOfMemoryError -XX:HeapDumpPath="$work" -jar "$jar" \
    --server.address=127.0.0.1 --server.port="$port" \
    --management.server.address=127.0.0.1 --management.server.port="$management" \
    --spring.datasource.url="jdbc:h2:file:$work/shk-memory;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0" \
    --spring.main.banner-mode=off > "$log" 2>&1 &
service=$!
trap 'kill "$service" 2>/dev/null || true; wait "$service" 2>/dev/null || true; rm -rf "$work"' EXIT

prometheus() {
    curl -s "http://127.0.0.1:$management/actuator/prometheus"
}
engine_active() {
    prometheus | awk '/^shk_engine_active / {printf "%d", $2}'
}

for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$management/actuator/health/readiness" >/dev/null && break
    sleep 0.5
done
curl -sf "http://127.0.0.1:$management/actuator/health/readiness" >/dev/null

echo "== $(nproc) cores, heap -Xmx512m, engine threads and queue at their defaults"
java scripts/LoadTest.java "http://127.0.0.1:$port" "$phase_seconds" "$overload_clients"

# A divergence of 2,000 against 2,000 points at eps 5e-4 with a tolerance below round-off,
# which no solve meets, runs until the request's 60 s limit; its client gives up after 1 s.
awk 'BEGIN {
    srand(3)
    printf "{\"epsilon\": 5e-4, \"tolerance\": 1e-300"
    split("source target", side, " ")
    for (s = 1; s <= 2; s++) {
        printf ", \"%s\": {\"points\": [", side[s]
        for (i = 0; i < 2000; i++) printf "%s[%.6f,%.6f]", (i ? "," : ""), rand(), rand()
        printf "]}"
    }
    print "}"
}' > "$work/divergence.json"
curl -s -o /dev/null --max-time 1 -H 'Content-Type: application/json' \
    --data-binary @"$work/divergence.json" "http://127.0.0.1:$port/v1/divergence" || true
hung_up=$(date +%s%N)
busy=$(engine_active)
while [ "$(engine_active)" != "0" ] && [ $(( ($(date +%s%N) - hung_up) / 1000000 )) -lt 30000 ]; do
    sleep 0.05
done
idle_ms=$(( ($(date +%s%N) - hung_up) / 1000000 ))
echo "== hang-up: client left a 60 s divergence after 1 s; engine workers busy then: $busy;" \
    "idle again after $idle_ms ms"
if [ "$busy" != "1" ] || [ "$idle_ms" -ge 30000 ]; then
    echo "FAILED: the divergence of a client that hung up was not running, or was not cancelled" >&2
    exit 1
fi

echo "== heap used after the run: $(prometheus | grep '^jvm_memory_used_bytes' | grep 'area="heap"' \
    | awk '{s += $NF} END {printf "%.0f MiB", s / 1048576}')"
echo "== rejections counted by the service: $(prometheus | awk '/^shk_engine_rejections_total/ {print $2}')"
if grep -q "OutOfMemoryError" "$log"; then
    echo "FAILED: OutOfMemoryError in $log" >&2
    exit 1
fi
kill -0 "$service" 2>/dev/null || { echo "FAILED: the service died; see $log" >&2; exit 1; }
echo "== no OutOfMemoryError; the service is still up"
