package org.valuesim.results.record;

/** What a summary.json holds: a run's statistics or an individual-accuracy benchmark's. */
public sealed interface Summary permits RunSummary, AccuracySummary {

    long seed();
}
