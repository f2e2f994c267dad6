package org.valuesim.results.accuracy;

/**
 * Baseline: the item's most common answer among the other respondents (the lowest option on ties),
 * whatever the person's history.
 */
public final class MajorityPredictor implements IndividualPredictor {

    private final int options;

    public MajorityPredictor(int options) {
        this.options = options;
    }

    @Override
    public String name() {
        return "majority";
    }

    @Override
    public int predict(int[][] answers, int person, int item, int[] history) {
        return majority(answers, person, item, options);
    }

    static int majority(int[][] answers, int person, int item, int options) {
        int[] counts = new int[options + 1];
        for (int r = 0; r < answers.length; r++) {
            if (r != person) {
                counts[answers[r][item]]++;
            }
        }
        int best = 1;
        for (int k = 2; k <= options; k++) {
            if (counts[k] > counts[best]) {
                best = k;
            }
        }
        return best;
    }
}
