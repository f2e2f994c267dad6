package org.valuesim.core.llm;

import java.util.List;

/**
 * One model's accounting over a run, as manifest.json records it under {@code models}: requests, cache hits,
 * shared requests, model calls, retries, failed requests, tokens and latency percentiles of the calls made; the
 * provider's prompt-cache reads and writes, the calls sent through a batch API, the calls that asked for
 * log-probabilities and got none, and with prices the cost. A new figure is a new component here and its value in
 * {@link GatewayStats#snapshot()}.
 *
 * @param cachedInputTokens    prompt tokens the provider read from its prompt cache (part of tokensIn)
 * @param cacheWriteTokens     prompt tokens the provider wrote to its prompt cache (part of tokensIn; Anthropic)
 * @param batches              batches submitted
 * @param batchedCalls         calls answered through a batch
 * @param batchFailuresRetried requests that failed, expired or were cancelled inside a batch and were asked live
 * @param logprobsMissing      calls that asked for log-probabilities and got none (their answers were sampled)
 * @param costUsd              what the calls cost at the model's prices; null without prices
 * @param batchJobs            each batch of the run; null when the model submits live
 */
public record ModelAccounting(long requests, long cacheHits, long sharedRequests, long modelCalls, long retries,
                              long failedRequests, long tokensIn, long tokensOut, long latencyP50Ms,
                              long latencyP90Ms, long latencyP99Ms, long cachedInputTokens, long cacheWriteTokens,
                              long batches, long batchedCalls, long batchFailuresRetried, long logprobsMissing,
                              ModelCost costUsd, List<BatchJob> batchJobs) {

    /** The same accounting with the model's batches listed. */
    public ModelAccounting withBatchJobs(List<BatchJob> jobs) {
        return new ModelAccounting(requests, cacheHits, sharedRequests, modelCalls, retries, failedRequests, tokensIn,
                tokensOut, latencyP50Ms, latencyP90Ms, latencyP99Ms, cachedInputTokens, cacheWriteTokens, batches,
                batchedCalls, batchFailuresRetried, logprobsMissing, costUsd, List.copyOf(jobs));
    }
}
