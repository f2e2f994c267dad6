package org.valuesim.core.llm;

/**
 * The outcome of one gateway call, with its provenance.
 *
 * @param response  the answer, or null when every attempt failed
 * @param key       the SHA-256 cache key of the call (also the prompt hash in results)
 * @param cacheHit  whether it came from the cache
 * @param attempts  calls made to the backend (0 for a cache hit)
 * @param latencyMs wall time spent on backend calls
 * @param failure   why it failed, or empty
 */
public record GatewayResult(ModelResponse response, String key, boolean cacheHit, int attempts, long latencyMs,
                            String failure) {

    public boolean ok() {
        return response != null;
    }
}
