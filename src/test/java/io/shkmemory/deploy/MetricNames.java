package io.shkmemory.deploy;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;

/**
 * The Prometheus series names the service exports (the team's metric conventions), and the
 * metric names that PromQL expressions in the deploy files refer to.
 */
final class MetricNames {

    /** Series the service exports; the Grafana dashboard and the alert rules use only these. */
    static final Set<String> EXPORTED = exported();

    /** Series Prometheus makes itself for every target; no instance exports them. */
    static final Set<String> SYNTHESIZED = Set.of("up");

    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring",
            "group_left", "group_right", "bool", "and", "or", "unless", "offset", "inf", "nan");

    private static final Pattern STRINGS = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'[^']*'");
    private static final Pattern GRAFANA_VARIABLES = Pattern.compile("\\$\\{?\\w+}?");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGES = Pattern.compile("\\[[^]]*]");
    private static final Pattern GROUPINGS = Pattern.compile(
            "\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern IDENTIFIER = Pattern.compile(
            "(?<![\\w.])([a-zA-Z_:][a-zA-Z0-9_:]*)(\\s*\\()?");
    private static final Pattern LABEL_VALUES = Pattern.compile(
            "label_values\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)");

    private MetricNames() {
    }

    private static Set<String> exported() {
        Set<String> names = new TreeSet<>();
        for (String histogram : List.of("shk_retrieval_duration_seconds", "shk_search_duration_seconds",
                "shk_retrieval_steps", "shk_sinkhorn_iterations", "http_server_requests_seconds")) {
            Stream.of("_bucket", "_count", "_sum", "_max").forEach(s -> names.add(histogram + s));
        }
        Stream.of("_count", "_sum", "_max").forEach(s -> names.add("jvm_gc_pause_seconds" + s));
        names.addAll(List.of("shk_retrieval_stops_total", "shk_memory_patterns", "shk_memory_count",
                "shk_engine_queue_depth", "shk_engine_active", "shk_engine_rejections_total",
                "jvm_memory_used_bytes", "process_cpu_usage"));
        return Set.copyOf(names);
    }

    /** Metric names a PromQL expression selects: identifiers that are not functions or keywords. */
    static Set<String> inPromQl(String expression) {
        String rest = STRINGS.matcher(expression).replaceAll(" ");
        rest = GRAFANA_VARIABLES.matcher(rest).replaceAll(" ");
        rest = MATCHERS.matcher(rest).replaceAll(" ");
        rest = RANGES.matcher(rest).replaceAll(" ");
        rest = GROUPINGS.matcher(rest).replaceAll(" ");
        Set<String> names = new LinkedHashSet<>();
        Matcher m = IDENTIFIER.matcher(rest);
        while (m.find()) {
            boolean call = m.group(2) != null;
            String name = m.group(1);
            if (!call && !KEYWORDS.contains(name.toLowerCase())) {
                names.add(name);
            }
        }
        return names;
    }

    /** Metric names of a Grafana variable query such as label_values(metric{...}, label). */
    static Set<String> inGrafanaVariableQuery(String query) {
        Matcher m = LABEL_VALUES.matcher(query);
        return m.find() ? Set.of(m.group(1)) : inPromQl(query);
    }

    /** Every metric named by the Grafana dashboard: panel targets and variable queries. */
    static Set<String> inDashboard(JsonNode dashboard) {
        Set<String> names = new TreeSet<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                names.addAll(inPromQl(target.path("expr").asString()));
            }
        }
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if ("query".equals(variable.path("type").asString())) {
                JsonNode query = variable.path("query");
                String text = query.isObject() ? query.path("query").asString() : query.asString();
                names.addAll(inGrafanaVariableQuery(text));
            }
        }
        return names;
    }

    /** Every metric named by the Prometheus alert and recording rules under deploy/prometheus/rules. */
    static Set<String> inPrometheusRules() {
        Set<String> names = new TreeSet<>();
        for (String file : PrometheusConfigTests.ruleFiles()) {
            for (Object group : DeployFiles.list(DeployFiles.yamlMap(file), "groups")) {
                for (Object rule : DeployFiles.list(group, "rules")) {
                    names.addAll(inPromQl(String.valueOf(((java.util.Map<?, ?>) rule).get("expr"))));
                }
            }
        }
        return names;
    }
}
