package io.shkmemory.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads the deployment files of the project (Dockerfile, compose, Prometheus, Grafana, Helm). */
final class DeployFiles {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private DeployFiles() {
    }

    /** The project directory: tests run with it as the working directory under Maven. */
    static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        if (!Files.isRegularFile(dir.resolve("pom.xml"))) {
            throw new IllegalStateException("tests must run from the project directory, was " + dir);
        }
        return dir;
    }

    static Path path(String relative) {
        return root().resolve(relative);
    }

    static String read(String relative) {
        try {
            return Files.readString(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> lines(String relative) {
        return read(relative).lines().toList();
    }

    /** Parses one YAML document with SnakeYAML's safe constructor (no arbitrary types). */
    static Object yaml(String text) {
        return new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> yamlMap(String relative) {
        Object parsed = yaml(read(relative));
        if (!(parsed instanceof Map)) {
            throw new IllegalStateException(relative + " is not a YAML mapping");
        }
        return (Map<String, Object>) parsed;
    }

    static JsonNode json(String relative) {
        return JSON.readTree(read(relative));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object node) {
        if (!(node instanceof Map)) {
            throw new AssertionError("expected a mapping, was " + node);
        }
        return (Map<String, Object>) node;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node, String key) {
        Object value = ((Map<String, Object>) node).get(key);
        if (!(value instanceof Map)) {
            throw new AssertionError("expected a mapping at " + key + ", was " + value);
        }
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object node, String key) {
        Object value = ((Map<String, Object>) node).get(key);
        if (!(value instanceof List)) {
            throw new AssertionError("expected a list at " + key + ", was " + value);
        }
        return (List<Object>) value;
    }
}
