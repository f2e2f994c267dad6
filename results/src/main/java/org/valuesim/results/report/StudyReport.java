package org.valuesim.results.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.valuesim.core.values.SchwartzValue;
import org.valuesim.results.record.AccuracySummary;
import org.valuesim.results.record.Circumplex;
import org.valuesim.results.record.HumanAgreement;
import org.valuesim.results.record.Interval;
import org.valuesim.results.record.RunSummary;
import org.valuesim.results.study.StudyResults;
import org.valuesim.results.study.StudyRun;
import org.valuesim.results.study.StudySummary;
import org.valuesim.results.write.Decimals;

/**
 * study.html and charts/ of a study folder: the conditions x headline statistics table with means and t-based 95%
 * intervals across replicates, agreement with the human value structure by condition, one circumplex per condition,
 * for accuracy studies top-1 accuracy and normalised MAE by history share per condition (the history curve), and the
 * runs that did not complete. Like a run's report it holds no timings, so the same runs give the same page.
 */
public final class StudyReport {

    public static final String REPORT = "study.html";
    private static final int WIDTH = 760;
    private static final int HEIGHT = 480;
    private static final int SMALL = 400;

    private final StudyResults results;
    private final StudySummary summary;
    private final ReportPage page;

    private StudyReport(Path dir, StudyResults results, StudySummary summary) throws IOException {
        this.results = results;
        this.summary = summary;
        this.page = new ReportPage(dir.resolve(RunReport.CHARTS));
    }

    /** Writes study.html and its charts (charts/*.png|svg) into the study folder; returns the page's path. */
    public static Path write(Path dir, StudyResults results, StudySummary summary, String version) throws IOException {
        Path report = dir.resolve(REPORT);
        StudyReport study = new StudyReport(dir, results, summary);
        Files.writeString(report, study.render(version), StandardCharsets.UTF_8);
        return report;
    }

    private String render(String version) throws IOException {
        headline();
        unfinished();
        agreement();
        circumplexes();
        historyCurves();
        String subtitle = summary.conditions().size() + " conditions x " + summary.replicates() + " replicate"
                + (summary.replicates() == 1 ? "" : "s") + " · seed " + summary.seed() + " (" + summary.seeds() + ") · "
                + summary.completed() + " of " + summary.runs() + " runs completed";
        return page.render("study " + summary.study(), subtitle, version);
    }

    private void headline() {
        page.section("Headline statistics by condition");
        page.paragraph(summary.replicates() > 1
                ? "Each cell is the mean over the condition's completed replicates with its 95% confidence interval "
                        + "from Student's t (mean +/- t(0.975, n - 1) x SD / sqrt(n), n the replicates with a value); "
                        + "replicates differ only in their seed, and every condition of one replicate shares it."
                : "One replicate per condition: each cell is the run's value (no interval across replicates; the "
                        + "agreement chart below shows each run's bootstrap interval).");
        List<String> header = new ArrayList<>(List.of("condition"));
        header.addAll(summary.fields());
        header.add("runs");
        header.addAll(summary.headline());
        List<List<String>> rows = new ArrayList<>();
        for (StudySummary.Condition c : summary.conditions()) {
            List<String> row = new ArrayList<>(List.of(c.name()));
            summary.fields().forEach(f -> row.add(StudyResults.cell(c.fields().get(f))));
            row.add(status(c));
            for (String statistic : summary.headline()) {
                StudySummary.Estimate e = c.statistics().get(statistic);
                row.add(e == null ? "" : number(e.mean()) + (e.ci95() == null ? "" : " " + interval(e.ci95())));
            }
            rows.add(row);
        }
        page.table(header, rows);
    }

    /** "3 of 3", or what kept runs from completing. */
    private static String status(StudySummary.Condition c) {
        long done = c.runs().stream().filter(r -> StudyRun.COMPLETED.equals(r.status())).count();
        StringBuilder s = new StringBuilder(done + " of " + c.runs().size());
        c.runs().stream().filter(r -> !StudyRun.COMPLETED.equals(r.status())).map(StudySummary.Run::status).distinct()
                .forEach(status -> s.append(", ").append(status));
        return s.toString();
    }

