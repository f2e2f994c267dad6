package org.valuesim.results.record;

import java.util.List;
import java.util.Map;

/**
 * summary.json of {@code bench individuals}: the benchmark's set-up, then its accuracy block.
 *
 * @param benchmark     which benchmark ("individuals"); its presence tells this summary from a run's
 * @param people        respondents in the data
 * @param items         items per respondent
 * @param options       answer options per item
 * @param neighbours    neighbours of the knn baseline
 * @param protocol      valuesim or paper
 * @param split         how the folds are made: per-person folds, or shared question-level folds (paper)
 * @param questionFolds the paper's shared split: the questions of each fold (null for per-person folds)
 * @param stories       where backstory-caps' stories came from (null for other respondents)
 * @param personFolds   the person-level folds whose other people fit the psychometric and semantic baselines' models
 * @param unavailable   per offline predictor that could not run on these data, why (null when all ran)
 */
public record AccuracySummary(String benchmark, String data, String codebook, int people, int items, int options,
                              int folds, int neighbours, long seed, String protocol, String split,
                              List<List<String>> questionFolds, Stories stories, int personFolds,
                              Map<String, String> unavailable, Accuracy accuracy) implements Summary {

    /** The key only an accuracy summary has. */
    static final String MARKER = "benchmark";

    /** valuesim's protocol: per-person folds, no stories recorded, only the baselines that need no person folds. */
    public AccuracySummary(String benchmark, String data, String codebook, int people, int items, int options,
                           int folds, int neighbours, long seed, Accuracy accuracy) {
        this(benchmark, data, codebook, people, items, options, folds, neighbours, seed, "valuesim", "per-person folds",
                null, null, 0, null, accuracy);
    }

    /**
     * @param source       template or llm
     * @param model        the model that wrote LLM stories (null for template)
     * @param written      stories written, one per person and distinct history (null for template)
     * @param failed       LLM stories that could not be written (their statements stood in; null for template)
     * @param optimisation the optimisation loop's settings (null for template)
     */
    public record Stories(String source, String model, Long written, Long failed, Optimisation optimisation) {
    }

    /** @param rounds optimisation rounds, 0 when off */
    public record Optimisation(int variants, int rounds) {
    }

    /**
     * @param respondent the predictor whose full-history scores are top1 and nmae
     * @param history    which history those are for
     * @param predictors every predictor's scores, the respondent's and the baselines'
     */
    public record Accuracy(String respondent, String history, double top1, double nmae,
                           Map<String, Predictor> predictors) {
    }

    /**
     * A predictor's top-1 accuracy and normalised MAE at full history, and by history share.
     *
     * @param byGroup the same by question group (values, attitudes, behaviours) when the questions fall into several
     *                groups; null otherwise
     */
    public record Predictor(double top1, double nmae, List<ByHistory> byHistory, Map<String, List<ByHistory>> byGroup) {

        public Predictor(double top1, double nmae, List<ByHistory> byHistory) {
            this(top1, nmae, byHistory, null);
        }
    }

    /**
     * @param history     the share of the other folds' answers used as history (0 .. 1)
     * @param predictions predictions scored
     * @param failed      predictions that failed (left out of top1 and nmae)
     * @param unreadable  predictions that named no option (paper protocol): wrong for top1, left out of nmae
     */
    public record ByHistory(double history, long predictions, long failed, long unreadable, double top1, double nmae) {

        public ByHistory(double history, long predictions, long failed, double top1, double nmae) {
            this(history, predictions, failed, 0, top1, nmae);
        }
    }
}
