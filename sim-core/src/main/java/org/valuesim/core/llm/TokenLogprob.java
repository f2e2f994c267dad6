package org.valuesim.core.llm;

/** A candidate token and its log-probability. */
public record TokenLogprob(String token, double logprob) {
}
