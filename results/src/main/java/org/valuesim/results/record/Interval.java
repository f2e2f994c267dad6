package org.valuesim.results.record;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A 95% interval, written as {@code [low, high]}. */
@JsonFormat(shape = JsonFormat.Shape.ARRAY)
@JsonPropertyOrder({"low", "high"})
public record Interval(double low, double high) {

    /** Half its width (0 for a point). */
    public double halfWidth() {
        return (high - low) / 2;
    }

    public boolean covers(double x) {
        return low <= x && x <= high;
    }
}
