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

    /** The value with the highest score (the first in circular order on ties). */
    public SchwartzValue highest() {
        int best = 0;
        for (int i = 1; i < scores.length; i++) {
            if (scores[i] > scores[best]) {
                best = i;
            }
        }
        return SchwartzValue.inCircularOrder().get(best);
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
