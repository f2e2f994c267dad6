package org.valuesim.results.record;

import java.util.List;
import java.util.Map;

/**
 * summary.json of {@code bench individuals}: the benchmark's set-up, then its accuracy block.
 *
 * @param benchmark  which benchmark ("individuals"); its presence tells this summary from a run's
 * @param people     respondents in the data
 * @param items      items per respondent
 * @param options    answer options per item
 * @param neighbours neighbours of the knn baseline
 */
public record AccuracySummary(String benchmark, String data, String codebook, int people, int items, int options,
                              int folds, int neighbours, long seed, Accuracy accuracy) implements Summary {

    /** The key only an accuracy summary has. */
    static final String MARKER = "benchmark";

    /**
     * @param respondent the predictor whose full-history scores are top1 and nmae
     * @param history    which history those are for
     * @param predictors every predictor's scores, the respondent's and the baselines'
     */
    public record Accuracy(String respondent, String history, double top1, double nmae,
                           Map<String, Predictor> predictors) {
    }

    /** A predictor's top-1 accuracy and normalised MAE at full history, and by history share. */
    public record Predictor(double top1, double nmae, List<ByHistory> byHistory) {
    }

    /**
     * @param history     the share of the other folds' answers used as history (0 .. 1)
     * @param predictions predictions scored
     * @param failed      predictions that failed (left out of top1 and nmae)
     */
    public record ByHistory(double history, long predictions, long failed, double top1, double nmae) {
    }
}
