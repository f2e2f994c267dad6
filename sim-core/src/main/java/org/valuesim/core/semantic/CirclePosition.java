package org.valuesim.core.semantic;

import org.apache.commons.math3.util.FastMath;

/**
 * Where a text sits on Schwartz's value circle.
 *
 * @param angle    radians, Self-Direction at 0, in the circle's order (40 degrees a position)
 * @param strength how clearly the text points there, 0 (no direction) to 1 (one value only)
 */
public record CirclePosition(double angle, double strength) {

    /** A text that says nothing about values. */
    public static final CirclePosition NOWHERE = new CirclePosition(0, 0);

    /** The position as a vector in the circle's plane, of length {@code strength}. */
    public double[] vector() {
        return new double[] {strength * FastMath.cos(angle), strength * FastMath.sin(angle)};
    }

    public double degrees() {
        return Math.toDegrees(angle);
    }
}
