package org.valuesim.results.study;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.valuesim.results.record.AccuracySummary;

/**
 * The history curve of a condition's accuracy runs (the ValueSim figure): per predictor and history share, top-1
 * accuracy and normalised MAE across the completed replicates.
 */
final class HistoryCurves {

    private HistoryCurves() {
    }

    /**
     * @param runs one condition's runs
     * @return per predictor (as the first accuracy run lists them), its points; null when no run is an accuracy run
     */
    static Map<String, List<StudySummary.HistoryPoint>> of(List<StudyRun> runs) {
        List<AccuracySummary.Accuracy> accuracy = runs.stream().filter(StudyRun::completed)
                .filter(r -> r.summary() instanceof AccuracySummary).map(r -> ((AccuracySummary) r.summary()).accuracy())
                .toList();
        if (accuracy.isEmpty()) {
            return null;
        }
        Map<String, List<StudySummary.HistoryPoint>> out = new LinkedHashMap<>();
        accuracy.get(0).predictors().forEach((name, first) -> {
            List<StudySummary.HistoryPoint> points = new ArrayList<>();
            for (int i = 0; i < first.byHistory().size(); i++) {
                int at = i;
                double share = first.byHistory().get(i).history();
                List<AccuracySummary.ByHistory> rows = accuracy.stream().map(a -> a.predictors().get(name))
                        .filter(p -> p != null && p.byHistory().size() > at).map(p -> p.byHistory().get(at)).toList();
                points.add(new StudySummary.HistoryPoint(share,
                        estimate(rows.stream().mapToDouble(AccuracySummary.ByHistory::top1).toArray()),
                        estimate(rows.stream().mapToDouble(AccuracySummary.ByHistory::nmae).toArray())));
            }
            out.put(name, points);
        });
        return out;
    }

    /** The estimate of the defined values, or null when none is. */
    private static StudySummary.Estimate estimate(double[] values) {
        double[] defined = java.util.Arrays.stream(values).filter(Double::isFinite).toArray();
        return defined.length == 0 ? null : Estimates.of(defined);
    }
}
