# syntax=docker/dockerfile:1
#
# shk-memory service image.
#   docker build -t shk-memory:0.1.0 .
#   docker run -p 8080:8080 -p 8081:8081 -v shk-data:/app/data shk-memory:0.1.0
#
# The build stage runs scripts/docker-build-steps.sh, the same script DockerBuildStepsTests
# runs without Docker: package with the Maven wrapper, extract the layered jar with the
# Spring Boot launcher, check the layers. The runtime stage copies the layers, least often
# changed first, so a code change rebuilds only the last, small layer.

ARG BUILD_IMAGE=eclipse-temurin:17-jdk
ARG RUNTIME_IMAGE=eclipse-temurin:17-jre

FROM ${BUILD_IMAGE} AS build
WORKDIR /build
COPY mvnw pom.xml ./
COPY .mvn .mvn
COPY scripts/docker-build-steps.sh scripts/
COPY src/main src/main
# The cache mount keeps the Maven repository between builds without putting it in a layer.
RUN --mount=type=cache,target=/root/.m2 \
    bash scripts/docker-build-steps.sh --output /build/extracted

FROM ${RUNTIME_IMAGE}
# A fixed numeric uid/gid, so Kubernetes can verify runAsNonRoot without a user database.
# /app/data is the one writable directory: the default embedded database lives there
# (mount a volume on it to keep it); with PostgreSQL nothing is written to it.
RUN groupadd --system --gid 10001 shk \
 && useradd --system --uid 10001 --gid shk --home-dir /app --no-create-home \
      --shell /usr/sbin/nologin shk \
 && mkdir -p /app/data \
 && chown 10001:10001 /app/data
WORKDIR /app
COPY --from=build /build/extracted/dependencies/ ./
COPY --from=build /build/extracted/spring-boot-loader/ ./
COPY --from=build /build/extracted/snapshot-dependencies/ ./
COPY --from=build /build/extracted/application/ ./
USER 10001:10001

# HTTP API and management (actuator health, info, prometheus).
EXPOSE 8080 8081
ENV SERVER_PORT=8080 \
    MANAGEMENT_SERVER_PORT=8081
# Heap from the container's memory limit, not the host's; leave a quarter for metaspace,
# threads and direct buffers. Fail fast on OOM so the orchestrator restarts the container.
# Override the whole variable to change them (docker run -e JAVA_TOOL_OPTIONS=...).
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75.0 -XX:InitialRAMPercentage=50.0 -XX:+ExitOnOutOfMemoryError"

# Readiness over plain bash: the JRE image need not ship curl.
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD bash -c 'exec 3<>/dev/tcp/127.0.0.1/${MANAGEMENT_SERVER_PORT:-8081} \
    && printf "GET /actuator/health/readiness HTTP/1.0\r\n\r\n" >&3 \
    && head -n 1 <&3 | grep -q " 200 "'

ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
