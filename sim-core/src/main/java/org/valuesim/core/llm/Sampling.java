package org.valuesim.core.llm;

/**
 * Sampling parameters of a call; every one of them is part of the cache key.
 *
 * @param maxTokens   the most tokens the reply may have, or {@link #NO_CAP}
 * @param topLogprobs how many alternatives of each output token to return (0 for none)
 */
public record Sampling(double temperature, int maxTokens, int topLogprobs) {

    /**
     * No cap on the reply: the request carries no max_tokens (the server's own limit applies). Anthropic's API
     * requires one, so there it is {@link #ANTHROPIC_NO_CAP}.
     */
    public static final int NO_CAP = 0;

    /** The largest reply every current Claude model accepts as max_tokens. */
    public static final int ANTHROPIC_NO_CAP = 4096;

    /** max_tokens as sent: null for no cap. */
    public Integer cap() {
        return maxTokens == NO_CAP ? null : maxTokens;
    }
}
