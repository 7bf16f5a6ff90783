package io.shkmemory.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the Dockerfile's build stage without Docker: lays out the build context the way the
 * Dockerfile's COPY lines and .dockerignore do, runs scripts/docker-build-steps.sh in it, and
 * starts the extracted application the way the runtime stage does until it reports ready.
 * Works on a copy so the running test JVM's target/ is left alone.
 */
class DockerBuildStepsTests {

    @TempDir
    Path context;

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void buildStepsProduceTheLayeredApplicationTheImageRuns() throws Exception {
        copyBuildContext();
        Path extracted = context.resolve("extracted");

        Process build = new ProcessBuilder("bash", "scripts/docker-build-steps.sh",
                "--output", extracted.toString(), "--smoke", freePort(), freePort())
                .directory(context.toFile())
                .redirectErrorStream(true)
                .redirectOutput(context.resolve("build.log").toFile())
                .start();
        boolean finished = build.waitFor(9, TimeUnit.MINUTES);
        if (!finished) {
            build.destroyForcibly();
        }
        String log = Files.readString(context.resolve("build.log"));

        assertThat(finished).as("build finished in time").isTrue();
        assertThat(build.exitValue()).as(log).isZero();
        assertThat(log).contains("layers OK", "smoke start OK");
        for (String layer : List.of("dependencies", "spring-boot-loader", "snapshot-dependencies", "application")) {
            assertThat(extracted.resolve(layer)).isDirectory();
        }
        assertThat(extracted.resolve("spring-boot-loader/org/springframework/boot/loader/launch/JarLauncher.class"))
                .isRegularFile();
        assertThat(extracted.resolve("application/BOOT-INF/classes/io/shkmemory/ShkMemoryApplication.class"))
                .isRegularFile();
        assertThat(Files.list(extracted.resolve("dependencies/BOOT-INF/lib")).count()).isPositive();
    }

    /** Copies the sources of the build stage's COPY lines, minus what .dockerignore leaves out. */
    private void copyBuildContext() throws IOException {
        Path root = DeployFiles.root();
        List<String> allowed = DeployFiles.lines(".dockerignore").stream()
                .filter(l -> l.startsWith("!")).map(l -> l.substring(1).replaceAll("/$", "")).toList();
        for (String source : buildStageSources()) {
            copy(root.resolve(source), context.resolve(source), root, allowed);
        }
    }

    private static List<String> buildStageSources() {
        List<String> sources = new ArrayList<>();
        for (String instruction : DockerfileTests.instructions(DeployFiles.read("Dockerfile"))) {
            if (instruction.startsWith("FROM ") && !sources.isEmpty()) {
                break;
            }
            if (instruction.startsWith("COPY ") && !instruction.startsWith("COPY --from")) {
                String[] parts = instruction.split("\\s+");
                sources.addAll(List.of(parts).subList(1, parts.length - 1));
            }
        }
        return sources;
    }

    private static void copy(Path from, Path to, Path root, List<String> allowed) throws IOException {
        Files.createDirectories(to.getParent());
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                String relative = root.relativize(file).toString();
                if (allowed.stream().anyMatch(a -> relative.equals(a) || relative.startsWith(a + "/"))) {
                    Files.copy(file, to.resolve(from.relativize(file).toString()),
                            StandardCopyOption.COPY_ATTRIBUTES);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static String freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return Integer.toString(socket.getLocalPort());
        }
    }
}
