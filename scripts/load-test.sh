#!/usr/bin/env bash
# Load test on loopback: starts the packaged service with its heap capped at 512 MiB on a
# fresh H2 file, runs scripts/LoadTest.java (search and retrieve at 1, 4 and 16 clients,
# then an overload phase), checks the service log for OutOfMemoryError, and stops the service.
# Bounded: each phase runs at most PHASE_SECONDS (default 8) and 20,000 requests.
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

for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$management/actuator/health/readiness" >/dev/null && break
    sleep 0.5
done
curl -sf "http://127.0.0.1:$management/actuator/health/readiness" >/dev/null

echo "== $(nproc) cores, heap -Xmx512m, engine threads and queue at their defaults"
java scripts/LoadTest.java "http://127.0.0.1:$port" "$phase_seconds" "$overload_clients"
echo "== heap used after the run: $(curl -s "http://127.0.0.1:$management/actuator/prometheus" \
    | grep '^jvm_memory_used_bytes' | grep 'area="heap"' \
    | awk '{s += $NF} END {printf "%.0f MiB", s / 1048576}')"
echo "== rejections counted by the service: $(curl -s "http://127.0.0.1:$management/actuator/prometheus" \
    | awk '/^shk_engine_rejections_total/ {print $2}')"
if grep -q "OutOfMemoryError" "$log"; then
    echo "FAILED: OutOfMemoryError in $log" >&2
    exit 1
fi
kill -0 "$service" 2>/dev/null || { echo "FAILED: the service died; see $log" >&2; exit 1; }
echo "== no OutOfMemoryError; the service is still up"
