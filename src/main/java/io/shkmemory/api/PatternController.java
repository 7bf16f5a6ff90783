package io.shkmemory.api;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.shkmemory.engine.Measure;
import io.shkmemory.memory.IndexedPattern;
import io.shkmemory.memory.MemoryService;
import io.shkmemory.memory.MemorySnapshot;
import io.shkmemory.memory.PatternWrite;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Patterns: the weighted point clouds a memory stores. */
@RestController
@RequestMapping("/v1/memories/{name}/patterns")
@Tag(name = "patterns", description = "Store, page through, read and delete patterns")
public class PatternController {

    static final int DEFAULT_PAGE = 100;
    static final int MAX_PAGE = 1000;

    private final MemoryService memories;
    private final RequestChecks checks;

    public PatternController(MemoryService memories, RequestChecks checks) {
        this.memories = memories;
        this.checks = checks;
    }

    @PutMapping("/{id}")
    @Operation(operationId = "putPattern",
            summary = "Create or replace one pattern",
            description = "201 when created, 200 when replaced. Points must have the memory's "
                    + "dimension (else 409).")
    @ApiResponse(responseCode = "201", description = "Created")
    @ApiResponse(responseCode = "200", description = "Replaced")
    @ApiResponse(responseCode = "400", description = ApiDocs.BAD_REQUEST)
    @ApiResponse(responseCode = "404", description = ApiDocs.NOT_FOUND)
    @ApiResponse(responseCode = "409", description = ApiDocs.CONFLICT)
    @ApiResponse(responseCode = "413", description = ApiDocs.TOO_LARGE)
    public ResponseEntity<PatternSummary> put(
            @Parameter(description = ApiDocs.NAME, example = "shapes") @PathVariable String name,
            @Parameter(description = ApiDocs.ID, example = "corner-1") @PathVariable String id,
            @RequestBody PatternRequest body) {
        RequestChecks.Errors errors = checks.errors().memoryName("name", name).patternId("id", id);
        if (body == null) {
            errors.add("body", "is required").throwIfAny();
        }
        Measure measure = errors.measure("", body.points(), body.weights());
        Map<String, Object> metadata = errors.metadata("metadata", body.metadata());
        errors.throwIfAny();
        MemoryService.Written<IndexedPattern> written = memories.putPattern(name,
                new PatternWrite(id, measure, body.weights(), metadata));
        PatternSummary answer = PatternSummary.of(written.value());
        return written.created()
                ? ResponseEntity.created(URI.create("/v1/memories/" + name + "/patterns/" + id))
                        .body(answer)
                : ResponseEntity.ok(answer);
    }

