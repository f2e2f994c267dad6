package org.valuesim.results.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.valuesim.core.values.SchwartzValue;
import org.valuesim.results.record.AccuracySummary;
import org.valuesim.results.record.Circumplex;
import org.valuesim.results.record.DilemmaSummary;
import org.valuesim.results.record.HumanAgreement;
import org.valuesim.results.record.Interval;
import org.valuesim.results.record.ItemComparison;
import org.valuesim.results.record.ResultsRecord;
import org.valuesim.results.record.RunManifest;
import org.valuesim.results.record.RunSummary;
import org.valuesim.results.record.SummaryNumbers;
import org.valuesim.results.record.ValueBehaviourProfile;
import org.valuesim.results.record.ValueOutcomeAgreement;
import org.valuesim.results.record.ValueMean;
import org.valuesim.results.record.ValueReliability;
import org.valuesim.results.write.Decimals;

/**
 * report.html and charts/ of a results folder, built from the folder's summary.json, manifest.json and scenario.yaml
 * alone (read back into their records), so a finished run's report can be rebuilt at any time. The page holds no
 * timings (they are in manifest.json), so two identical runs have identical reports.
 */
public final class RunReport {

    public static final String REPORT = "report.html";
    public static final String CHARTS = "charts";
    private static final int WIDTH = 760;
    private static final int HEIGHT = 560;
    private static final int SQUARE = 600;

    private final Path dir;
    private final ResultsRecord record;
    private final ReportPage page;

    private RunReport(Path dir) throws IOException {
        this.dir = dir;
        this.record = ResultsRecord.read(dir);
        this.page = new ReportPage(dir.resolve(CHARTS));
    }

    /** Writes report.html and charts/*.png|svg into the results folder; returns the report's path. */
    public static Path write(Path dir, String version) throws IOException {
        return new RunReport(dir).render(version);
    }

    private Path render(String version) throws IOException {
        String title;
        String subtitle;
        if (record.summary() instanceof RunSummary run) {
            title = run.scenario();
            subtitle = "seed " + run.seed() + " · " + run.agents() + " agents · compared with "
                    + (run.compareTo() == null ? "no human reference" : run.compareTo());
            simulation(run);
        } else {
            AccuracySummary bench = (AccuracySummary) record.summary();
            title = "bench " + bench.benchmark();
            subtitle = "accuracy benchmark on " + bench.data() + " · " + bench.people() + " people · " + bench.folds()
                    + " folds · seed " + bench.seed();
            accuracy(bench.accuracy());
        }
        accounting(record.manifest());
        scenario();
        Path report = dir.resolve(REPORT);
        Files.writeString(report, page.render(title, subtitle, version), StandardCharsets.UTF_8);
        return report;
    }

    private void simulation(RunSummary run) {
        overview(run);
        population(run);
        circumplex(run.circumplex());
        correlations(run);
        valueMeans(run);
        items(run.items());
        dilemmas(run);
        valueOutcomes(run.valueOutcomes());
    }

    private void overview(RunSummary run) {
        page.section("How human-like is this population?");
        HumanAgreement a = run.humanAgreement();
        Circumplex c = run.circumplex();
        if (a == null && c == null) {
            page.none("This run has no value instrument scored against a human reference.");
            return;
        }
        referenceNote(run);
        List<List<String>> rows = new ArrayList<>();
        if (a != null) {
            rows.add(List.of("Tucker's phi, centred value correlations vs human", number(a.tuckerPhi()),
                    interval(a.tuckerPhiCi95()), ""));
            rows.add(List.of("Pearson r, centred value correlations vs human", number(a.pearsonR()),
                    interval(a.pearsonRCi95()), ""));
            rows.add(List.of("Mantel p (" + count(a.mantelPermutations()) + " permutations)", number(a.mantelP()), "",
                    ""));
        }
        if (c != null) {
            rows.add(List.of("RTHOR correspondence index (circular order)", number(c.rthorCi()),
                    interval(c.rthorCiCi95()), number(c.humanRthorCi())));
            rows.add(List.of("RTHOR p (" + (c.rthorExact() ? "exact, all " : "") + count(c.rthorPermutations())
                    + " relabellings)", number(c.rthorP()), "", number(c.humanRthorP())));
            rows.add(List.of("Procrustes congruence with the theoretical circle", number(c.procrustesCongruence()), "",
                    number(c.humanProcrustesCongruence())));
            if (c.humanToSimulatedCongruence() != null) {
                rows.add(List.of("Congruence of the human MDS with the simulated one",
                        number(c.humanToSimulatedCongruence()), "", ""));
            }
        }
        if (run.valueMeans() != null && run.valueMeans().values().stream().allMatch(m -> m.difference() != null)) {
            rows.add(List.of("Mean |difference| of value means", number(run.valueMeans().values().stream()
                    .mapToDouble(m -> Math.abs(m.difference())).average().orElse(Double.NaN)), "", ""));
        }
        if (run.items() != null && !run.items().isEmpty()) {
            rows.add(List.of("Mean Jensen-Shannon divergence over items", number(run.items().values().stream()
                    .mapToDouble(ItemComparison::jsDivergence).average().orElse(Double.NaN)), "", ""));
        }
        Integer resamples = a != null ? a.bootstrapResamples() : c.bootstrapResamples();
        page.table(List.of("statistic", "simulated", resamples == null ? "" : "95% interval (bootstrap, "
                + count(resamples) + " resamples of the personas)", "human"), rows);
    }

