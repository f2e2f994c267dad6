package org.valuesim.results.accuracy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The ValueSim individual-accuracy protocol (Du et al. 2025): question-level k-fold cross-validation
 * per person. Each person's answered items are shuffled (a stream keyed by seed and person) and dealt
 * round-robin into k folds; each fold in turn is predicted, with the other folds' answers as the
 * person's history. The history is used in growing shares (0, 25, 50, 75 and 100 percent, the first
 * items of its shuffled order), so accuracy can be read against history size. Missing answers are
 * never predicted nor used. Metrics: top-1 accuracy and normalised MAE = |predicted - true| / (k - 1).
 */
public final class AccuracyProtocol {

    /** The history shares the protocol reports. */
    public static final double[] HISTORY_SHARES = {0, 0.25, 0.5, 0.75, 1};

    private final int folds;
    private final long seed;

    public AccuracyProtocol(int folds, long seed) {
        if (folds < 2) {
            throw new IllegalArgumentException("cross-validation needs at least 2 folds, got " + folds);
        }
        this.folds = folds;
        this.seed = seed;
    }

    /** Accuracy of one predictor at one history share. */
    public record Score(double history, long predictions, long correct, double absoluteErrorSum, int options) {

        public double top1() {
            return predictions == 0 ? Double.NaN : correct / (double) predictions;
        }

        /** Mean of |predicted - true| / (options - 1). */
        public double nmae() {
            return predictions == 0 ? Double.NaN : absoluteErrorSum / predictions / (options - 1);
        }
    }

    /**
     * @return per predictor (in the given order), one score per history share in {@link #HISTORY_SHARES} order
     */
    public Map<String, List<Score>> evaluate(int[][] answers, int options, List<IndividualPredictor> predictors) {
        int shares = HISTORY_SHARES.length;
        long[][] predictions = new long[predictors.size()][shares];
        long[][] correct = new long[predictors.size()][shares];
        double[][] error = new double[predictors.size()][shares];
        for (int person = 0; person < answers.length; person++) {
            List<List<Integer>> foldItems = folds(answers[person], person);
            for (int f = 0; f < folds; f++) {
                List<Integer> history = new ArrayList<>();
                for (int g = 0; g < folds; g++) {
                    if (g != f) {
                        history.addAll(foldItems.get(g));
                    }
                }
                for (int s = 0; s < shares; s++) {
                    int[] used = history.subList(0, (int) Math.round(HISTORY_SHARES[s] * history.size())).stream()
                            .mapToInt(Integer::intValue).toArray();
                    for (int item : foldItems.get(f)) {
                        int truth = answers[person][item];
                        for (int p = 0; p < predictors.size(); p++) {
                            int predicted = predictors.get(p).predict(answers, person, item, used);
                            predictions[p][s]++;
                            correct[p][s] += predicted == truth ? 1 : 0;
                            error[p][s] += Math.abs(predicted - truth);
                        }
                    }
                }
            }
        }
        Map<String, List<Score>> out = new LinkedHashMap<>();
        for (int p = 0; p < predictors.size(); p++) {
            List<Score> scores = new ArrayList<>();
            for (int s = 0; s < shares; s++) {
                scores.add(new Score(HISTORY_SHARES[s], predictions[p][s], correct[p][s], error[p][s], options));
            }
            out.put(predictors.get(p).name(), scores);
        }
        return out;
    }

    /** The person's answered items, shuffled and dealt into folds (fold f gets positions f, f + k, ...). */
    List<List<Integer>> folds(int[] row, int person) {
        List<Integer> answered = new ArrayList<>();
        for (int i = 0; i < row.length; i++) {
            if (row[i] != 0) {
                answered.add(i);
            }
        }
        SplittableRandom random = new SplittableRandom(org.valuesim.core.random.Streams.key(seed, "accuracy-folds", person));
        for (int i = answered.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            Integer t = answered.get(i);
            answered.set(i, answered.get(j));
            answered.set(j, t);
        }
        List<List<Integer>> out = new ArrayList<>();
        for (int f = 0; f < folds; f++) {
            out.add(new ArrayList<>());
        }
        for (int i = 0; i < answered.size(); i++) {
            out.get(i % folds).add(answered.get(i));
        }
        return out;
    }
}
