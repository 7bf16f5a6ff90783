package io.shkmemory.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import io.shkmemory.memory.MemoryIndex;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;

/**
 * Property tests over hostile input, as seeded random cases (no property-testing library):
 * malformed JSON, wrong shapes, non-finite and huge numbers, empty and negative weights, and
 * odd names. For every case the answer is never a 5xx, every error is a ProblemDetail, and a
 * rejected write leaves what is stored exactly as it was.
 */
@MockMvcServiceTest
class HostileInputTests {

    private static final int CASES = 200;
    private static final String POINTS = "[[0,0,0],[1,0,0],[0,1,0]]";

    /** Where hostile bodies go, with a valid body to start from. */
    private record Endpoint(HttpMethod method, String path, String validBody, boolean writes) {
    }

    private static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint(HttpMethod.PUT, "/v1/memories/m", "{\"dimension\": 3, \"epsilon\": 0.05, "
                    + "\"beta\": 10, \"description\": \"d\"}", true),
            new Endpoint(HttpMethod.PUT, "/v1/memories/m/patterns/p", "{\"points\": " + POINTS
                    + ", \"weights\": [1, 2, 3], \"metadata\": {\"k\": [1, \"x\"]}}", true),
            new Endpoint(HttpMethod.POST, "/v1/memories/m/patterns", "{\"patterns\": [{\"id\": "
                    + "\"p\", \"points\": " + POINTS + "}, {\"id\": \"q\", \"points\": [[2,2,2]], "
                    + "\"weights\": [1]}]}", true),
            new Endpoint(HttpMethod.POST, "/v1/memories/m/retrieve", "{\"query\": {\"points\": "
                    + POINTS + "}, \"maxSteps\": 2, \"topK\": 1, \"timeoutMillis\": 2000}", false),
            new Endpoint(HttpMethod.POST, "/v1/memories/m/search", "{\"query\": {\"points\": "
                    + POINTS + "}, \"topK\": 2}", false),
            new Endpoint(HttpMethod.POST, "/v1/divergence", "{\"source\": {\"points\": " + POINTS
                    + "}, \"target\": {\"points\": [[1,1,1]]}, \"epsilon\": 0.1}", false));

    @Autowired
    MockMvc mvc;

    @Autowired
    MemoryIndex index;

    @BeforeEach
    void memoryWithOnePattern() throws Exception {
        while (!index.isLoaded()) {
            Thread.sleep(10);
        }
        send(HttpMethod.PUT, "/v1/memories/m", "{\"dimension\": 3, \"epsilon\": 0.05}");
        send(HttpMethod.PUT, "/v1/memories/m/patterns/p", "{\"points\": " + POINTS + "}");
    }

    @Test
    void malformedJsonIsRefusedWithAProblem() throws Exception {
        Random random = new Random(101);
        for (int i = 0; i < CASES; i++) {
            Endpoint endpoint = ENDPOINTS.get(random.nextInt(ENDPOINTS.size()));
            check(endpoint, Mutations.corrupt(random, endpoint.validBody()), i);
        }
    }

    @Test
    void wrongShapesAreRefusedWithAProblem() throws Exception {
        Random random = new Random(202);
        for (int i = 0; i < CASES; i++) {
            Endpoint endpoint = ENDPOINTS.get(random.nextInt(ENDPOINTS.size()));
            check(endpoint, Mutations.replaceAValue(random, endpoint.validBody(),
                    Mutations::anyJson), i);
        }
    }

    @Test
    void nonFiniteHugeAndNegativeNumbersAreRefusedWithAProblem() throws Exception {
        Random random = new Random(303);
        for (int i = 0; i < CASES; i++) {
            Endpoint endpoint = ENDPOINTS.get(random.nextInt(ENDPOINTS.size()));
            check(endpoint, Mutations.replaceAValue(random, endpoint.validBody(),
                    Mutations::oddNumber), i);
        }
    }

    @Test
    void emptyNegativeAndZeroWeightsAreRefusedWithAProblem() throws Exception {
        Random random = new Random(404);
        for (int i = 0; i < CASES; i++) {
            String weights = Mutations.oddWeights(random);
            Endpoint endpoint = ENDPOINTS.get(random.nextInt(3) == 0 ? 1 : 3);
            String body = endpoint.validBody().replace("\"weights\": [1, 2, 3], ", "")
                    .replace("{\"points\": " + POINTS,
                            "{\"points\": " + POINTS + ", \"weights\": " + weights);
            check(endpoint, body, i);
        }
    }

    @Test
    void oddNamesAndIdsAreRefusedWithAProblem() throws Exception {
        Random random = new Random(505);
        for (int i = 0; i < CASES; i++) {
            String name = Mutations.oddName(random);
            String id = Mutations.oddName(random);
            String before = stored();
            MockHttpServletResponse[] answers = {
                    send(HttpMethod.PUT, "/v1/memories/{name}", "{\"dimension\": 3}", name),
                    send(HttpMethod.GET, "/v1/memories/{name}", null, name),
                    send(HttpMethod.PUT, "/v1/memories/m/patterns/{id}",
                            "{\"points\": " + POINTS + "}", id),
                    send(HttpMethod.GET, "/v1/memories/m/patterns/{id}", null, id),
                    send(HttpMethod.DELETE, "/v1/memories/m/patterns/{id}", null, id),
                    send(HttpMethod.DELETE, "/v1/memories/{name}", null, name),
                    send(HttpMethod.POST, "/v1/memories/m/patterns", "{\"patterns\": [{\"id\": "
                            + Mutations.quote(id) + ", \"points\": " + POINTS + "}]}"),
                    send(HttpMethod.GET, "/v1/memories/m/patterns?cursor={c}", null, id)};
            boolean valid = RequestChecks.MEMORY_NAME.matcher(name).matches()
                    || RequestChecks.PATTERN_ID.matcher(id).matches();
            for (MockHttpServletResponse answer : answers) {
                expectNoServerError(answer, "case " + i + " name=" + name + " id=" + id);
            }
            if (!valid) {
                for (MockHttpServletResponse answer : answers) {
                    assertThat(answer.getStatus()).as("case %d name=%s id=%s", i, name, id)
                            .isBetween(400, 499);
                }
                assertThat(stored()).as("case %d name=%s id=%s", i, name, id).isEqualTo(before);
            }
        }
    }

    /** Sends the body; the answer must not be a 5xx, and a refused write must change nothing. */
    private void check(Endpoint endpoint, String body, int i) throws Exception {
        String before = endpoint.writes() ? stored() : null;
        String label = "case " + i + ": " + endpoint.method() + " " + endpoint.path() + " " + body;
        MockHttpServletResponse answer;
        try {
            answer = send(endpoint.method(), endpoint.path(), body);
        } catch (IllegalStateException e) {
            throw new AssertionError(label, e);
        }
        expectNoServerError(answer, label);
        if (answer.getStatus() >= 400 && endpoint.writes()) {
            assertThat(stored()).as(label).isEqualTo(before);
        }
        if (answer.getStatus() < 400 && endpoint.writes()) {
            memoryWithOnePattern();
        }
    }

    private static void expectNoServerError(MockHttpServletResponse answer, String label)
            throws Exception {
        assertThat(answer.getStatus()).as(label + " -> " + answer.getContentAsString())
                .isLessThan(500);
        if (answer.getStatus() >= 400) {
            assertThat(answer.getContentType()).as(label).startsWith("application/problem+json");
            JsonNode problem = ApiClient.JSON.readTree(answer.getContentAsString());
            assertThat(problem.get("status").asInt()).as(label).isEqualTo(answer.getStatus());
            assertThat(problem.get("detail").asString()).as(label).isNotBlank();
        }
    }

    /** Everything memory m holds, as the API reads it. */
    private String stored() throws Exception {
        StringBuilder all = new StringBuilder();
        all.append(send(HttpMethod.GET, "/v1/memories", null).getContentAsString());
        all.append(send(HttpMethod.GET, "/v1/memories/m/patterns?limit=1000", null)
                .getContentAsString());
        for (String id : List.of("p", "q")) {
            all.append(send(HttpMethod.GET, "/v1/memories/m/patterns/" + id, null)
                    .getContentAsString());
        }
        return all.toString();
    }

    private MockHttpServletResponse send(HttpMethod method, String path, String body,
                                         Object... variables) throws Exception {
        MockHttpServletRequestBuilder request = path.contains("{")
                ? request(method, path, variables) : request(method, path);
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON)
                    .content(body.getBytes(StandardCharsets.UTF_8));
        }
        MvcResult result = mvc.perform(request).andReturn();
        if (result.getRequest().isAsyncStarted()) {
            result = mvc.perform(asyncDispatch(result)).andReturn();
        }
        return result.getResponse();
    }

    /** Seeded generators of hostile input. */
    static final class Mutations {

        private static final String[] ODD_NUMBERS = {"1e999", "-1e999", "1e308", "-1e308",
                "4.9e-324", "-0", "0", "-1", "1e-400", "99999999999999999999999999",
                "-2147483649", "2147483648", "9223372036854775808", "\"NaN\"", "\"Infinity\"",
                "\"-Infinity\"", "NaN", "Infinity", "0x10", "1.", ".5", "+1", "1e", "01"};
        private static final String[] ODD_NAMES = {"..", "../etc/passwd", "..%2f..%2f",
                "a/b", "a\\b", "%00", "x;y", "' OR '1'='1", "m'; DROP TABLE patterns; --",
                "\"quoted\"", "émoji-😀", "名前", "ﬁ", "a b", " ", "\t", "\u0000", "\u202e",
                "<script>", "${jndi:ldap://x}", "%", "%25", "?", "#", "*", "~", ".", "-",
                "_", "a".repeat(65), "b".repeat(129), "", "CON", "p", "m"};

        private static final String SPECIAL = "{}[],:\"\\ \u0000\uFFFF";

        private Mutations() {
        }

        /** Truncates, duplicates, deletes or flips characters of a valid body. */
        static String corrupt(Random random, String body) {
            StringBuilder text = new StringBuilder(body);
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits && text.length() > 0; e++) {
                int at = random.nextInt(text.length());
                switch (random.nextInt(6)) {
                    case 0 -> text.setLength(at);
                    case 1 -> text.deleteCharAt(at);
                    case 2 -> text.insert(at, SPECIAL.charAt(random.nextInt(SPECIAL.length())));
                    case 3 -> text.insert(at, text.substring(at, Math.min(text.length(),
                            at + 1 + random.nextInt(20))));
                    case 4 -> text.setCharAt(at, (char) random.nextInt(0x3000));
                    default -> text.insert(0, "[".repeat(1 + random.nextInt(3000)));
                }
            }
            return text.toString();
        }

        /** Replaces one JSON value of the body (a number, string, array or object). */
        static String replaceAValue(Random random, String body, Function<Random, String> value) {
            List<int[]> spans = valueSpans(body);
            int[] span = spans.get(random.nextInt(spans.size()));
            return body.substring(0, span[0]) + value.apply(random) + body.substring(span[1]);
        }

        /** Start and end of every value that follows a ':' or sits in an array. */
        private static List<int[]> valueSpans(String body) {
            List<int[]> spans = new ArrayList<>();
            for (int i = 0; i < body.length(); i++) {
                char c = body.charAt(i);
                if (c == ':' || c == '[' || c == ',') {
                    int start = i + 1;
                    while (start < body.length() && body.charAt(start) == ' ') {
                        start++;
                    }
                    int end = endOfValue(body, start);
                    if (end > start) {
                        spans.add(new int[] {start, end});
                    }
                }
            }
            return spans;
        }

        private static int endOfValue(String body, int start) {
            if (start >= body.length()) {
                return start;
            }
            char c = body.charAt(start);
            if (c == '{' || c == '[') {
                int depth = 0;
                for (int i = start; i < body.length(); i++) {
                    char d = body.charAt(i);
                    depth += d == '{' || d == '[' ? 1 : d == '}' || d == ']' ? -1 : 0;
                    if (depth == 0) {
                        return i + 1;
                    }
                }
                return body.length();
            }
            if (c == '"') {
                int close = body.indexOf('"', start + 1);
                return close < 0 ? body.length() : close + 1;
            }
            int i = start;
            while (i < body.length() && ",}] ".indexOf(body.charAt(i)) < 0) {
                i++;
            }
            return i;
        }

        static String oddNumber(Random random) {
            return ODD_NUMBERS[random.nextInt(ODD_NUMBERS.length)];
        }

        /** A random JSON value of any type, nested up to three levels. */
        static String anyJson(Random random) {
            return anyJson(random, 3);
        }

        private static String anyJson(Random random, int depth) {
            int kind = random.nextInt(depth > 0 ? 9 : 6);
            return switch (kind) {
                case 0 -> "null";
                case 1 -> random.nextBoolean() ? "true" : "false";
                case 2 -> oddNumber(random);
                case 3 -> Double.toString(random.nextGaussian() * Math.pow(10, random.nextInt(20)));
                case 4 -> quote(oddName(random));
                case 5 -> "\"" + "x".repeat(random.nextInt(5000)) + "\"";
                case 6 -> "[" + String.join(",", repeat(random, depth)) + "]";
                case 7 -> "[[" + String.join(",", repeat(random, depth)) + "]]";
                default -> "{\"" + oddName(random).replace("\"", "") + "\": "
                        + anyJson(random, depth - 1) + "}";
            };
        }

        private static List<String> repeat(Random random, int depth) {
            List<String> items = new ArrayList<>();
            int n = random.nextInt(4);
            for (int i = 0; i < n; i++) {
                items.add(anyJson(random, depth - 1));
            }
            return items;
        }

        /** Weights for three points that the contract refuses. */
        static String oddWeights(Random random) {
            return switch (random.nextInt(7)) {
                case 0 -> "[]";
                case 1 -> "[0, 0, 0]";
                case 2 -> "[1, -" + (1 + random.nextInt(5)) + ", 1]";
                case 3 -> "[1, 1]";
                case 4 -> "[1, 1, 1, 1]";
                case 5 -> "[1, " + oddNumber(random) + ", 1]";
                default -> "[-0.0, -0.0, -1e-300]";
            };
        }

        static String oddName(Random random) {
            if (random.nextInt(4) == 0) {
                StringBuilder name = new StringBuilder();
                int n = 1 + random.nextInt(20);
                for (int i = 0; i < n; i++) {
                    name.appendCodePoint(random.nextInt(4) == 0 ? 0x1F600 + random.nextInt(50)
                            : 0x20 + random.nextInt(0x3000));
                }
                return name.toString();
            }
            return ODD_NAMES[random.nextInt(ODD_NAMES.length)];
        }

        static String quote(String text) {
            return ApiClient.JSON.writeValueAsString(text);
        }
    }
}
