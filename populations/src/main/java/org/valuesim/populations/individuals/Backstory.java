package org.valuesim.populations.individuals;

/**
 * A written backstory.
 *
 * @param coverage the share of the profile's statements it keeps ({@link BackstoryCoverage})
 * @param attempts how many stories were written to get it (1 unless the llm writer had to rewrite)
 */
public record Backstory(String text, double coverage, int attempts) {
}