    /** What the comparison covers when the human reference answered another instrument. */
    private void referenceNote(RunSummary run) {
        if (run.referenceInstrument() == null || run.referenceInstrument().equals(run.valueInstrument())) {
            return;
        }
        boolean means = run.valueMeans() != null && run.valueMeans().values().stream().anyMatch(m -> m.human() != null);
        page.paragraph("The human reference " + run.compareTo() + " answered " + run.referenceInstrument() + ", not "
                + run.valueInstrument() + ": what the two share is compared, the ten values' structure (centred "
                + "correlations, circumplex, agreement)" + (means ? " and the value means on their common answer scale"
                : "") + "; the item-level comparisons (answer distributions, score distributions, reliabilities) are "
                + "left out.");
    }

    private void population(RunSummary run) {
        RunSummary.Population p = run.population();
        page.section("Population");
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("agents", Integer.toString(run.agents())));
        if (run.scoredAgents() != null) {
            rows.add(List.of("fully scored agents", Long.toString(run.scoredAgents())));
        }
        if (p.individuals() != null) {
            rows.add(List.of("individuals", p.individuals()));
        } else {
            rows.add(List.of("preset", p.preset() + " (" + p.presetDescription() + ")"));
        }
        rows.add(List.of("strategy", p.strategy()));
        rows.add(List.of("respondent", p.respondent()));
        rows.add(List.of("instruments", String.join(", ", p.instruments())));
        rows.add(List.of("answers (failed)", run.answers() + " (" + run.failedAnswers() + ")"));
        if (run.moves() != null) {
            rows.add(List.of("dilemma moves (failed)", run.moves() + " (" + run.failedMoves() + ")"));
        }
        if (run.caps() != null) {
            rows.add(List.of("backstory-caps: modules unanimous (" + run.caps().integration() + ")",
                    number(run.caps().agreementRate()) + " of " + run.caps().answers() + " answers; "
                            + run.caps().coordinatorCalls() + " coordinator calls"));
        }
        page.table(List.of("", ""), rows);
    }

    private void circumplex(Circumplex c) {
        if (c == null) {
            return;
        }
        page.section("Value circumplex");
        page.paragraph("Classical MDS of 1 - r over the centred value correlations; the simulated configuration is "
                + "fitted to the theoretical circle by Procrustes (rotation, reflection, dilation, translation), and the "
                + "human configuration to the simulated one.");
        page.figure("circumplex", Charts.circumplex(codes(), c.mds().simulated(), c.mds().human()), SQUARE, SQUARE);
    }

    private void correlations(RunSummary run) {
        if (run.valueCorrelation() == null) {
            return;
        }
        page.section("Correlations of centred value scores");
        if (run.valueCorrelation().simulated() == null) {
            page.none(run.valueCorrelation().note());
            return;
        }
        page.beginPair();
        page.figure("correlations-simulated", Charts.heatmap("Simulated", codes(), run.valueCorrelation().simulated()),
                SQUARE, SQUARE);
        if (run.valueCorrelation().human() != null) {
            page.figure("correlations-human", Charts.heatmap("Human (" + run.compareTo() + ")", codes(),
                    run.valueCorrelation().human()), SQUARE, SQUARE);
        }
        page.endPair();
    }

    private void valueMeans(RunSummary run) {
        if (run.valueMeans() == null) {
            return;
        }
        page.section("Value means");
        boolean human = run.valueMeans().values().stream().allMatch(m -> m.human() != null);
        double[][] sim = new double[SchwartzValue.count()][];
        double[][] hum = human ? new double[SchwartzValue.count()][] : null;
        List<List<String>> rows = new ArrayList<>();
        for (SchwartzValue v : SchwartzValue.inCircularOrder()) {
            ValueMean m = run.valueMeans().get(v.id());
            sim[v.ordinal()] = new double[] {m.simulated(), m.simulatedCi95().halfWidth()};
            if (human) {
                hum[v.ordinal()] = new double[] {m.human(), m.humanCi95().halfWidth()};
            }
            ValueReliability alpha = run.reliability() == null ? null : run.reliability().get(v.id());
            rows.add(List.of(v.label(), number(m.simulated()), range(m.simulatedCi95()), number(m.human()),
                    range(m.humanCi95()), number(m.difference()), number(m.ksD()), number(m.ksP()),
                    alpha == null ? "" : number(alpha.simulatedAlpha()), alpha == null ? "" : number(alpha.humanAlpha())));
        }
        page.figure("value-means", Charts.valueMeans(codes(), sim, hum), WIDTH, HEIGHT);
        page.table(List.of("value", "simulated", "95% CI", "human", "95% CI", "difference", "KS D", "KS p",
                "alpha (sim)", "alpha (human)"), rows);
    }

    /** One chart per instrument: each item's simulated and human answer shares (for items with shares by group, the largest group's). */
    private void items(Map<String, ItemComparison> items) {
        if (items == null || items.isEmpty()) {
            return;
        }
        page.section("Item answer distributions");
        Map<String, Map<String, double[][]>> byInstrument = new LinkedHashMap<>();
        List<List<String>> rows = new ArrayList<>();
        items.forEach((id, item) -> {
            double[][] shares = item.groups() == null ? new double[][] {item.simulated(), item.human()}
                    : item.groups().values().stream().max(java.util.Comparator.comparingLong(ItemComparison.Group::answers))
                    .map(g -> new double[][] {g.simulated(), g.human()}).orElseThrow();
            byInstrument.computeIfAbsent(item.instrument(), k -> new LinkedHashMap<>()).put(id, shares);
            rows.add(List.of(id, item.instrument(), number(item.jsDivergence()), number(item.wasserstein())));
        });
        boolean first = true;
        for (var instrument : byInstrument.entrySet()) {
            List<String> ids = new ArrayList<>(instrument.getValue().keySet());
            int options = instrument.getValue().values().stream().mapToInt(s -> s[0].length).max().orElse(0);
            double[][] sim = instrument.getValue().values().stream().map(s -> java.util.Arrays.copyOf(s[0], options))
                    .toArray(double[][]::new);
            double[][] hum = instrument.getValue().values().stream().map(s -> java.util.Arrays.copyOf(s[1], options))
                    .toArray(double[][]::new);
            page.figure(first ? "item-distributions" : "item-distributions-" + instrument.getKey(),
                    Charts.itemDistributions(ids, sim, hum, options), WIDTH, HEIGHT);
            first = false;
        }
        page.table(List.of("item", "instrument", "Jensen-Shannon divergence (bits)", "Wasserstein-1 (options)"), rows);
    }

    private void accuracy(AccuracySummary.Accuracy accuracy) {
        page.section("Individual-level accuracy by history size");
        List<String> names = new ArrayList<>();
        List<double[]> xs = new ArrayList<>();
        List<double[]> ys = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        accuracy.predictors().forEach((name, p) -> {
            names.add(name);
            xs.add(p.byHistory().stream().mapToDouble(h -> 100 * h.history()).toArray());
            ys.add(p.byHistory().stream().mapToDouble(AccuracySummary.ByHistory::top1).toArray());
            p.byHistory().forEach(h -> rows.add(List.of(name, number(h.history()), number(h.top1()), number(h.nmae()),
                    Long.toString(h.predictions()), Long.toString(h.failed()))));
        });
        page.figure("accuracy-by-history", Charts.lines("Top-1 accuracy by history size",
                "history used (% of the profile)", "top-1 accuracy", names, xs, ys, 25), WIDTH, HEIGHT);
        page.table(List.of("predictor", "history share", "top-1 accuracy", "normalised MAE", "predictions", "failed"),
                rows);
    }

    private void dilemmas(RunSummary run) {
        page.section("Social dilemmas and value-behaviour profiles");
        if (run.dilemmas() == null) {
            page.none("This run played no social dilemmas.");
            return;
        }
        List<String> names = new ArrayList<>();
        List<double[]> xs = new ArrayList<>();
        List<double[]> ys = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        run.dilemmas().forEach((id, d) -> {
            names.add(id);
            xs.add(java.util.stream.IntStream.rangeClosed(1, d.cooperationByRound().size()).asDoubleStream().toArray());
            ys.add(d.cooperationByRound().stream().mapToDouble(x -> x == null ? Double.NaN : x).toArray());
            DilemmaSummary.Network n = d.network();
            rows.add(List.of(id, d.game(), Integer.toString(d.rounds()), n == null ? "" : n.kind() + " (mean degree "
                    + number(n.meanDegree()) + ", clustering " + number(n.clustering()) + ")",
                    number(d.meanCooperation()), Long.toString(d.failedMovesByRound().stream().mapToLong(Long::longValue)
                            .sum())));
        });
        page.figure("dilemma-cooperation", Charts.lines("Cooperation over rounds", "round",
                "mean cooperation (share given, contributed, donated, or cooperating)", names, xs, ys, 1), WIDTH, HEIGHT);
        page.table(List.of("dilemma", "game", "rounds", "network", "mean cooperation", "failed moves"), rows);
        if (run.valueBehaviour() == null) {
            page.none("No value-behaviour profile: the run has no value instrument scored for its agents.");
            return;
        }
        Map<String, double[]> observed = new LinkedHashMap<>();
        Map<String, double[]> fitted = new LinkedHashMap<>();
        List<List<String>> fits = new ArrayList<>();
        run.valueBehaviour().forEach((id, profile) -> {
            double[] r = new double[SchwartzValue.count()];
            double[] fit = new double[r.length];
            ValueBehaviourProfile.Sinusoid s = profile.sinusoid();
            for (SchwartzValue v : SchwartzValue.inCircularOrder()) {
                r[v.ordinal()] = Objects.requireNonNullElse(profile.correlations().get(v.id()), Double.NaN);
                fit[v.ordinal()] = s.at(v.angleDegrees());
            }
            observed.put(id, r);
            fitted.put(id, fit);
            fits.add(List.of(id, number(s.elevation()), number(s.amplitude()), number(s.displacement()),
                    number(s.rSquared()), Long.toString(profile.agents())));
        });
        page.paragraph("Correlation of each centred value score with the agents' mean cooperation, in circular order, "
                + "with the fitted sinusoid (structural summary method).");
        page.figure("value-behaviour", Charts.valueProfiles("Value-behaviour profiles",
                "correlation with mean cooperation", codes(), observed, fitted), WIDTH, HEIGHT);
        page.table(List.of("dilemma", "elevation", "amplitude", "displacement (degrees)", "R squared", "agents"), fits);
    }

    /** Per outcome of the value-behaviour reference, the simulated and human profiles side by side, and their fit. */
    private void valueOutcomes(ValueOutcomeAgreement agreement) {
        if (agreement == null) {
            return;
        }
        page.section("Values and outcomes: simulated and human");
        page.paragraph("Correlation of each outcome (an item's answer, or a scale score) with the ten centred value "
                + "scores, in circular order, for the agents and for the people of the human reference, each with the "
                + "sinusoid fitted at the values' angles on the circle (structural summary method). Agreement: "
                + "Pearson's r between the two profiles and the share of values whose correlations share their sign"
                + (agreement.bootstrapResamples() == null ? "." : ", with 95% intervals from "
                + count(agreement.bootstrapResamples()) + " bootstrap resamples of the agents."));
        List<List<String>> rows = new ArrayList<>();
        int figure = 0;
        for (var e : agreement.outcomes().entrySet()) {
            ValueOutcomeAgreement.Profiles p = e.getValue();
            Map<String, double[]> observed = new LinkedHashMap<>();
            observed.put("simulated", p.simulated());
            observed.put("human", p.human());
            Map<String, double[]> fitted = new LinkedHashMap<>();
            fitted.put("simulated", curve(p.simulatedSinusoid()));
            fitted.put("human", curve(p.humanSinusoid()));
            page.figure("value-outcome-" + ++figure, Charts.valueProfiles(e.getKey(), "correlation with "
                    + e.getKey(), codes(), observed, fitted), WIDTH, HEIGHT);
            rows.add(List.of(e.getKey(), p.instrument() + "/" + (p.item() != null ? p.item() : p.scale() + " (scale)"),
                    count(p.agents()), count(Arrays.stream(p.humanN()).min().orElse(0)), number(p.profileR()),
                    interval(p.profileRCi95()), number(p.signAgreement()), interval(p.signAgreementCi95()),
                    amplitudeAt(p.simulatedSinusoid()), amplitudeAt(p.humanSinusoid())));
        }
        page.table(List.of("outcome", "answered as", "agents", "people (human)", "profile r", "95% interval",
                "same sign", "95% interval", "simulated sinusoid: amplitude at displacement (R squared)",
                "human sinusoid"), rows);
        if (!agreement.notAnswered().isEmpty()) {
            page.paragraph("Outcomes of the reference that no instrument of this run holds: "
                    + String.join(", ", agreement.notAnswered()) + ".");
        }
    }

    /** The sinusoid at each value's angle; NaN throughout when there is none. */
    private static double[] curve(ValueBehaviourProfile.Sinusoid s) {
        return SchwartzValue.inCircularOrder().stream().mapToDouble(v -> s == null ? Double.NaN
                : s.at(v.angleDegrees())).toArray();
    }

    private static String amplitudeAt(ValueBehaviourProfile.Sinusoid s) {
        return s == null ? "" : number(s.amplitude()) + " at " + number(s.displacement()) + "° ("
                + number(s.rSquared()) + ")";
    }

    /** Counts, status, failures and each model's calls; never timings, which differ between identical runs. */
    private void accounting(RunManifest manifest) {
        page.section("Run and model accounting");
        if (manifest == null) {
            page.none("This folder has no manifest.json.");
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("status", manifest.status()));
        rows.add(List.of("respondent", manifest.respondent()));
        if (manifest.counts() != null) {
            SummaryNumbers.of(manifest.counts()).forEach((name, n) -> rows.add(List.of(name.replace('_', ' '),
                    count(n.longValue()))));
        }
        if (manifest.failures() != null) {
            rows.add(List.of("commonest failure (" + count(manifest.failures().commonestCount()) + " of "
                    + count(manifest.failures().count()) + ")", manifest.failures().commonestReason()));
        }
        page.table(List.of("", "value"), rows);
        if (manifest.models() != null && !manifest.models().isEmpty()) {
            List<List<String>> models = new ArrayList<>();
            manifest.models().forEach((name, m) -> models.add(List.of(name, count(m.requests()), count(m.modelCalls()),
                    count(m.cacheHits()), count(m.sharedRequests()), count(m.retries()), count(m.failedRequests()),
                    count(m.tokensIn()), count(m.tokensOut()))));
            page.table(List.of("model", "requests", "model calls", "cache hits", "shared requests", "retries",
                    "failed requests", "tokens in", "tokens out"), models);
        }
    }

    private void scenario() throws IOException {
        Path file = dir.resolve("scenario.yaml");
        if (Files.isRegularFile(file)) {
            page.section("Scenario as run");
            page.preformatted(Files.readString(file));
        }
    }

    private static List<String> codes() {
        return SchwartzValue.inCircularOrder().stream().map(SchwartzValue::code).toList();
    }

    private static String number(double x) {
        return Decimals.readable(x);
    }

    private static String number(Double x) {
        return x == null ? "" : Decimals.readable(x);
    }

    private static String interval(Interval ci) {
        return ci == null ? "" : "[" + number(ci.low()) + ", " + number(ci.high()) + "]";
    }

    private static String range(Interval ci) {
        return ci == null ? "" : number(ci.low()) + " to " + number(ci.high());
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
