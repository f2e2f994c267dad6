package org.valuesim.core.llm;

import java.time.Duration;

/**
 * A failed model call.
 *
 * @see #retryable() timeouts, HTTP 429 and 5xx and dropped connections are worth retrying; bad requests,
 *      bad keys and unknown models are not
 */
public class ModelCallException extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean retryable;
    private final transient Duration retryAfter;

    public ModelCallException(String message, boolean retryable, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    public boolean retryable() {
        return retryable;
    }

    /** How long the server asked us to wait, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
