package io.shkmemory.api;

import io.shkmemory.engine.Measure;
import io.shkmemory.memory.RecallService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

/** The debiased Sinkhorn divergence between two clouds, outside any memory. */
@RestController
@Tag(name = "divergence", description = "Sinkhorn divergence of two clouds")
public class DivergenceController {

    static final double DEFAULT_EPSILON = 0.05;

    private final RecallService recall;
    private final RequestChecks checks;
    private final Deferred deferred;

    public DivergenceController(RecallService recall, RequestChecks checks, Deferred deferred) {
        this.recall = recall;
        this.checks = checks;
        this.deferred = deferred;
    }

    @PostMapping("/v1/divergence")
    @Operation(operationId = "divergence",
            summary = "Compute S_eps(source, target) and its transport costs",
            description = "Each of the three Sinkhorn solves iterates until its marginal error "
                    + "is below the tolerance or its sweep cap; converged says which.")
    @ApiResponse(responseCode = "200", description = "The divergence")
    @ApiResponse(responseCode = "400", description = ApiDocs.BAD_REQUEST)
    @ApiResponse(responseCode = "413", description = ApiDocs.TOO_LARGE)
    @ApiResponse(responseCode = "429", description = ApiDocs.BUSY)
    public DeferredResult<DivergenceResponse> divergence(@RequestBody DivergenceRequest body,
                                                       HttpServletRequest request) {
        RequestChecks.Errors errors = checks.errors();
        if (body == null) {
            errors.add("body", "is required").throwIfAny();
        }
        Measure source = errors.measure("source", body.source());
        Measure target = errors.measure("target", body.target());
        errors.positive("epsilon", body.epsilon(), false)
                .positive("tolerance", body.tolerance(), false);
        if (source != null && target != null && source.dimension() != target.dimension()) {
            errors.add("target.points", "must have the source's dimension "
                    + source.dimension() + ", had " + target.dimension());
        }
        errors.throwIfAny();
        double epsilon = body.epsilon() != null ? body.epsilon() : DEFAULT_EPSILON;
        return deferred.answer(request, checks.limits().maxTimeout().toMillis(),
                cancel -> recall.divergence(source, target, epsilon, body.tolerance(), cancel),
                DivergenceResponse::of);
    }
}
