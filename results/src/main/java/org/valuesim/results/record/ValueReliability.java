package org.valuesim.results.record;

/** Cronbach's alpha of one value's items, simulated and (same instrument only) human. */
public record ValueReliability(int items, double simulatedAlpha, Double humanAlpha) {
}
