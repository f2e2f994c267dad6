package org.valuesim.core.llm;

/**
 * One model's accounting over a run, as manifest.json records it under {@code models}: requests, cache hits,
 * shared requests, model calls, retries, failed requests, tokens and latency percentiles of the calls made.
 * A new figure is a new component here and its value in {@link GatewayStats#snapshot()}.
 */
public record ModelAccounting(long requests, long cacheHits, long sharedRequests, long modelCalls, long retries,
                              long failedRequests, long tokensIn, long tokensOut, long latencyP50Ms,
                              long latencyP90Ms, long latencyP99Ms) {
}
