package org.valuesim.core.llm;

import java.util.List;

/**
 * What a model answered, as cached: its text, the top alternatives of its first output token (empty
 * when the backend gives none), and the token usage.
 *
 * @param tokensIn         every prompt token, cached or not (Anthropic's uncached, cache-write and cache-read
 *                         tokens summed, so that every provider counts alike)
 * @param tokensOut        completion tokens, reasoning tokens included
 * @param cachedTokensIn   prompt tokens the provider read from its prompt cache (part of tokensIn)
 * @param cacheWriteTokens prompt tokens the provider wrote to its prompt cache (part of tokensIn; Anthropic only)
 */
public record ModelResponse(String text, List<TokenLogprob> firstTokenLogprobs, long tokensIn, long tokensOut,
                            long cachedTokensIn, long cacheWriteTokens) {

    public ModelResponse {
        firstTokenLogprobs = firstTokenLogprobs == null ? List.of() : List.copyOf(firstTokenLogprobs);
    }

    public ModelResponse(String text, List<TokenLogprob> firstTokenLogprobs, long tokensIn, long tokensOut) {
        this(text, firstTokenLogprobs, tokensIn, tokensOut, 0, 0);
    }
}
