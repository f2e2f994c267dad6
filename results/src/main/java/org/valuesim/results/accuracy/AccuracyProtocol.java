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

    /**
     * Accuracy of one predictor at one history share.
     *
     * @param failed predictions the predictor could not make (0): reported, and left out of top-1 and nMAE
     */
    public record Score(double history, long predictions, long correct, long absoluteErrorSum, int options, long failed) {

        public double top1() {
            return predictions == 0 ? Double.NaN : correct / (double) predictions;
        }

        /** Mean of |predicted - true| / (options - 1). */
        public double nmae() {
            return predictions == 0 ? Double.NaN : absoluteErrorSum / (double) predictions / (options - 1);
        }
    }

    /**
     * @return per predictor (in the given order), one score per history share in {@link #HISTORY_SHARES} order
     */
    public Map<String, List<Score>> evaluate(int[][] answers, int options, List<IndividualPredictor> predictors) {
        return evaluate(answers, options, predictors, 1);
    }

    /**
     * As {@link #evaluate(int[][], int, List)}, with people evaluated on {@code parallelism} threads (for
     * predictors that wait on a model). Counts are whole numbers summed in person order, so the result is
     * the same for any parallelism.
     */
    public Map<String, List<Score>> evaluate(int[][] answers, int options, List<IndividualPredictor> predictors,
                                             int parallelism) {
        int shares = HISTORY_SHARES.length;
        // per person: [predictor][share][predictions, correct, error, failed]
        List<java.util.concurrent.Future<long[][][]>> people = new ArrayList<>();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(Math.max(1, parallelism));
        try {
            for (int person = 0; person < answers.length; person++) {
                int p = person;
                people.add(pool.submit(() -> person(answers, p, predictors)));
            }
            long[][][] total = new long[predictors.size()][shares][4];
            for (var f : people) {
                long[][][] one = f.get();
                for (int q = 0; q < predictors.size(); q++) {
                    for (int s = 0; s < shares; s++) {
                        for (int c = 0; c < 4; c++) {
                            total[q][s][c] += one[q][s][c];
                        }
                    }
                }
            }
            Map<String, List<Score>> out = new LinkedHashMap<>();
            for (int q = 0; q < predictors.size(); q++) {
                List<Score> scores = new ArrayList<>();
                for (int s = 0; s < shares; s++) {
                    long[] t = total[q][s];
                    scores.add(new Score(HISTORY_SHARES[s], t[0], t[1], t[2], options, t[3]));
                }
                out.put(predictors.get(q).name(), scores);
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("a prediction failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private long[][][] person(int[][] answers, int person, List<IndividualPredictor> predictors) {
        int shares = HISTORY_SHARES.length;
        long[][][] counts = new long[predictors.size()][shares][4];
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
                    for (int q = 0; q < predictors.size(); q++) {
                        int predicted = predictors.get(q).predict(answers, person, item, used);
                        if (predicted <= 0) {
                            counts[q][s][3]++;
                            continue;
                        }
                        counts[q][s][0]++;
                        counts[q][s][1] += predicted == truth ? 1 : 0;
                        counts[q][s][2] += Math.abs(predicted - truth);
                    }
                }
            }
        }
        return counts;
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
