package io.shkmemory.api;

import java.util.List;
import java.util.concurrent.TimeUnit;

import io.shkmemory.engine.Measure;
import io.shkmemory.engine.RetrievalResult;
import io.shkmemory.memory.IndexedPattern;
import io.shkmemory.memory.RecallService;
import io.shkmemory.memory.RetrievalOverrides;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

/** Recall: SHK retrieval and divergence search over a memory's patterns. */
@RestController
@Tag(name = "recall", description = "Retrieve a stored pattern from a noisy query, or search")
public class RecallController {

    static final int DEFAULT_TOP_K = 5;
    /** Time the engine gets past a retrieval's timeout to finish its last step. */
    static final long GRACE_MILLIS = 10_000;

    private final RecallService recall;
    private final RequestChecks checks;
    private final Deferred deferred;

    public RecallController(RecallService recall, RequestChecks checks, Deferred deferred) {
        this.recall = recall;
        this.checks = checks;
        this.deferred = deferred;
    }

    @PostMapping("/v1/memories/{name}/retrieve")
    @Operation(operationId = "retrieve",
            summary = "Run the SHK energy descent from a query and recall a pattern",
            description = "The answer's patternId is the most responsible pattern at the final "
                    + "state; matches are the topK most responsible. The descent runs on the "
                    + "bounded engine pool; when its queue is full the answer is 429.")
    @ApiResponse(responseCode = "200", description = "The recalled pattern")
    @ApiResponse(responseCode = "400", description = ApiDocs.BAD_REQUEST)
    @ApiResponse(responseCode = "404", description = ApiDocs.NOT_FOUND)
    @ApiResponse(responseCode = "409", description = ApiDocs.CONFLICT
            + ", or the memory holds no patterns")
    @ApiResponse(responseCode = "413", description = ApiDocs.TOO_LARGE)
    @ApiResponse(responseCode = "429", description = ApiDocs.BUSY)
    public DeferredResult<RetrieveResponse> retrieve(
            @Parameter(description = ApiDocs.NAME, example = "shapes") @PathVariable String name,
            @RequestBody RetrieveRequest body, HttpServletRequest request) {
        RequestChecks.Errors errors = checks.errors().memoryName("name", name);
        if (body == null) {
            errors.add("body", "is required").throwIfAny();
        }
        long maxTimeout = checks.limits().maxTimeout().toMillis();
        long timeout = body.timeoutMillis() != null ? body.timeoutMillis()
                : checks.limits().defaultTimeout().toMillis();
        Measure query = errors.measure("query", body.query());
        errors.positive("beta", body.beta(), false)
                .positive("epsilon", body.epsilon(), false)
                .positive("transportStep", body.transportStep(), false)
                .nonNegative("weightStep", body.weightStep())
                .between("maxSteps", body.maxSteps(), 0, checks.limits().maxSteps())
                .positive("tolerance", body.tolerance(), false)
                .between("timeoutMillis", body.timeoutMillis(), 1, maxTimeout)
                .topK("topK", body.topK())
                .throwIfAny();
        RetrievalOverrides overrides = new RetrievalOverrides(body.epsilon(), body.beta(),
                body.transportStep(), body.weightStep(), body.maxSteps(), body.tolerance(),
                timeout, body.includeTrace());
        int topK = body.topK() != null ? body.topK() : DEFAULT_TOP_K;
        boolean trace = Boolean.TRUE.equals(body.includeTrace());
        // the engine stops itself at the timeout; the request's own limit is a safety net
        return deferred.answer(request, timeout + GRACE_MILLIS,
                cancel -> recall.retrieve(name, query, overrides, cancel),
                recalled -> answer(recalled, topK, trace));
    }

    @PostMapping("/v1/memories/{name}/search")
    @Operation(operationId = "search",
            summary = "Rank patterns by Sinkhorn divergence from the query, no dynamics",
            description = "Exact: the closest topK by S_eps, closest first.")
    @ApiResponse(responseCode = "200", description = "The closest patterns")
    @ApiResponse(responseCode = "400", description = ApiDocs.BAD_REQUEST)
    @ApiResponse(responseCode = "404", description = ApiDocs.NOT_FOUND)
    @ApiResponse(responseCode = "409", description = ApiDocs.CONFLICT)
    @ApiResponse(responseCode = "413", description = ApiDocs.TOO_LARGE)
    @ApiResponse(responseCode = "429", description = ApiDocs.BUSY)
    public DeferredResult<SearchResponse> search(
            @Parameter(description = ApiDocs.NAME, example = "shapes") @PathVariable String name,
            @RequestBody SearchRequest body, HttpServletRequest request) {
        RequestChecks.Errors errors = checks.errors().memoryName("name", name);
        if (body == null) {
            errors.add("body", "is required").throwIfAny();
        }
        Measure query = errors.measure("query", body.query());
        errors.positive("epsilon", body.epsilon(), false)
                .topK("topK", body.topK())
                .throwIfAny();
        int topK = body.topK() != null ? body.topK() : DEFAULT_TOP_K;
        return deferred.answer(request, checks.limits().maxTimeout().toMillis(),
                cancel -> recall.search(name, query, body.epsilon(), topK, cancel),
                RecallController::searchAnswer);
    }

    private static SearchResponse searchAnswer(List<RecallService.Match> found) {
        return new SearchResponse(found.stream()
                .map(m -> new SearchResponse.SearchMatch(m.pattern().id(), m.divergence(),
                        m.pattern().metadata()))
                .toList());
    }

    private static RetrieveResponse answer(RecallService.Recall recalled, int topK,
                                           boolean includeTrace) {
        RetrievalResult r = recalled.result();
        List<IndexedPattern> patterns = recalled.memory().patterns();
        int best = r.best();
        IndexedPattern recalledPattern = patterns.get(best);
        List<RetrieveResponse.RetrieveMatch> matches = r.matches().stream()
                .limit(topK)
                .map(m -> new RetrieveResponse.RetrieveMatch(patterns.get(m.index()).id(),
                        m.divergence(), m.responsibility()))
                .toList();
        List<RetrieveResponse.TraceStep> trace = includeTrace
                ? r.trace().stream().map(t -> new RetrieveResponse.TraceStep(t.step(),
                        t.energy(), t.transportStep(), t.weightStep())).toList()
                : null;
        return new RetrieveResponse(recalledPattern.id(), recalledPattern.metadata(),
                r.responsibilities()[best], r.divergences()[best], matches,
                MeasureBody.of(r.state()), r.steps(), r.converged(), r.stopReason().wireName(),
                new RetrieveResponse.EnergyBody(r.initialEnergy(), r.finalEnergy()), trace,
                TimeUnit.NANOSECONDS.toMillis(recalled.elapsedNanos()), r.rejectedSteps(),
                r.sinkhornIterations());
    }
}
