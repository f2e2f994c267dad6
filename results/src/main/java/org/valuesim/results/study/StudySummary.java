package org.valuesim.results.study;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.valuesim.results.record.Interval;

/**
 * study.json: what a study ran (its name, seed, replicates and the scenario fields its conditions set), every run
 * with its status, and per condition the headline statistics' mean and 95% interval across replicates. Every number
 * of every run is in study.csv and in the run's own summary.json. Written by the results record's serializer.
 *
 * @param fields    the scenario fields the conditions set, as field paths (the columns of study.csv)
 * @param headline  the statistics summarised per condition, as study.csv names them
 * @param completed runs that completed, of {@code runs}
 */
public record StudySummary(String study, long seed, int replicates, String seeds, List<String> fields,
                           List<String> headline, int runs, int completed, List<Condition> conditions) {

    /** How replicate k's seed follows from the study's (README, Studies). */
    public static final String SEED_RULE = "replicate k runs with the study's seed + k - 1";

    /**
     * One condition: the values it gives the study's fields, its runs, and its headline statistics.
     *
     * @param fields     each study field's value in this condition's scenario as run (absent when the scenario has none)
     * @param statistics per headline statistic the completed runs have, its estimate across them
     * @param history    accuracy runs only: per predictor (the respondent, then the baselines), top-1 accuracy and
     *                   normalised MAE by history share across the completed replicates (the history curve)
     */
    public record Condition(String name, Map<String, JsonNode> fields, List<Run> runs, Map<String, Estimate> statistics,
                            Map<String, List<HistoryPoint>> history) {
    }

    /**
     * A predictor's scores at one history share, across replicates.
     *
     * @param history the share of the other folds' answers used as history (0 .. 1)
     */
    public record HistoryPoint(double history, Estimate top1, Estimate nmae) {
    }

    /**
     * @param folder the run's folder, relative to the study folder
     * @param status completed, failed, interrupted, running (left by a crash) or not-run
     * @param reason why it failed or stopped, when it did
     */
    public record Run(int replicate, long seed, String folder, String status, String reason) {
    }

    /**
     * A statistic across a condition's completed replicates: the mean, the sample standard deviation and the two-sided
     * 95% interval of the mean from Student's t with n - 1 degrees of freedom (mean +/- t * sd / sqrt(n)); sd and
     * interval are absent for a single replicate.
     *
     * @param n replicates with a value
     */
    public record Estimate(int n, double mean, Double sd, Interval ci95) {
    }
}
