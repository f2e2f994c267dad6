package org.valuesim.results.study;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.valuesim.results.record.ResultsJson;
import org.valuesim.results.record.SummaryNumbers;

/**
 * A study's results from its runs: study.json's record, study.csv and study.html, all from the run folders' records
 * alone, so the same runs give the same files whether the study ran in one go or was resumed.
 */
public final class StudyResults {

    public static final String JSON = "study.json";
    public static final String CSV = "study.csv";

    /**
     * The headline statistics when the study names none: agreement with the human value structure, the circumplex,
     * individual accuracy, CAPS agreement and cooperation per dilemma, those the runs have.
     */
    public static final List<String> DEFAULT_HEADLINE = List.of("human_agreement.pearson_r",
            "human_agreement.tucker_phi", "circumplex.rthor_ci", "circumplex.procrustes_congruence",
            "circumplex.human_to_simulated_congruence", "accuracy.top1", "accuracy.nmae", "caps.agreement_rate",
            "dilemmas.*.mean_cooperation");

    /**
     * What the study planned: its conditions in order, with the value each gives every study field.
     *
     * @param fields     the study's fields (field paths), the columns after {@code condition} in study.csv
     * @param conditions per condition name, its value of each field
     * @param headline   statistic names, {@code *} standing for any one key ({@code dilemmas.*.mean_cooperation})
     */
    public record Design(String study, long seed, int replicates, List<String> fields,
                         Map<String, Map<String, JsonNode>> conditions, List<String> headline) {
    }

    private final Design design;
    private final List<StudyRun> runs;
    /** Per run (in {@code runs} order), every number of its summary by name; empty for runs that did not complete. */
    private final List<Map<String, Double>> numbers = new ArrayList<>();

    public StudyResults(Design design, List<StudyRun> runs) {
        this.design = design;
        this.runs = List.copyOf(runs);
        for (StudyRun run : runs) {
            numbers.add(run.completed() ? SummaryNumbers.of(run.summary()) : Map.of());
        }
    }

    public Design design() {
        return design;
    }

    public List<StudyRun> runs() {
        return runs;
    }

    /** Writes study.csv and study.json into the study folder and returns study.json's record. */
    public StudySummary write(Path dir) throws IOException {
        StudyTable.write(dir.resolve(CSV), design, runs, numbers);
        StudySummary summary = summary();
        ResultsJson.write(dir.resolve(JSON), summary);
        return summary;
    }

    /** study.json's record: every run's status and each condition's headline estimates. */
    public StudySummary summary() {
        List<String> headline = headline();
        List<StudySummary.Condition> conditions = new ArrayList<>();
        for (var condition : design.conditions().entrySet()) {
            List<StudySummary.Run> theirs = new ArrayList<>();
            List<Map<String, Double>> completed = new ArrayList<>();
            for (int i = 0; i < runs.size(); i++) {
                StudyRun run = runs.get(i);
                if (run.condition().equals(condition.getKey())) {
                    theirs.add(new StudySummary.Run(run.replicate(), run.seed(), run.folder(), run.status(), run.reason()));
                    if (run.completed()) {
                        completed.add(numbers.get(i));
                    }
                }
            }
            Map<String, StudySummary.Estimate> estimates = new LinkedHashMap<>();
            for (String statistic : headline) {
                double[] values = completed.stream().map(n -> n.get(statistic)).filter(v -> v != null && !v.isNaN())
                        .mapToDouble(Double::doubleValue).toArray();
                if (values.length > 0) {
                    estimates.put(statistic, Estimates.of(values));
                }
            }
            conditions.add(new StudySummary.Condition(condition.getKey(), condition.getValue(), theirs, estimates,
                    HistoryCurves.of(runs.stream().filter(r -> r.condition().equals(condition.getKey())).toList())));
        }
        int done = (int) runs.stream().filter(StudyRun::completed).count();
        return new StudySummary(design.study(), design.seed(), design.replicates(), StudySummary.SEED_RULE,
                design.fields(), headline, runs.size(), done, conditions);
    }

    /** The headline statistics that some completed run has, in the order of the patterns, then of the runs' summaries. */
    List<String> headline() {
        Set<String> out = new LinkedHashSet<>();
        for (String pattern : design.headline()) {
            Pattern regex = pattern(pattern);
            for (Map<String, Double> n : numbers) {
                n.keySet().stream().filter(k -> regex.matcher(k).matches()).forEach(out::add);
            }
        }
        return List.copyOf(out);
    }

    /** A field's value as study.csv writes it: a scalar as written (numbers as plain decimals), a list or mapping as JSON. */
    public static String cell(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "";
        }
        if (value.isFloatingPointNumber()) {
            return ResultsJson.plain(value.doubleValue());
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }

    /** A statistic name with {@code *} standing for one key (no dots or brackets). */
    static Pattern pattern(String name) {
        String[] parts = name.split("\\*", -1);
        StringBuilder regex = new StringBuilder(Pattern.quote(parts[0]));
        for (int i = 1; i < parts.length; i++) {
            regex.append("[^.\\[\\]]+").append(Pattern.quote(parts[i]));
        }
        return Pattern.compile(regex.toString());
    }
}
