package io.shkmemory.api;

import io.shkmemory.engine.Divergence;
import io.swagger.v3.oas.annotations.media.Schema;

/** The answer of {@code POST /v1/divergence}. */
@Schema(description = "S_eps(source, target) and its three entropic transport costs.",
        example = "{\"divergence\": 0.0049, \"otSourceTarget\": 0.0321, "
                + "\"otSourceSource\": -0.052, \"otTargetTarget\": -0.0517, "
                + "\"iterations\": 57, \"marginalError\": 3.1e-10, \"converged\": true}")
public record DivergenceResponse(
        @Schema(description = "S_eps = OT(s,t) - OT(s,s)/2 - OT(t,t)/2", example = "0.0049")
        double divergence,
        @Schema(description = "OT_eps(source, target)", example = "0.0321")
        double otSourceTarget,
        @Schema(description = "OT_eps(source, source)", example = "-0.052")
        double otSourceSource,
        @Schema(description = "OT_eps(target, target)", example = "-0.0517")
        double otTargetTarget,
        @Schema(description = "Sinkhorn iterations (sweeps and Newton steps, all annealing levels) of the three solves",
                example = "57")
        int iterations,
        @Schema(description = "Largest L1 marginal error of the three plans",
                example = "3.1e-10")
        double marginalError,
        @Schema(description = "Whether all three solves met the tolerance", example = "true")
        boolean converged) {

    static DivergenceResponse of(Divergence d) {
        return new DivergenceResponse(d.value(), d.otSourceTarget(), d.otSourceSource(),
                d.otTargetTarget(), d.iterations(), d.marginalError(), d.converged());
    }
}
