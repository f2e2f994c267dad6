package org.valuesim.results.record;

import java.util.List;

/**
 * Correlation matrices of the centred value scores, rows and columns in {@code values} order; or, when some value's
 * scores do not vary, only a note saying why there are none.
 */
public record ValueCorrelation(String scores, List<String> values, double[][] simulated, double[][] human,
                               String note) {
}
