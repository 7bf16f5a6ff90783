package io.shkmemory.api;

/** Texts shared by the OpenAPI annotations of the controllers. */
final class ApiDocs {

    static final String NAME = "Name of the memory: 1 to 64 of A-Z a-z 0-9 . _ -";
    static final String ID = "Id of the pattern: 1 to 128 of A-Z a-z 0-9 . _ -";
    static final String BAD_REQUEST = "Invalid input; errors name each field at fault";
    static final String NOT_FOUND = "No such memory or pattern";
    static final String CONFLICT = "Dimension conflict with the memory";
    static final String TOO_LARGE = "Input larger than the configured limits, or than the "
            + "engine's memory budget allows";
    static final String BUSY = "Engine queue full or its memory budget taken; retry after the "
            + "Retry-After seconds";
    static final String NOT_READY = "Index still loading; retry after the Retry-After seconds";

    private ApiDocs() {
    }
}
