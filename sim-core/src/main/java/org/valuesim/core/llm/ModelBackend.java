package org.valuesim.core.llm;

/**
 * A model server protocol (OpenAI-compatible, Ollama, Anthropic). Calls block, unless the backend can {@link #send}
 * without blocking; the gateway bounds them, and closes the backend when it closes.
 */
public interface ModelBackend extends AutoCloseable {

    /** The provider name, part of the cache key. */
    String provider();

    /**
     * Settings beyond the model name that change its answers (reasoning effort), part of the cache key; empty for
     * none, so that keys stay those of earlier runs.
     */
    default java.util.Map<String, Object> keyExtras() {
        return java.util.Map.of();
    }

    /** The model name, part of the cache key. */
    String model();

    ModelResponse call(ModelRequest request, String baseUrl) throws ModelCallException;

    /**
     * What the gateway asks: the response to a request under its cache key. A backend that waits for another
     * caller's identical call (a cluster member, for the call another member is making) answers with that call's
     * response as paid elsewhere, and the gateway counts it as a shared request: no call, tokens, latency or cost.
     */
    default Reply reply(String key, ModelRequest request, String baseUrl) throws ModelCallException {
        return new Reply(call(request, baseUrl), false);
    }

    /**
     * Whether {@link #send} works for this base URL: the gateway then keeps calls in flight without a thread each.
     */
    default boolean sendsWithoutBlocking(String baseUrl) {
        return false;
    }

    /**
     * {@link #call} without blocking, for a base URL where {@link #sendsWithoutBlocking} is true: the future
     * completes on {@code completions} with the response, or with the {@link ModelCallException} {@code call} would
     * throw.
     */
    default java.util.concurrent.CompletableFuture<ModelResponse> send(ModelRequest request, String baseUrl,
                                                                     java.util.concurrent.Executor completions) {
        throw new UnsupportedOperationException(provider() + " has no non-blocking calls");
    }

    /** Lets go of what the backend holds (pooled connections: a study runs many gateways in one process). */
    @Override
    default void close() {
    }

    /** A response, and whether another caller's call brought (and paid for) it. */
    record Reply(ModelResponse response, boolean paidElsewhere) {
    }
}