    @PostMapping
    @Operation(operationId = "upsertPatterns",
            summary = "Create or replace many patterns, all or nothing",
            description = "Either every pattern is stored or, on any error, none is.")
    @ApiResponse(responseCode = "200", description = "All stored")
    @ApiResponse(responseCode = "400", description = ApiDocs.BAD_REQUEST)
    @ApiResponse(responseCode = "404", description = ApiDocs.NOT_FOUND)
    @ApiResponse(responseCode = "409", description = ApiDocs.CONFLICT)
    @ApiResponse(responseCode = "413", description = ApiDocs.TOO_LARGE)
    public BatchResponse upsert(
            @Parameter(description = ApiDocs.NAME, example = "shapes") @PathVariable String name,
            @RequestBody BatchRequest body) {
        RequestChecks.Errors errors = checks.errors().memoryName("name", name);
        if (body == null || body.patterns() == null) {
            errors.add(body == null ? "body" : "patterns", "is required").throwIfAny();
        }
        List<BatchPattern> items = body.patterns();
        int max = checks.limits().maxBatch();
        if (items.size() > max) {
            throw InvalidRequestException.tooLarge("patterns", "must hold at most " + max
                    + " patterns, had " + items.size());
        }
        if (items.isEmpty()) {
            errors.add("patterns", "must hold at least one pattern");
        }
        List<PatternWrite> writes = new ArrayList<>(items.size());
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            String at = "patterns[" + i + "]";
            BatchPattern item = items.get(i);
            if (item == null) {
                errors.add(at, "is required");
                continue;
            }
            errors.patternId(at + ".id", item.id());
            if (item.id() != null && !ids.add(item.id())) {
                errors.add(at + ".id", "repeats the id '" + item.id() + "' of an earlier pattern");
            }
            Measure measure = errors.measure(at + ".", item.points(), item.weights());
            Map<String, Object> metadata = errors.metadata(at + ".metadata", item.metadata());
            writes.add(new PatternWrite(item.id(), measure, item.weights(), metadata));
        }
        errors.throwIfAny();
        return new BatchResponse(memories.putPatterns(name, writes));
    }

    @GetMapping
    @Operation(operationId = "listPatterns",
            summary = "Page through a memory's patterns, ordered by id")
    @ApiResponse(responseCode = "200", description = "One page")
    @ApiResponse(responseCode = "400", description = ApiDocs.BAD_REQUEST)
    @ApiResponse(responseCode = "404", description = ApiDocs.NOT_FOUND)
    public PatternPage list(
            @Parameter(description = ApiDocs.NAME, example = "shapes") @PathVariable String name,
            @Parameter(description = "Page size, 1 to 1000; default 100", example = "100")
            @RequestParam(required = false) Integer limit,
            @Parameter(description = "The nextCursor of the previous page; absent for the "
                    + "first page", example = "Y29ybmVyLTE")
            @RequestParam(required = false) String cursor) {
        RequestChecks.Errors errors = checks.errors().memoryName("name", name)
                .between("limit", limit, 1, MAX_PAGE);
        String after = cursor == null ? null : decodeCursor(cursor, errors);
        errors.throwIfAny();
        MemorySnapshot memory = memories.memory(name);
        List<IndexedPattern> page = memory.page(after, limit == null ? DEFAULT_PAGE : limit);
        String next = null;
        if (!page.isEmpty() && memory.hasAfter(page.get(page.size() - 1).id())) {
            next = encodeCursor(page.get(page.size() - 1).id());
        }
        return new PatternPage(page.stream().map(PatternSummary::of).toList(), next);
    }

    @GetMapping("/{id}")
    @Operation(operationId = "getPattern",
            summary = "Read a pattern with its points and normalised weights")
    @ApiResponse(responseCode = "200", description = "The pattern")
    @ApiResponse(responseCode = "404", description = ApiDocs.NOT_FOUND)
    public PatternResponse get(
            @Parameter(description = ApiDocs.NAME, example = "shapes") @PathVariable String name,
            @Parameter(description = ApiDocs.ID, example = "corner-1") @PathVariable String id) {
        checks.errors().memoryName("name", name).patternId("id", id).throwIfAny();
        return PatternResponse.of(memories.pattern(name, id));
    }

    @DeleteMapping("/{id}")
    @Operation(operationId = "deletePattern",
            summary = "Delete a pattern")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "404", description = ApiDocs.NOT_FOUND)
    public ResponseEntity<Void> delete(
            @Parameter(description = ApiDocs.NAME, example = "shapes") @PathVariable String name,
            @Parameter(description = ApiDocs.ID, example = "corner-1") @PathVariable String id) {
        checks.errors().memoryName("name", name).patternId("id", id).throwIfAny();
        memories.deletePattern(name, id);
        return ResponseEntity.status(HttpStatus.NO_CONTENT).build();
    }

    /** The cursor is the last id of a page, base64url-encoded: opaque to clients. */
    static String encodeCursor(String lastId) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(lastId.getBytes(StandardCharsets.UTF_8));
    }

    private static String decodeCursor(String cursor, RequestChecks.Errors errors) {
        try {
            String id = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (RequestChecks.PATTERN_ID.matcher(id).matches()) {
                return id;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        errors.add("cursor", "is not a cursor this API returned");
        return null;
    }
}
