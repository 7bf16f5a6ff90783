#!/usr/bin/env bash
# The build steps of the Dockerfile's build stage, runnable without Docker.
#
# Packages the service with the Maven wrapper, extracts the layered jar the way the image
# does (one directory per layer, plus the Spring Boot launcher), and checks that the layers
# hold everything the launcher's classpath index names. The Dockerfile runs this script;
# DockerBuildStepsTests runs it too, so the two cannot drift apart.
#
# Usage: scripts/docker-build-steps.sh [--source DIR] [--output DIR] [--skip-package]
#                                      [--smoke HTTP_PORT MANAGEMENT_PORT]
#   --source DIR     project directory holding mvnw and pom.xml (default: this repository)
#   --output DIR     where the layers go (default: SOURCE/target/extracted)
#   --skip-package   reuse the jar already in SOURCE/target
#   --smoke H M      also lay the layers out as the image does, start the service with the
#                    image's JVM flags on ports H and M, wait for the readiness probe, stop it
# Extra Maven arguments can be passed in MAVEN_ARGS (e.g. MAVEN_ARGS=-o).
set -euo pipefail

LAYERS=(dependencies spring-boot-loader snapshot-dependencies application)
LAUNCHER=org.springframework.boot.loader.launch.JarLauncher
# Keep in step with JAVA_TOOL_OPTIONS in the Dockerfile.
IMAGE_JVM_OPTIONS="-XX:MaxRAMPercentage=75.0 -XX:InitialRAMPercentage=50.0 -XX:+ExitOnOutOfMemoryError"

source_dir="$(cd "$(dirname "$0")/.." && pwd)"
output_dir=""
package=true
smoke_ports=()

while [[ $# -gt 0 ]]; do
  case "$1" in
    --source) source_dir="$(cd "$2" && pwd)"; shift 2 ;;
    --output) output_dir="$2"; shift 2 ;;
    --skip-package) package=false; shift ;;
    --smoke) smoke_ports=("$2" "$3"); shift 3 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
output_dir="${output_dir:-$source_dir/target/extracted}"

fail() { echo "docker-build-steps: $*" >&2; exit 1; }

package_jar() {
  # Tests are skipped in the image build: they run in CI, and the SDK they need is test-only.
  (cd "$source_dir" && sh ./mvnw -B -ntp package -Dmaven.test.skip=true)
}

find_jar() {
  local jars=()
  shopt -s nullglob
  jars=("$source_dir"/target/*.jar)
  shopt -u nullglob
  [[ ${#jars[@]} -eq 1 ]] || fail "expected one jar in $source_dir/target, found ${#jars[@]}"
  echo "${jars[0]}"
}

extract_layers() {
  rm -rf "$output_dir"
  mkdir -p "$output_dir"
  java -Djarmode=tools -jar "$1" extract --layers --launcher --destination "$output_dir"
}

check_layers() {
  local layer entry
  for layer in "${LAYERS[@]}"; do
    [[ -d "$output_dir/$layer" ]] || fail "layer directory missing: $layer"
  done
  [[ -f "$output_dir/spring-boot-loader/${LAUNCHER//.//}.class" ]] || fail "launcher missing"
  [[ -f "$output_dir/application/META-INF/MANIFEST.MF" ]] || fail "manifest missing"
  local index="$output_dir/application/BOOT-INF/classpath.idx"
  [[ -f "$index" ]] || fail "classpath index missing"
  # Every library the launcher will put on the classpath must sit in some layer.
  while read -r entry; do
    entry="${entry#- \"}"; entry="${entry%\"}"
    [[ -z "$entry" ]] && continue
    local found=false
    for layer in "${LAYERS[@]}"; do
      [[ -f "$output_dir/$layer/$entry" ]] && found=true
    done
    $found || fail "classpath entry in no layer: $entry"
  done < "$index"
  echo "layers OK in $output_dir"
}

# Answers 0 when GET PATH on 127.0.0.1:PORT reports status UP; needs bash only, like the
# image's health check.
probe() {
  local port="$1" path="$2" reply
  reply="$( { exec 3<>"/dev/tcp/127.0.0.1/$port" \
    && printf 'GET %s HTTP/1.0\r\nHost: localhost\r\n\r\n' "$path" >&3 \
    && cat <&3; } 2>/dev/null )" || return 1
  [[ "$reply" == *'"status":"UP"'* ]]
}

smoke_start() {
  local http_port="$1" management_port="$2" app_dir="$output_dir/image-app" pid status=1
  rm -rf "$app_dir"
  mkdir -p "$app_dir"
  # Same order as the COPY lines of the runtime stage.
  for layer in "${LAYERS[@]}"; do
    cp -R "$output_dir/$layer/." "$app_dir/"
  done
  (cd "$app_dir" && JAVA_TOOL_OPTIONS="$IMAGE_JVM_OPTIONS" exec java "$LAUNCHER" \
      --server.port="$http_port" --management.server.port="$management_port" \
      > "$output_dir/smoke.log" 2>&1) &
  pid=$!
  for _ in $(seq 1 120); do
    if probe "$management_port" /actuator/health/readiness; then status=0; break; fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  if [[ $status -ne 0 ]]; then
    tail -n 40 "$output_dir/smoke.log" >&2
    fail "the extracted application did not become ready"
  fi
  echo "smoke start OK: readiness UP on port $management_port"
}

if $package; then package_jar; fi
jar="$(find_jar)"
extract_layers "$jar"
check_layers
if [[ ${#smoke_ports[@]} -eq 2 ]]; then smoke_start "${smoke_ports[@]}"; fi
