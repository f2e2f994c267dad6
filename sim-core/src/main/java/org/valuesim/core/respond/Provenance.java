package org.valuesim.core.respond;

/**
 * Where an answer came from.
 *
 * @param respondent the respondent kind that produced it
 * @param model      the model name, empty for embedded respondents that use none
 * @param promptHash SHA-256 of the prompt, empty when no prompt was sent
 * @param cacheHit   whether every model call of the answer came from the cache
 * @param attempts   model calls made (retries and repairs included); 1 for an embedded answer
 * @param latencyMs  wall time spent on model calls; 0 for embedded respondents
 * @param tokensIn   prompt tokens, 0 when unknown or none
 * @param tokensOut  completion tokens, 0 when unknown or none
 */
public record Provenance(String respondent, String model, String promptHash, boolean cacheHit, int attempts,
                         long latencyMs, long tokensIn, long tokensOut) {

    /** Provenance of an answer computed in-process without any model call. */
    public static Provenance embedded(String respondent) {
        return new Provenance(respondent, "", "", false, 1, 0, 0, 0);
    }
}
