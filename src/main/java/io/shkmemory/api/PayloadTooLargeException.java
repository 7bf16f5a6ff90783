package io.shkmemory.api;

import java.io.IOException;

/** A request body grew past {@code shk.limits.max-request-bytes} while being read. */
public final class PayloadTooLargeException extends IOException {

    public PayloadTooLargeException(long limit) {
        super("the request body must be at most " + limit + " bytes");
    }
}
