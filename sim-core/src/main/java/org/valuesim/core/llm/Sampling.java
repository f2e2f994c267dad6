package org.valuesim.core.llm;

/**
 * Sampling parameters of a call; every one of them is part of the cache key.
 *
 * @param topLogprobs how many alternatives of each output token to return (0 for none)
 */
public record Sampling(double temperature, int maxTokens, int topLogprobs) {
}
