package org.valuesim.core.values;

import java.util.Arrays;

/** One score per Schwartz value, indexed by {@link SchwartzValue#ordinal()}. */
public record ValueProfile(double[] scores) {

    public ValueProfile {
        if (scores.length != SchwartzValue.count()) {
            throw new IllegalArgumentException("a value profile has " + SchwartzValue.count()
                    + " scores, got " + scores.length);
        }
        scores = scores.clone();
    }

    public double get(SchwartzValue value) {
        return scores[value.ordinal()];
    }

    @Override
    public double[] scores() {
        return scores.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ValueProfile p && Arrays.equals(scores, p.scores);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(scores);
    }

    @Override
    public String toString() {
        return "ValueProfile" + Arrays.toString(scores);
    }
}
