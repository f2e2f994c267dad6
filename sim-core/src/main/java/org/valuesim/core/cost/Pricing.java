package org.valuesim.core.cost;

/**
 * A model's published prices in US dollars per million tokens, and the discount its batch API gives.
 *
 * @param input         uncached prompt tokens
 * @param cachedInput   prompt tokens read from the provider's prompt cache
 * @param cacheWrite    prompt tokens written to the provider's prompt cache (Anthropic's 5-minute writes)
 * @param output        completion tokens
 * @param batchDiscount the share taken off every price for batched requests (0.5 at OpenAI and Anthropic)
 */
public record Pricing(double input, double cachedInput, double cacheWrite, double output, double batchDiscount) {

    public Pricing {
        if (input < 0 || cachedInput < 0 || cacheWrite < 0 || output < 0) {
            throw new IllegalArgumentException("prices cannot be negative");
        }
        if (batchDiscount < 0 || batchDiscount >= 1) {
            throw new IllegalArgumentException("a batch discount lies in [0, 1)");
        }
    }

    /** What the tokens cost, live or batched. */
    public double cost(TokenUsage tokens, boolean batched) {
        double full = (tokens.uncachedInput() * input + tokens.cachedInput() * cachedInput
                + tokens.cacheWrite() * cacheWrite + tokens.output() * output) / 1e6;
        return batched ? full * (1 - batchDiscount) : full;
    }

    /**
     * The most a call can cost before it is made: every prompt token at the dearer of the input and cache-write
     * prices, and as many output tokens as it may write.
     */
    public double ceiling(long promptTokensAtMost, long outputTokensAtMost, boolean batched) {
        double full = (promptTokensAtMost * Math.max(input, cacheWrite) + outputTokensAtMost * output) / 1e6;
        return batched ? full * (1 - batchDiscount) : full;
    }
}
