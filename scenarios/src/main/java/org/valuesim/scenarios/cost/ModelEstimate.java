package org.valuesim.scenarios.cost;

import org.valuesim.core.cost.Pricing;
import org.valuesim.core.cost.TokenUsage;

/**
 * What one model will be asked, before any call: counts after sharing and the cache, tokens and cost. Estimates of
 * several runs of the same model add up ({@link #plus}), so a study can sum its runs.
 *
 * @param model             the scenario's name of the model
 * @param description       provider and model name
 * @param tokenizer         how tokens were counted
 * @param requests          requests the run makes of the gateway
 * @param shared            requests answered by an identical earlier request of the run
 * @param cacheHits         requests the model-call cache already answers
 * @param calls             distinct calls that will reach the model
 * @param followUpsAtMost   further calls only some answers need (a repair for an unreadable answer, a CAPS
 *                          coordinator when the modules disagree, a backstory written again)
 * @param inputTokens       prompt tokens of the calls
 * @param cachedInputTokens of those, tokens a provider's prompt cache would serve (the persona's prefix from its
 *                          second call on, when the prefix is long enough to be cached)
 * @param cacheWriteTokens  of those, tokens written to the prompt cache (Anthropic bills them; the first call of each
 *                          persona)
 * @param outputTokens      expected completion tokens (the answer's format: 1 for a number, about 40 for an
 *                          allocation, 80 for a CAPS module's analysis, 600 for a backstory)
 * @param outputTokensAtMost the calls' output limits (thinking allowance included)
 * @param pricing           the model's prices, or null
 * @param batch             whether the model submits through its batch API
 */
public record ModelEstimate(String model, String description, String tokenizer, long requests, long shared,
                            long cacheHits, long calls, long followUpsAtMost, long inputTokens, long cachedInputTokens,
                            long cacheWriteTokens, long outputTokens, long outputTokensAtMost, Pricing pricing,
                            boolean batch) {

    /** The tokens as billed, with or without the provider's prompt cache. */
    public TokenUsage usage(boolean promptCached) {
        return promptCached ? new TokenUsage(inputTokens, cachedInputTokens, cacheWriteTokens, outputTokens)
                : new TokenUsage(inputTokens, 0, 0, outputTokens);
    }

    /** The expected cost in US dollars (NaN without prices). */
    public double cost(boolean batched, boolean promptCached) {
        return pricing == null ? Double.NaN : pricing.cost(usage(promptCached), batched);
    }

    /** The most the calls can cost: every output limit reached, no prompt cache. */
    public double costAtMost(boolean batched) {
        return pricing == null ? Double.NaN
                : pricing.cost(new TokenUsage(inputTokens, 0, 0, outputTokensAtMost), batched);
    }

    /** Two estimates of the same model added (a study's runs). */
    public ModelEstimate plus(ModelEstimate o) {
        return new ModelEstimate(model, description, tokenizer, requests + o.requests, shared + o.shared,
                cacheHits + o.cacheHits, calls + o.calls, followUpsAtMost + o.followUpsAtMost,
                inputTokens + o.inputTokens, cachedInputTokens + o.cachedInputTokens,
                cacheWriteTokens + o.cacheWriteTokens, outputTokens + o.outputTokens,
                outputTokensAtMost + o.outputTokensAtMost, pricing, batch);
    }
}
