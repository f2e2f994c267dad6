package org.valuesim.results.accuracy;

/**
 * Baseline: the k other respondents whose answers to the person's history items are closest (mean
 * absolute difference over the history items both answered; ties by row order) vote on the item;
 * the most common answer wins (the lowest option on ties). With no history, or no neighbour who
 * shares a history item and answered the item, it falls back to the majority answer.
 */
public final class NearestNeighbourPredictor implements IndividualPredictor {

    private final int options;
    private final int neighbours;

    public NearestNeighbourPredictor(int options, int neighbours) {
        if (neighbours < 1) {
            throw new IllegalArgumentException("neighbours must be at least 1");
        }
        this.options = options;
        this.neighbours = neighbours;
    }

    @Override
    public String name() {
        return "knn";
    }

    @Override
    public int predict(int[][] answers, int person, int item, int[] history) {
        if (history.length == 0) {
            return MajorityPredictor.majority(answers, person, item, options);
        }
        // the k best (distance, row) pairs, kept sorted; k is small
        double[] bestDistance = new double[neighbours];
        int[] bestRow = new int[neighbours];
        java.util.Arrays.fill(bestDistance, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(bestRow, -1);
        int[] own = answers[person];
        for (int r = 0; r < answers.length; r++) {
            int[] other = answers[r];
            if (r == person || other[item] == 0) {
                continue;
            }
            double sum = 0;
            int shared = 0;
            for (int h : history) {
                if (other[h] != 0) {
                    sum += Math.abs(other[h] - own[h]);
                    shared++;
                }
            }
            if (shared == 0) {
                continue;
            }
            double d = sum / shared;
            int at = neighbours - 1;
            if (d >= bestDistance[at]) {
                continue;
            }
            while (at > 0 && d < bestDistance[at - 1]) {
                bestDistance[at] = bestDistance[at - 1];
                bestRow[at] = bestRow[at - 1];
                at--;
            }
            bestDistance[at] = d;
            bestRow[at] = r;
        }
        int[] votes = new int[options + 1];
        int voters = 0;
        for (int row : bestRow) {
            if (row >= 0) {
                votes[answers[row][item]]++;
                voters++;
            }
        }
        if (voters == 0) {
            return MajorityPredictor.majority(answers, person, item, options);
        }
        int best = 1;
        for (int k = 2; k <= options; k++) {
            if (votes[k] > votes[best]) {
                best = k;
            }
        }
        return best;
    }
}
