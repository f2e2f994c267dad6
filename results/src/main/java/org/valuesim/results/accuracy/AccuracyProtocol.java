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
     * @param failed     predictions the predictor could not make (0): reported, and left out of top-1 and nMAE
     * @param unreadable predictions that named no option ({@link IndividualPredictor#WRONG}): among the predictions,
     *                   wrong for top-1, left out of nMAE (they have no distance)
     */
    public record Score(double history, long predictions, long correct, long absoluteErrorSum, int options, long failed,
                        long unreadable) {

        public Score(double history, long predictions, long correct, long absoluteErrorSum, int options, long failed) {
            this(history, predictions, correct, absoluteErrorSum, options, failed, 0);
        }

        public double top1() {
            return predictions == 0 ? Double.NaN : correct / (double) predictions;
        }

        /** Mean of |predicted - true| / (options - 1) over the predictions that named an option. */
        public double nmae() {
            long read = predictions - unreadable;
            return read == 0 ? Double.NaN : absoluteErrorSum / (double) read / (options - 1);
        }

        /** Adds one prediction (or failure) of a predictor: the option it named, 0 or WRONG, and the truth. */
        Score plus(int predicted, int truth) {
            if (predicted == 0) {
                return new Score(history, predictions, correct, absoluteErrorSum, options, failed + 1, unreadable);
            }
            if (predicted == IndividualPredictor.WRONG) {
                return new Score(history, predictions + 1, correct, absoluteErrorSum, options, failed, unreadable + 1);
            }
            return new Score(history, predictions + 1, correct + (predicted == truth ? 1 : 0),
                    absoluteErrorSum + Math.abs(predicted - truth), options, failed, unreadable);
        }

        /** The sum of two tallies of the same predictor and share. */
        public Score plus(Score other) {
            return new Score(history, predictions + other.predictions, correct + other.correct,
                    absoluteErrorSum + other.absoluteErrorSum, options, failed + other.failed, unreadable + other.unreadable);
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
        return byPeople(answers.length, options, predictors, parallelism, (person, tally) -> {
            List<List<Integer>> foldItems = folds(answers[person], person);
            for (int f = 0; f < folds; f++) {
                List<Integer> history = new ArrayList<>();
                for (int g = 0; g < folds; g++) {
                    if (g != f) {
                        history.addAll(foldItems.get(g));
                    }
                }
                for (int s = 0; s < HISTORY_SHARES.length; s++) {
                    int[] used = history.subList(0, (int) Math.round(HISTORY_SHARES[s] * history.size())).stream()
                            .mapToInt(Integer::intValue).toArray();
                    for (int item : foldItems.get(f)) {
                        for (int q = 0; q < predictors.size(); q++) {
                            tally.add(q, s, predictors.get(q).predict(answers, person, item, used),
                                    answers[person][item]);
                        }
                    }
                }
            }
        });
    }

    /** One person's predictions, added to a tally of [predictor][share]. */
    public interface PersonRun {
        void run(int person, Tally tally) throws Exception;
    }

    /** Scores per predictor and history share, for one person or summed over people. */
    public static final class Tally {
        private final Score[][] scores;

        Tally(int predictors, int options) {
            scores = new Score[predictors][HISTORY_SHARES.length];
            for (Score[] row : scores) {
                for (int s = 0; s < row.length; s++) {
                    row[s] = new Score(HISTORY_SHARES[s], 0, 0, 0, options, 0, 0);
                }
            }
        }

        /** One prediction of a predictor at a share: the option it named, 0 (failed) or WRONG, and the truth. */
        public void add(int predictor, int share, int predicted, int truth) {
            scores[predictor][share] = scores[predictor][share].plus(predicted, truth);
        }

        void add(Tally other) {
            for (int q = 0; q < scores.length; q++) {
                for (int s = 0; s < scores[q].length; s++) {
                    scores[q][s] = scores[q][s].plus(other.scores[q][s]);
                }
            }
        }
    }

    /**
     * Runs every person on {@code parallelism} threads and sums their tallies in person order.
     *
     * @return per predictor (in the given order), one score per history share in {@link #HISTORY_SHARES} order
     */
    public static Map<String, List<Score>> byPeople(int people, int options, List<IndividualPredictor> predictors,
                                                   int parallelism, PersonRun run) {
        List<java.util.concurrent.Future<Tally>> tallies = new ArrayList<>();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(Math.max(1, parallelism));
        try {
            for (int person = 0; person < people; person++) {
                int p = person;
                tallies.add(pool.submit(() -> {
                    Tally one = new Tally(predictors.size(), options);
                    run.run(p, one);
                    return one;
                }));
            }
            Tally total = new Tally(predictors.size(), options);
            for (var f : tallies) {
                total.add(f.get());
            }
            Map<String, List<Score>> out = new LinkedHashMap<>();
            for (int q = 0; q < predictors.size(); q++) {
                out.put(predictors.get(q).name(), List.of(total.scores[q]));
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

    /** The person's answered items, shuffled and dealt into folds (fold f gets positions f, f + k, ...). */
    List<List<Integer>> folds(int[] row, int person) {
        List<Integer> answered = new ArrayList<>();
        for (int i = 0; i < row.length; i++) {
            if (row[i] != 0) {
                answered.add(i);
            }
        }
        org.valuesim.core.random.Streams.shuffle(answered,
                new SplittableRandom(org.valuesim.core.random.Streams.key(seed, "accuracy-folds", person)));
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
