package org.valuesim.scenarios.cost;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.valuesim.core.cost.Pricing;
import org.valuesim.core.llm.CallsStopped;
import org.valuesim.core.llm.Dispatcher;
import org.valuesim.core.llm.GatewayResult;
import org.valuesim.core.llm.Message;
import org.valuesim.core.llm.ModelRequest;

/**
 * An estimate's dispatcher: it counts each call the gateway would make (after sharing and cache hits), its prompt
 * tokens and its output, and calls nothing (the call ends at once, so nothing follows from it). The persona's system
 * block is the cacheable prefix: in the order calls are asked (persona-major), a prefix's first call writes it and
 * later calls read it, when it reaches the provider's shortest cached prefix.
 */
final class CallRecorder implements Dispatcher {

    /** OpenAI caches prefixes of at least 1,024 tokens in steps of 128. */
    static final int OPENAI_CACHE_STEP = 128;
    private static final CallsStopped ESTIMATE = new CallsStopped("an estimate calls no model");

    private final TokenCounter tokens;
    private final int reasoningTokens;
    private final boolean caching;
    private final boolean writesBilled;
    private final int cacheMinTokens;
    private final Set<String> prefixesSeen = new HashSet<>();
    private final Set<String> askedBefore;
    /** Requests an earlier run of the same study asks (they share its cache): answered by then, not counted. */
    long earlierRuns;
    long calls;
    long input;
    long cachedInput;
    long cacheWrite;
    long output;
    long outputAtMost;

    /**
     * @param caching      whether the provider caches the prefix (OpenAI-compatible automatically, Anthropic with
     *                     prompt-cache)
     * @param writesBilled whether writing the cache is billed apart (Anthropic)
     * @param askedBefore  the cache keys earlier runs of a study ask (this recorder adds its own)
     */
    CallRecorder(TokenCounter tokens, int reasoningTokens, boolean caching, boolean writesBilled, int cacheMinTokens,
                 Set<String> askedBefore) {
        this.askedBefore = askedBefore;
        this.tokens = tokens;
        this.reasoningTokens = reasoningTokens;
        this.caching = caching;
        this.writesBilled = writesBilled;
        this.cacheMinTokens = cacheMinTokens;
    }

    @Override
    public synchronized CompletableFuture<GatewayResult> dispatch(String key, ModelRequest request) {
        if (!askedBefore.add(key)) {
            earlierRuns++;
            return CompletableFuture.failedFuture(ESTIMATE);
        }
        calls++;
        input += tokens.chat(request.messages());
        Message first = request.messages().get(0);
        if (caching && first.role().equals("system")) {
            int prefix = tokens.count(first.content()) + TokenCounter.PER_MESSAGE;
            if (prefix >= cacheMinTokens) {
                if (prefixesSeen.add(first.content())) {
                    cacheWrite += writesBilled ? prefix : 0;
                } else {
                    cachedInput += writesBilled ? prefix
                            : cacheMinTokens + (prefix - cacheMinTokens) / OPENAI_CACHE_STEP * OPENAI_CACHE_STEP;
                }
            }
        }
        int limit = request.sampling().maxTokens();
        output += expectedOutput(limit);
        outputAtMost += limit + reasoningTokens;
        return CompletableFuture.failedFuture(ESTIMATE);
    }

    /** The assumed output of a call with this limit: a fifth of it, at least one token (one for a number answer). */
    static int expectedOutput(int limit) {
        return Math.max(1, limit / 5);
    }

    ModelEstimate estimate(String model, String description, long requests, long shared, long cacheHits,
                           long followUps, Pricing pricing, boolean batch) {
        return new ModelEstimate(model, description, tokens.describe(), requests, shared + earlierRuns, cacheHits,
                calls, followUps,
                input, cachedInput, cacheWrite, output, outputAtMost, pricing, batch);
    }
}
