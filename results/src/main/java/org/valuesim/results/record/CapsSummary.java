package org.valuesim.results.record;

/** backstory-caps: answers, those on which the three modules agreed, and the coordinator calls the rest needed. */
public record CapsSummary(long answers, long unanimous, double agreementRate, String integration,
                          long coordinatorCalls) {
}
