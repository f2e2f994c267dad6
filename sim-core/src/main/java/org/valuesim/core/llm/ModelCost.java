package org.valuesim.core.llm;

import java.math.BigDecimal;

/** What a model's calls cost, US dollars to the micro-dollar: those made live, those answered in batches, in all. */
public record ModelCost(BigDecimal live, BigDecimal batch, BigDecimal total) {
}