    private void unfinished() {
        List<List<String>> rows = new ArrayList<>();
        for (StudySummary.Condition c : summary.conditions()) {
            for (StudySummary.Run r : c.runs()) {
                if (!StudyRun.COMPLETED.equals(r.status())) {
                    rows.add(List.of(r.folder(), r.status(), r.reason() == null ? "" : r.reason()));
                }
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        page.section("Runs that did not complete");
        page.paragraph("Their conditions' statistics above use the replicates that completed. valuesim study --resume "
                + "continues interrupted runs and runs failed ones again (a failed run's folder is kept under failed-runs/).");
        page.table(List.of("run", "status", "reason"), rows);
    }

    private void agreement() {
        List<String> names = new ArrayList<>();
        for (StudySummary.Condition c : summary.conditions()) {
            names.add(c.name());
        }
        String[] statistics = {"human_agreement.pearson_r", "human_agreement.tucker_phi"};
        double[][] values = new double[2][names.size()];
        Interval[][] intervals = new Interval[2][names.size()];
        boolean any = false;
        for (int c = 0; c < names.size(); c++) {
            StudySummary.Condition condition = summary.conditions().get(c);
            HumanAgreement single = summary.replicates() == 1 ? firstCompleted(condition.name(),
                    r -> r.summary() instanceof RunSummary run ? run.humanAgreement() : null) : null;
            for (int s = 0; s < 2; s++) {
                StudySummary.Estimate e = condition.statistics().get(statistics[s]);
                values[s][c] = e == null ? Double.NaN : e.mean();
                intervals[s][c] = e == null ? null : e.ci95() != null ? e.ci95() : single == null ? null
                        : s == 0 ? single.pearsonRCi95() : single.tuckerPhiCi95();
                any |= e != null;
            }
        }
        if (!any) {
            return;
        }
        page.section("Agreement with the human value structure");
        page.paragraph("Pearson r and Tucker's phi between the simulated and human correlations of centred value scores "
                + "(the 45 cells above the diagonal), by condition. " + (summary.replicates() > 1
                ? "Points are means over replicates, bars their t-based 95% confidence intervals."
                : "Points are each condition's run, bars its bootstrap 95% interval (resampled personas)."));
        int width = Math.max(WIDTH, 90 * names.size() + 160);
        page.figure("study-agreement", StudyCharts.byCondition("Agreement with the human value structure",
                "agreement (centred value correlations vs human)", names, List.of("Pearson r", "Tucker's phi"), values,
                intervals), width, HEIGHT);
    }

    private void circumplexes() {
        List<String> codes = SchwartzValue.inCircularOrder().stream().map(SchwartzValue::code).toList();
        List<JFreeChart> charts = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (StudySummary.Condition c : summary.conditions()) {
            StudyRun run = results.runs().stream().filter(r -> r.condition().equals(c.name())
                    && r.summary() instanceof RunSummary s && s.circumplex() != null && s.circumplex().mds() != null)
                    .findFirst().orElse(null);
            if (run == null) {
                continue;
            }
            Circumplex.Mds mds = ((RunSummary) run.summary()).circumplex().mds();
            JFreeChart chart = Charts.circumplex(labels(mds.values(), codes), mds.simulated(), mds.human());
            chart.setTitle(c.name() + " (replicate " + run.replicate() + ")");
            chart.getTitle().setFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.BOLD, 13));
            charts.add(chart);
            names.add(c.name());
        }
        if (charts.isEmpty()) {
            return;
        }
        page.section("Value circumplex per condition");
        page.paragraph("Classical MDS of 1 - r over each condition's centred value correlations (its first completed "
                + "replicate), fitted to the theoretical circle by Procrustes; the human configuration (red) is fitted "
                + "to the simulated one (blue).");
        page.beginGrid();
        for (int i = 0; i < charts.size(); i++) {
            page.figure("study-circumplex-" + (i + 1), charts.get(i), SMALL, SMALL);
        }
        page.endPair();
    }

    /**
     * Accuracy studies: each condition's respondent by history share, with the baselines of the first accuracy
     * condition (they depend on the folds and the data, not on the respondent), top-1 and nMAE side by side.
     */
    private void historyCurves() {
        List<String> names = new ArrayList<>();
        List<List<StudySummary.HistoryPoint>> curves = new ArrayList<>();
        Map<String, List<StudySummary.HistoryPoint>> baselines = null;
        for (StudySummary.Condition c : summary.conditions()) {
            if (c.history() == null || c.history().isEmpty()) {
                continue;
            }
            var predictors = new ArrayList<>(c.history().entrySet());
            String respondent = respondent(c.name());
            var own = predictors.stream().filter(e -> e.getKey().equals(respondent)).findFirst()
                    .orElse(predictors.get(predictors.size() - 1));
            names.add(c.name());
            curves.add(own.getValue());
            if (baselines == null) {
                baselines = new java.util.LinkedHashMap<>();
                for (var e : predictors) {
                    if (e != own) {
                        baselines.put(e.getKey(), e.getValue());
                    }
                }
            }
        }
        if (curves.isEmpty()) {
            return;
        }
        baselines.forEach((name, points) -> {
            names.add(name + " (baseline)");
            curves.add(points);
        });
        page.section("Individual-level accuracy by history share");
        page.paragraph("Each condition's respondent predicts every person's held-out answers from a share of their other "
                + "answers (the history); the majority and k-nearest-neighbour baselines come from the first condition's "
                + "runs (the same people and folds). " + (summary.replicates() > 1
                ? "Points are means over replicates (each its own folds), bars their t-based 95% confidence intervals."
                : "One replicate: no interval across replicates."));
        page.beginPair();
        page.figure("study-history-top1", StudyCharts.curves("Top-1 accuracy by history share", "top-1 accuracy", names,
                curves, StudySummary.HistoryPoint::top1), SMALL * 3 / 2 + 100, HEIGHT);
        page.figure("study-history-nmae", StudyCharts.curves("Normalised MAE by history share", "normalised MAE", names,
                curves, StudySummary.HistoryPoint::nmae), SMALL * 3 / 2 + 100, HEIGHT);
        page.endPair();
    }

    /** The predictor a condition's accuracy runs report as their respondent. */
    private String respondent(String condition) {
        return firstCompleted(condition, r -> r.summary() instanceof AccuracySummary a ? a.accuracy().respondent() : null);
    }

    /** The values' codes for the MDS rows (their ids as written in summary.json). */
    private static List<String> labels(List<String> ids, List<String> fallback) {
        if (ids == null) {
            return fallback;
        }
        return ids.stream().map(id -> SchwartzValue.find(id).map(SchwartzValue::code).orElse(id)).toList();
    }

    private <T> T firstCompleted(String condition, java.util.function.Function<StudyRun, T> part) {
        return results.runs().stream().filter(r -> r.condition().equals(condition) && r.completed()).map(part)
                .filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }

    private static String number(double x) {
        return Decimals.readable(x);
    }

    private static String interval(Interval ci) {
        return "[" + number(ci.low()) + ", " + number(ci.high()) + "]";
    }
}
