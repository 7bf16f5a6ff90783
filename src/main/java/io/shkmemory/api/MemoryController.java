package io.shkmemory.api;

import java.net.URI;

import io.shkmemory.memory.MemoryService;
import io.shkmemory.memory.MemorySettings;
import io.shkmemory.memory.MemorySnapshot;
import io.shkmemory.config.ShkProperties;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Memories: named collections of patterns of one dimension. */
@RestController
@RequestMapping("/v1/memories")
@Tag(name = "memories", description = "Create, read, update and delete memories")
public class MemoryController {

    private final MemoryService memories;
    private final RequestChecks checks;
    private final ShkProperties.Memory defaults;

    public MemoryController(MemoryService memories, RequestChecks checks,
                            ShkProperties properties) {
        this.memories = memories;
        this.checks = checks;
        this.defaults = properties.memory();
    }

    @PutMapping("/{name}")
    @Operation(operationId = "putMemory",
            summary = "Create or replace a memory's settings",
            description = "201 when created, 200 when updated. The dimension can change only "
                    + "while the memory holds no patterns.")
    @ApiResponse(responseCode = "201", description = "Created")
    @ApiResponse(responseCode = "200", description = "Updated")
    @ApiResponse(responseCode = "400", description = ApiDocs.BAD_REQUEST)
    @ApiResponse(responseCode = "409", description = ApiDocs.CONFLICT)
    public ResponseEntity<MemoryResponse> put(
            @Parameter(description = ApiDocs.NAME, example = "shapes") @PathVariable String name,
            @RequestBody MemoryRequest body) {
        RequestChecks.Errors errors = checks.errors().memoryName("name", name);
        if (body == null) {
            errors.add("body", "is required");
        } else {
            errors.dimension("dimension", body.dimension())
                    .positive("epsilon", body.epsilon(), false)
                    .positive("beta", body.beta(), false)
                    .description("description", body.description());
        }
        errors.throwIfAny();
        MemorySettings settings = new MemorySettings(body.dimension(),
                body.epsilon() != null ? body.epsilon() : defaults.epsilon(),
                body.beta() != null ? body.beta() : defaults.beta(), body.description());
        MemoryService.Written<MemorySnapshot> written = memories.putMemory(name, settings);
        MemoryResponse answer = MemoryResponse.of(written.value());
        return written.created()
                ? ResponseEntity.created(URI.create("/v1/memories/" + name)).body(answer)
                : ResponseEntity.ok(answer);
    }

    @GetMapping
    @Operation(operationId = "listMemories",
            summary = "List all memories, ordered by name")
    public MemoryListResponse list() {
        return new MemoryListResponse(memories.memories().stream()
                .map(MemoryResponse::of).toList());
    }

    @GetMapping("/{name}")
    @Operation(operationId = "getMemory",
            summary = "Read a memory")
    @ApiResponse(responseCode = "200", description = "The memory")
    @ApiResponse(responseCode = "404", description = ApiDocs.NOT_FOUND)
    public MemoryResponse get(
            @Parameter(description = ApiDocs.NAME, example = "shapes") @PathVariable String name) {
        checks.errors().memoryName("name", name).throwIfAny();
        return MemoryResponse.of(memories.memory(name));
    }

    @DeleteMapping("/{name}")
    @Operation(operationId = "deleteMemory",
            summary = "Delete a memory and all its patterns")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "404", description = ApiDocs.NOT_FOUND)
    public ResponseEntity<Void> delete(
            @Parameter(description = ApiDocs.NAME, example = "shapes") @PathVariable String name) {
        checks.errors().memoryName("name", name).throwIfAny();
        memories.deleteMemory(name);
        return ResponseEntity.status(HttpStatus.NO_CONTENT).build();
    }
}
