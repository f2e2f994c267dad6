package org.valuesim.core.cost;

/**
 * Tokens as providers bill them.
 *
 * @param input       every prompt token, cached or not
 * @param cachedInput prompt tokens read from the provider's prompt cache (part of input)
 * @param cacheWrite  prompt tokens written to the provider's prompt cache (part of input; Anthropic)
 * @param output      completion tokens, reasoning included
 */
public record TokenUsage(long input, long cachedInput, long cacheWrite, long output) {

    public static final TokenUsage NONE = new TokenUsage(0, 0, 0, 0);

    public TokenUsage plus(TokenUsage other) {
        return new TokenUsage(input + other.input, cachedInput + other.cachedInput, cacheWrite + other.cacheWrite,
                output + other.output);
    }

    public TokenUsage minus(TokenUsage other) {
        return new TokenUsage(input - other.input, cachedInput - other.cachedInput, cacheWrite - other.cacheWrite,
                output - other.output);
    }

    /** Prompt tokens billed at the full input price. */
    public long uncachedInput() {
        return Math.max(0, input - cachedInput - cacheWrite);
    }
}
