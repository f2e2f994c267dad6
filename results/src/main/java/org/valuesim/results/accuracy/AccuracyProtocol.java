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
 * never predicted nor used. Metrics: top-1 accuracy and normalised MAE = |predicted - true| / (k - 1), k the
 * question's own number of options; questions with unordered (categorical) answers count for top-1 only.
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
     * @param normalisedErrorSum the sum of |predicted - true| / (k - 1), k the question's own number of options, over
     *                           the predictions of ordered questions that named an option
     * @param ordered            how many predictions that sum is over (categorical questions count for top-1 only)
     * @param failed             predictions the predictor could not make (0): reported, and left out of top-1 and nMAE
     * @param unreadable         predictions that named no option ({@link IndividualPredictor#WRONG}): among the
     *                           predictions, wrong for top-1, left out of nMAE (they have no distance)
     */
    public record Score(double history, long predictions, long correct, double normalisedErrorSum, long ordered,
                        long failed, long unreadable) {

        public double top1() {
            return predictions == 0 ? Double.NaN : correct / (double) predictions;
        }

        /** Mean of |predicted - true| / (k - 1) over the ordered questions' predictions that named an option. */
        public double nmae() {
            return ordered == 0 ? Double.NaN : normalisedErrorSum / ordered;
        }

        /** Adds one prediction (or failure): the option named, 0 or WRONG, the truth, and the question's scale. */
        Score plus(int predicted, int truth, int options, boolean isOrdered) {
            if (predicted == 0) {
                return new Score(history, predictions, correct, normalisedErrorSum, ordered, failed + 1, unreadable);
            }
            if (predicted == IndividualPredictor.WRONG) {
                return new Score(history, predictions + 1, correct, normalisedErrorSum, ordered, failed, unreadable + 1);
            }
            return new Score(history, predictions + 1, correct + (predicted == truth ? 1 : 0),
                    normalisedErrorSum + (isOrdered ? Math.abs(predicted - truth) / (double) (options - 1) : 0),
                    ordered + (isOrdered ? 1 : 0), failed, unreadable);
        }

        /** The sum of two tallies of the same predictor and share. */
        public Score plus(Score other) {
            return new Score(history, predictions + other.predictions, correct + other.correct,
                    normalisedErrorSum + other.normalisedErrorSum, ordered + other.ordered, failed + other.failed,
                    unreadable + other.unreadable);
        }
    }

    /**
     * Each question's answer scale and group.
     *
     * @param options per question, its number of answer options
     * @param ordered per question, whether they are ordered (else it counts for top-1 only)
     * @param groups  per question, its group (values, attitudes, behaviours), by which scores are also reported
     */
    public record Scales(int[] options, boolean[] ordered, String[] groups) {

        /** Every question on one ordered scale of this many options, in one group. */
        public static Scales uniform(int questions, int options) {
            int[] k = new int[questions];
            boolean[] ordered = new boolean[questions];
            String[] groups = new String[questions];
            java.util.Arrays.fill(k, options);
            java.util.Arrays.fill(ordered, true);
            java.util.Arrays.fill(groups, "values");
            return new Scales(k, ordered, groups);
        }

        /** The distinct groups, in order of first appearance. */
        List<String> groupNames() {
            return java.util.Arrays.stream(groups).distinct().toList();
        }
    }

    /**
     * Every predictor's scores, overall and by question group.
     *
     * @param overall per predictor (in the given order), one score per history share in {@link #HISTORY_SHARES} order
     * @param byGroup per predictor, per question group, the same
     */
    public record Results(Map<String, List<Score>> overall, Map<String, Map<String, List<Score>>> byGroup) {
    }

    /** Told each time a person's predictions are done. */
    public interface Progress {
        Progress NONE = (done, total) -> { };

        void personDone(int done, int total);
    }

    /**
     * @return per predictor (in the given order), one score per history share in {@link #HISTORY_SHARES} order
     */
    public Map<String, List<Score>> evaluate(int[][] answers, int options, List<IndividualPredictor> predictors) {
        return evaluate(answers, options, predictors, 1);
    }

    /** As {@link #evaluate(int[][], Scales, List, int, Progress)} for questions on one scale, overall only. */
    public Map<String, List<Score>> evaluate(int[][] answers, int options, List<IndividualPredictor> predictors,
                                             int parallelism) {
        return evaluate(answers, Scales.uniform(answers.length == 0 ? 0 : answers[0].length, options), predictors,
                parallelism, Progress.NONE).overall();
    }

    /**
     * Every predictor on the same folds, each question scored on its own scale, people evaluated on
     * {@code parallelism} threads (for predictors that wait on a model). Scores are summed in person order, so the
     * result is the same for any parallelism.
     */
    public Results evaluate(int[][] answers, Scales scales, List<IndividualPredictor> predictors, int parallelism,
                            Progress progress) {
        return byPeople(answers.length, scales, predictors, parallelism, progress, (person, tally) -> {
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
                            tally.add(q, s, item, predictors.get(q).predict(answers, person, item, used),
                                    answers[person][item]);
                        }
                    }
                }
            }
        });
    }

    /** One person's predictions, added to a tally of [predictor][group][share]. */
    public interface PersonRun {
        void run(int person, Tally tally) throws Exception;
    }

    /** Scores per predictor, question group and history share, for one person or summed over people. */
    public static final class Tally {
        private final Scales scales;
        private final List<String> groups;
        private final int[] groupOf;
        private final Score[][][] scores;

        Tally(int predictors, Scales scales, List<String> groups) {
            this.scales = scales;
            this.groups = groups;
            groupOf = java.util.Arrays.stream(scales.groups()).mapToInt(groups::indexOf).toArray();
            scores = new Score[predictors][groups.size()][HISTORY_SHARES.length];
            for (Score[][] predictor : scores) {
                for (Score[] row : predictor) {
                    for (int s = 0; s < row.length; s++) {
                        row[s] = new Score(HISTORY_SHARES[s], 0, 0, 0, 0, 0, 0);
                    }
                }
            }
        }

        /**
         * One prediction of a predictor at a share: the question, the option named, 0 (failed) or WRONG, and the truth.
         */
        public void add(int predictor, int share, int item, int predicted, int truth) {
            Score[] row = scores[predictor][groupOf[item]];
            row[share] = row[share].plus(predicted, truth, scales.options()[item], scales.ordered()[item]);
        }

        void add(Tally other) {
            for (int q = 0; q < scores.length; q++) {
                for (int g = 0; g < scores[q].length; g++) {
                    for (int s = 0; s < scores[q][g].length; s++) {
                        scores[q][g][s] = scores[q][g][s].plus(other.scores[q][g][s]);
                    }
                }
            }
        }

        List<Score> overall(int predictor) {
            List<Score> out = new ArrayList<>();
            for (int s = 0; s < HISTORY_SHARES.length; s++) {
                Score sum = new Score(HISTORY_SHARES[s], 0, 0, 0, 0, 0, 0);
                for (Score[] group : scores[predictor]) {
                    sum = sum.plus(group[s]);
                }
                out.add(sum);
            }
            return out;
        }

        Map<String, List<Score>> byGroup(int predictor) {
            Map<String, List<Score>> out = new LinkedHashMap<>();
            for (int g = 0; g < groups.size(); g++) {
                out.put(groups.get(g), List.of(scores[predictor][g]));
            }
            return out;
        }
    }

    /**
     * Runs every person on {@code parallelism} threads and sums their tallies in person order.
     */
    public static Results byPeople(int people, Scales scales, List<IndividualPredictor> predictors, int parallelism,
                                   Progress progress, PersonRun run) {
        List<String> groups = scales.groupNames();
        List<java.util.concurrent.Future<Tally>> tallies = new ArrayList<>();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(Math.max(1, parallelism));
        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        try {
            for (int person = 0; person < people; person++) {
                int p = person;
                tallies.add(pool.submit(() -> {
                    Tally one = new Tally(predictors.size(), scales, groups);
                    run.run(p, one);
                    progress.personDone(done.incrementAndGet(), people);
                    return one;
                }));
            }
            Tally total = new Tally(predictors.size(), scales, groups);
            for (var f : tallies) {
                total.add(f.get());
            }
            Map<String, List<Score>> overall = new LinkedHashMap<>();
            Map<String, Map<String, List<Score>>> byGroup = new LinkedHashMap<>();
            for (int q = 0; q < predictors.size(); q++) {
                overall.put(predictors.get(q).name(), total.overall(q));
                byGroup.put(predictors.get(q).name(), total.byGroup(q));
            }
            return new Results(overall, byGroup);
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
