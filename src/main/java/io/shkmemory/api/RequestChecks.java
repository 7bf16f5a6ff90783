package io.shkmemory.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.shkmemory.config.ShkProperties;
import io.shkmemory.memory.EngineExecutor;
import io.shkmemory.memory.EngineMemory;
import io.shkmemory.engine.InvalidMeasureException;
import io.shkmemory.engine.Measure;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API's input rules. Each check names the field it is about; oversized inputs fail at
 * once with 413, other problems are collected and answered together with 400.
 */
@Component
public class RequestChecks {

    static final Pattern MEMORY_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    static final Pattern PATTERN_ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");
    static final int MAX_DESCRIPTION = 4096;

    private final ShkProperties.Limits limits;
    private final JsonMapper json;
    /** The most points a cloud may hold for its own solve to fit the engine's budget. */
    private final int solvablePoints;
    private final long memoryBudget;

    public RequestChecks(ShkProperties properties, JsonMapper json, EngineExecutor engine) {
        this.limits = properties.limits();
        this.json = json;
        this.memoryBudget = engine.memoryBudget();
        this.solvablePoints = EngineMemory.maxPoints(memoryBudget);
    }

    public ShkProperties.Limits limits() {
        return limits;
    }

    /** A fresh collector of field errors. */
    public Errors errors() {
        return new Errors();
    }

    /** Collects field errors of one request. */
    public final class Errors {

        private final List<FieldError> found = new ArrayList<>();

        public Errors add(String field, String message) {
            found.add(new FieldError(field, message));
            return this;
        }

        /** @throws InvalidRequestException with 400 and every error found, if any */
        public void throwIfAny() {
            if (!found.isEmpty()) {
                throw new InvalidRequestException(HttpStatus.BAD_REQUEST, found);
            }
        }

        public Errors memoryName(String field, String name) {
            return matches(field, name, MEMORY_NAME, 64);
        }

        public Errors patternId(String field, String id) {
            return matches(field, id, PATTERN_ID, 128);
        }

        private Errors matches(String field, String value, Pattern pattern, int max) {
            if (value == null) {
                return add(field, "is required");
            }
            if (!pattern.matcher(value).matches()) {
                add(field, "must be 1 to " + max + " of the characters A-Z a-z 0-9 . _ -, was '"
                        + abbreviate(value) + "'");
            }
            return this;
        }

        /** A finite number > 0, or null when optional and absent. */
        public Errors positive(String field, Double value, boolean required) {
            if (value == null) {
                return required ? add(field, "is required") : this;
            }
            if (!Double.isFinite(value) || !(value > 0)) {
                add(field, "must be a finite number > 0, was " + value);
            }
            return this;
        }

        public Errors nonNegative(String field, Double value) {
            if (value != null && (!Double.isFinite(value) || !(value >= 0))) {
                add(field, "must be a finite number >= 0, was " + value);
            }
            return this;
        }

        public Errors between(String field, Number value, long min, long max) {
            if (value != null && (value.longValue() < min || value.longValue() > max)) {
                add(field, "must be between " + min + " and " + max + ", was " + value);
            }
            return this;
        }

        /** The dimension of a memory, required, 1 to max-dimension (above: 413). */
        public Errors dimension(String field, Integer dimension) {
            if (dimension == null) {
                return add(field, "is required");
            }
            if (dimension > limits.maxDimension()) {
                throw InvalidRequestException.tooLarge(field, "must be at most "
                        + limits.maxDimension() + ", was " + dimension);
            }
            return between(field, dimension, 1, limits.maxDimension());
        }

        public Errors description(String field, String description) {
            if (description != null && description.length() > MAX_DESCRIPTION) {
                add(field, "must be at most " + MAX_DESCRIPTION + " characters, had "
                        + description.length());
            }
            return this;
        }

        /**
         * The measure at {@code prefix} ("" or "query." etc.), or null with an error recorded.
         * Sizes beyond the limits fail at once with 413.
         */
        public Measure measure(String prefix, double[][] points, double[] weights) {
            if (points == null) {
                add(prefix + "points", "is required");
                return null;
            }
            if (points.length > limits.maxPoints()) {
                throw InvalidRequestException.tooLarge(prefix + "points", "must hold at most "
                        + limits.maxPoints() + " points, had " + points.length);
            }
            if (points.length > solvablePoints) {
                throw InvalidRequestException.tooLarge(prefix + "points", "must hold at most "
                        + solvablePoints + " points, had " + points.length + ": a cloud's own "
                        + "Sinkhorn solve must fit the engine's memory budget of "
                        + EngineMemory.describe(memoryBudget) + " (shk.engine.memory-budget)");
            }
            for (int i = 0; i < points.length; i++) {
                if (points[i] != null && points[i].length > limits.maxDimension()) {
                    throw InvalidRequestException.tooLarge(prefix + "points[" + i + "]",
                            "must have at most " + limits.maxDimension() + " coordinates, had "
                                    + points[i].length);
                }
            }
            if (!coordinatesInRange(prefix, points)) {
                return null;
            }
            try {
                return Measure.of(points, weights);
            } catch (InvalidMeasureException e) {
                add(prefix + e.field(), e.problem());
                return null;
            }
        }

        /**
         * Finite coordinates beyond {@code shk.limits.max-coordinate} would overflow the
         * squared distances of the transport cost; non-finite ones are left to the engine's
         * own check.
         */
        private boolean coordinatesInRange(String prefix, double[][] points) {
            double bound = limits.maxCoordinate();
            for (int i = 0; i < points.length; i++) {
                double[] point = points[i];
                for (int k = 0; point != null && k < point.length; k++) {
                    if (Double.isFinite(point[k]) && Math.abs(point[k]) > bound) {
                        add(prefix + "points[" + i + "][" + k + "]", "must be at most " + bound
                                + " in magnitude, was " + point[k]);
                        return false;
                    }
                }
            }
            return true;
        }

        /** The measure of a body at {@code field}, which is required. */
        public Measure measure(String field, MeasureBody body) {
            if (body == null) {
                add(field, "is required");
                return null;
            }
            return measure(field + ".", body.points(), body.weights());
        }

        /** The metadata, {@code {}} when absent; larger than the limit: 413. */
        public Map<String, Object> metadata(String field, Map<String, Object> metadata) {
            if (metadata == null) {
                return Map.of();
            }
            finiteNumbers(field, metadata);
            int bytes = json.writeValueAsBytes(metadata).length;
            if (bytes > limits.maxMetadataBytes()) {
                throw InvalidRequestException.tooLarge(field, "must serialise to at most "
                        + limits.maxMetadataBytes() + " bytes of JSON, had " + bytes);
            }
            return metadata;
        }

        private void finiteNumbers(String field, Object value) {
            if (value instanceof Map<?, ?> map) {
                map.forEach((key, item) -> finiteNumbers(field + "." + key, item));
            } else if (value instanceof List<?> list) {
                for (int i = 0; i < list.size(); i++) {
                    finiteNumbers(field + "[" + i + "]", list.get(i));
                }
            } else if (value instanceof Double d && !Double.isFinite(d)
                    || value instanceof Float f && !Float.isFinite(f)) {
                add(field, "must be a finite number, was " + value);
            }
        }

        public Errors topK(String field, Integer topK) {
            if (topK != null && topK > limits.maxTopK()) {
                throw InvalidRequestException.tooLarge(field, "must be at most "
                        + limits.maxTopK() + ", was " + topK);
            }
            return between(field, topK, 1, limits.maxTopK());
        }
    }

    private static String abbreviate(String value) {
        return value.length() <= 80 ? value : value.substring(0, 77) + "...";
    }
}
