package io.shkmemory.api;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/** The answer of a retrieval. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "The recalled pattern, the final cloud and how the descent went.",
        example = "{\"patternId\": \"corner-1\", \"metadata\": {\"label\": \"corner\"}, "
                + "\"responsibility\": 1.0, \"divergence\": 0.0004, \"matches\": "
                + "[{\"patternId\": \"corner-1\", \"divergence\": 0.0004, \"responsibility\": 1.0}],"
                + " \"retrieved\": {\"points\": [[0.0, 0.0, 0.0], [1.0, 0.0, 0.0]], "
                + "\"weights\": [0.5, 0.5]}, \"steps\": 7, \"converged\": true, "
                + "\"stopReason\": \"converged\", \"energy\": {\"initial\": 0.012, "
                + "\"final\": 0.0004}, \"elapsedMillis\": 42, \"rejectedSteps\": 0, "
                + "\"sinkhornIterations\": 1830}")
public record RetrieveResponse(
        @Schema(description = "Id of the most responsible pattern at the final state",
                example = "corner-1")
        String patternId,
        @Schema(description = "Metadata of that pattern", example = "{\"label\": \"corner\"}")
        Map<String, Object> metadata,
        @Schema(description = "Its responsibility w_k in [0, 1]", example = "1.0")
        double responsibility,
        @Schema(description = "S_eps(final state, that pattern)", example = "0.0004")
        double divergence,
        @Schema(description = "The topK most responsible patterns, most responsible first")
        List<RetrieveMatch> matches,
        @Schema(description = "The final cloud") MeasureBody retrieved,
        @Schema(description = "Accepted descent steps", example = "7") int steps,
        @Schema(description = "Whether the descent met the tolerance", example = "true")
        boolean converged,
        @Schema(description = "Why it stopped", example = "converged",
                allowableValues = {"converged", "max_steps", "timeout"})
        String stopReason,
        @Schema(description = "Energy of the query and of the final state") EnergyBody energy,
        @Schema(description = "Accepted states; only when includeTrace is true",
                nullable = true)
        List<TraceStep> trace,
        @Schema(description = "Wall time in ms, including the wait for a worker",
                example = "42")
        long elapsedMillis,
        @Schema(description = "Candidate steps rejected because they raised the energy",
                example = "0")
        int rejectedSteps,
        @Schema(description = "Sinkhorn iterations (sweeps and Newton steps, all annealing levels) over the retrieval",
                example = "1830")
        long sinkhornIterations) {

    /** A pattern's standing at the final state. */
    @Schema(description = "A pattern at the final state.",
            example = "{\"patternId\": \"corner-1\", \"divergence\": 0.0004, "
                    + "\"responsibility\": 1.0}")
    public record RetrieveMatch(
            @Schema(description = "The pattern's id", example = "corner-1") String patternId,
            @Schema(description = "S_eps(final state, pattern)", example = "0.0004")
            double divergence,
            @Schema(description = "Responsibility w_k", example = "1.0") double responsibility) {
    }

    /** Energies of the descent. */
    @Schema(description = "Energy E of the query and of the final state.",
            example = "{\"initial\": 0.012, \"final\": 0.0004}")
    public record EnergyBody(
            @Schema(description = "E of the query", example = "0.012") double initial,
            @JsonProperty("final")
            @Schema(description = "E of the final state", example = "0.0004") double fin) {
    }

    /** One accepted state of the descent. */
    @Schema(description = "An accepted state of the descent.",
            example = "{\"step\": 1, \"energy\": 0.004, \"transportStep\": 1.0, "
                    + "\"weightStep\": 1.0}")
    public record TraceStep(
            @Schema(description = "Step number", example = "1") int step,
            @Schema(description = "Energy after the step", example = "0.004") double energy,
            @Schema(description = "Transport step tau used", example = "1.0")
            double transportStep,
            @Schema(description = "Weight step eta used", example = "1.0") double weightStep) {
    }
}
