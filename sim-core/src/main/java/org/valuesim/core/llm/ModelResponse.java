package org.valuesim.core.llm;

import java.util.List;

/**
 * What a model answered, as cached: its text, the top alternatives of its first output token (empty
 * when the backend gives none), and the token usage.
 */
public record ModelResponse(String text, List<TokenLogprob> firstTokenLogprobs, long tokensIn, long tokensOut) {

    public ModelResponse {
        firstTokenLogprobs = firstTokenLogprobs == null ? List.of() : List.copyOf(firstTokenLogprobs);
    }
}
