package org.valuesim.results.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.Rectangle;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;
import org.valuesim.core.values.SchwartzValue;

/**
 * report.html and charts/ of a results folder, built from the folder's summary.json, manifest.json
 * and scenario.yaml alone, so a finished run's report can be rebuilt at any time.
 */
public final class RunReport {

    public static final String REPORT = "report.html";
    public static final String CHARTS = "charts";
    private static final int WIDTH = 760;
    private static final int HEIGHT = 560;

    private final Path dir;
    private final JsonNode summary;
    private final JsonNode manifest;
    private final StringBuilder html = new StringBuilder();

    private RunReport(Path dir) throws IOException {
        this.dir = dir;
        ObjectMapper json = new ObjectMapper();
        Path summaryFile = dir.resolve("summary.json");
        if (!Files.isRegularFile(summaryFile)) {
            throw new IOException(dir + " has no summary.json: not a finished valuesim results folder");
        }
        this.summary = json.readTree(summaryFile.toFile());
        Path manifestFile = dir.resolve("manifest.json");
        this.manifest = Files.isRegularFile(manifestFile) ? json.readTree(manifestFile.toFile()) : json.createObjectNode();
    }

    /** Writes report.html and charts/*.png|svg into the results folder; returns the report's path. */
    public static Path write(Path dir, String version) throws IOException {
        return new RunReport(dir).render(version);
    }

    private Path render(String version) throws IOException {
        Files.createDirectories(dir.resolve(CHARTS));
        boolean simulation = summary.has("agents");
        if (simulation) {
            overview();
            population();
        }
        circumplex();
        correlations();
        valueMeans();
        items();
        accuracy();
        if (simulation) {
            dilemmas();
        }
        accounting();
        scenario();
        String template = resource("report/report.html");
        String title = summary.path("scenario").asText(summary.has("benchmark")
                ? "bench " + summary.path("benchmark").asText() : dir.getFileName().toString());
        String subtitle = simulation
                ? "seed " + summary.path("seed").asText("?") + " · " + summary.path("agents").asText("?")
                        + " agents · compared with " + summary.path("compare_to").asText("no human reference")
                : "accuracy benchmark on " + summary.path("data").asText("?") + " · " + summary.path("people").asText("?")
                        + " people · " + summary.path("folds").asText("?") + " folds · seed " + summary.path("seed").asText("?");
        String page = template.replace("{{title}}", escape(title)).replace("{{subtitle}}", escape(subtitle))
                .replace("{{version}}", escape(version)).replace("{{sections}}", html.toString());
        Path report = dir.resolve(REPORT);
        Files.writeString(report, page, StandardCharsets.UTF_8);
        return report;
    }

    private void overview() {
        section("How human-like is this population?");
        JsonNode a = summary.path("human_agreement");
        JsonNode c = summary.path("circumplex");
        if (a.isMissingNode() && c.isMissingNode()) {
            none("This run has no value instrument scored against a human reference.");
            return;
        }
        table(List.of("statistic", "simulated", "human"), List.of(
                row("Tucker's phi, centred value correlations vs human", a.path("tucker_phi"), null),
                row("Pearson r, centred value correlations vs human", a.path("pearson_r"), null),
                row("Mantel p (" + count(a.path("mantel_permutations")) + " permutations)", a.path("mantel_p"), null),
                row("RTHOR correspondence index (circular order)", c.path("rthor_ci"), c.path("human_rthor_ci")),
                row("RTHOR p (" + (c.path("rthor_exact").asBoolean() ? "exact, all " : "")
                        + count(c.path("rthor_permutations")) + " relabellings)", c.path("rthor_p"), c.path("human_rthor_p")),
                row("Procrustes congruence with the theoretical circle", c.path("procrustes_congruence"),
                        c.path("human_procrustes_congruence")),
                row("Congruence of the human MDS with the simulated one", c.path("human_to_simulated_congruence"), null),
                row("Mean |difference| of value means", meanAbs(summary.path("value_means"), "difference"), null),
                row("Mean Jensen-Shannon divergence over items", meanAbs(summary.path("items"), "js_divergence"), null)));
    }

    private void population() {
        JsonNode p = summary.path("population");
        section("Population");
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("agents", text(summary.path("agents"))));
        rows.add(List.of("fully scored agents", text(summary.path("scored_agents"))));
        rows.add(List.of("preset", text(p.path("preset")) + " (" + text(p.path("preset_description")) + ")"));
        rows.add(List.of("strategy", text(p.path("strategy"))));
        rows.add(List.of("respondent", text(p.path("respondent"))));
        List<String> instruments = new ArrayList<>();
        p.path("instruments").forEach(i -> instruments.add(i.asText()));
        rows.add(List.of("instruments", String.join(", ", instruments)));
        rows.add(List.of("answers (failed)", text(summary.path("answers")) + " (" + text(summary.path("failed_answers")) + ")"));
        table(List.of("", ""), rows);
    }

    private void circumplex() {
        JsonNode mds = summary.path("circumplex").path("mds");
        if (mds.isMissingNode()) {
            return;
        }
        section("Value circumplex");
        html.append("<p>Classical MDS of 1 - r over the centred value correlations; the simulated configuration is fitted to "
                + "the theoretical circle by Procrustes (rotation, reflection, dilation, translation), and the human "
                + "configuration to the simulated one.</p>");
        figure("circumplex", Charts.circumplex(codes(), matrix(mds.path("simulated")),
                mds.has("human") ? matrix(mds.path("human")) : null), HEIGHT, HEIGHT);
    }

    private void correlations() {
        JsonNode c = summary.path("value_correlation");
        if (c.isMissingNode()) {
            return;
        }
        section("Correlations of centred value scores");
        if (!c.has("simulated")) {
            none(c.path("note").asText("No correlations in this run."));
            return;
        }
        html.append("<div class=\"pair\">");
        figure("correlations-simulated", Charts.heatmap("Simulated", codes(), matrix(c.path("simulated"))));
        if (c.has("human")) {
            figure("correlations-human", Charts.heatmap("Human", codes(), matrix(c.path("human"))));
        }
        html.append("</div>");
    }

    private void valueMeans() {
        JsonNode means = summary.path("value_means");
        if (means.isMissingNode()) {
            return;
        }
        section("Value means");
        boolean human = means.path("self-direction").has("human");
        double[][] sim = new double[10][];
        double[][] hum = human ? new double[10][] : null;
        List<List<String>> rows = new ArrayList<>();
        for (SchwartzValue v : SchwartzValue.inCircularOrder()) {
            JsonNode m = means.path(v.id());
            sim[v.ordinal()] = new double[] {m.path("simulated").asDouble(), halfWidth(m.path("simulated_ci95"))};
            if (human) {
                hum[v.ordinal()] = new double[] {m.path("human").asDouble(), halfWidth(m.path("human_ci95"))};
            }
            JsonNode alpha = summary.path("reliability").path(v.id());
            rows.add(List.of(v.label(), text(m.path("simulated")), interval(m.path("simulated_ci95")), text(m.path("human")),
                    interval(m.path("human_ci95")), text(m.path("difference")), text(m.path("ks_d")), text(m.path("ks_p")),
                    text(alpha.path("simulated_alpha")), text(alpha.path("human_alpha"))));
        }
        figure("value-means", Charts.valueMeans(codes(), sim, hum));
        table(List.of("value", "simulated", "95% CI", "human", "95% CI", "difference", "KS D", "KS p",
                "alpha (sim)", "alpha (human)"), rows);
    }

    /** One chart per instrument: each item's simulated and human answer shares (the largest group's, for items with shares by group). */
    private void items() {
        JsonNode items = summary.path("items");
        if (items.isMissingNode() || items.size() == 0) {
            return;
        }
        section("Item answer distributions");
        Map<String, List<Map.Entry<String, JsonNode>>> byInstrument = new java.util.LinkedHashMap<>();
        List<List<String>> rows = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = items.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode shown = e.getValue().has("groups") ? largestGroup(e.getValue().path("groups")) : e.getValue();
            byInstrument.computeIfAbsent(e.getValue().path("instrument").asText(""), k -> new ArrayList<>())
                    .add(Map.entry(e.getKey(), shown));
            rows.add(List.of(e.getKey(), text(e.getValue().path("instrument")), text(e.getValue().path("js_divergence")),
                    text(e.getValue().path("wasserstein"))));
        }
        boolean first = true;
        for (var instrument : byInstrument.entrySet()) {
            List<String> ids = new ArrayList<>();
            List<double[]> sim = new ArrayList<>();
            List<double[]> hum = new ArrayList<>();
            int options = 0;
            for (var item : instrument.getValue()) {
                ids.add(item.getKey());
                sim.add(vector(item.getValue().path("simulated")));
                hum.add(vector(item.getValue().path("human")));
                options = Math.max(options, sim.get(sim.size() - 1).length);
            }
            int width = options;
            figure(first ? "item-distributions" : "item-distributions-" + instrument.getKey(),
                    Charts.itemDistributions(ids, sim.stream().map(v -> java.util.Arrays.copyOf(v, width)).toArray(double[][]::new),
                            hum.stream().map(v -> java.util.Arrays.copyOf(v, width)).toArray(double[][]::new), width));
            first = false;
        }
        table(List.of("item", "instrument", "Jensen-Shannon divergence (bits)", "Wasserstein-1 (options)"), rows);
    }

    private static JsonNode largestGroup(JsonNode groups) {
        JsonNode best = null;
        for (JsonNode g : groups) {
            if (best == null || g.path("answers").asLong() > best.path("answers").asLong()) {
                best = g;
            }
        }
        return best;
    }

    private void accuracy() {
        JsonNode accuracy = summary.path("accuracy");
        if (accuracy.isMissingNode()) {
            return;
        }
        section("Individual-level accuracy by history size");
        List<String> names = new ArrayList<>();
        List<double[]> xs = new ArrayList<>();
        List<double[]> ys = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = accuracy.path("predictors").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode byHistory = e.getValue().path("by_history");
            double[] x = new double[byHistory.size()];
            double[] y = new double[byHistory.size()];
            for (int i = 0; i < byHistory.size(); i++) {
                x[i] = 100 * byHistory.get(i).path("history").asDouble();
                y[i] = byHistory.get(i).path("top1").asDouble();
                rows.add(List.of(e.getKey(), text(byHistory.get(i).path("history")), text(byHistory.get(i).path("top1")),
                        text(byHistory.get(i).path("nmae")), text(byHistory.get(i).path("predictions"))));
            }
            names.add(e.getKey());
            xs.add(x);
            ys.add(y);
        }
        figure("accuracy-by-history", Charts.lines("Top-1 accuracy by history size", "history used (% of the profile)",
                "top-1 accuracy", names, xs, ys));
        table(List.of("predictor", "history share", "top-1 accuracy", "normalised MAE", "predictions"), rows);
    }

    private void dilemmas() {
        section("Social dilemmas and value-behaviour profiles");
        JsonNode dilemmas = summary.path("dilemmas");
        if (dilemmas.isMissingNode()) {
            none("This run played no social dilemmas.");
            return;
        }
        List<String> names = new ArrayList<>();
        List<double[]> xs = new ArrayList<>();
        List<double[]> ys = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = dilemmas.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            double[] y = vector(e.getValue().path("cooperation_by_round"));
            double[] x = new double[y.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = i + 1;
            }
            names.add(e.getKey());
            xs.add(x);
            ys.add(y);
            JsonNode n = e.getValue().path("network");
            long failed = 0;
            for (JsonNode f : e.getValue().path("failed_moves_by_round")) {
                failed += f.asLong();
            }
            rows.add(List.of(e.getKey(), text(e.getValue().path("game")), text(e.getValue().path("rounds")),
                    text(n.path("kind")) + " (mean degree " + text(n.path("mean_degree")) + ", clustering "
                            + text(n.path("clustering")) + ")",
                    text(e.getValue().path("mean_cooperation")), Long.toString(failed)));
        }
        figure("dilemma-cooperation", Charts.lines("Cooperation over rounds", "round",
                "mean cooperation (share given, contributed, donated, or cooperating)", names, xs, ys));
        table(List.of("dilemma", "game", "rounds", "network", "mean cooperation", "failed moves"), rows);
        JsonNode vb = summary.path("value_behaviour");
        if (vb.isMissingNode()) {
            none("No value-behaviour profile: the run has no value instrument scored for its agents.");
            return;
        }
        Map<String, double[]> observed = new java.util.LinkedHashMap<>();
        Map<String, double[]> fitted = new java.util.LinkedHashMap<>();
        List<List<String>> fits = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = vb.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            double[] r = new double[SchwartzValue.count()];
            double[] fit = new double[r.length];
            JsonNode s = e.getValue().path("sinusoid");
            for (SchwartzValue v : SchwartzValue.inCircularOrder()) {
                r[v.ordinal()] = e.getValue().path("correlations").path(v.id()).asDouble();
                fit[v.ordinal()] = s.path("elevation").asDouble() + s.path("amplitude").asDouble()
                        * Math.cos(Math.toRadians(v.angleDegrees() - s.path("displacement").asDouble()));
            }
            observed.put(e.getKey(), r);
            fitted.put(e.getKey(), fit);
            fits.add(List.of(e.getKey(), text(s.path("elevation")), text(s.path("amplitude")), text(s.path("displacement")),
                    text(s.path("r_squared")), text(e.getValue().path("agents"))));
        }
        html.append("<p>Correlation of each centred value score with the agents' mean cooperation, in circular order, "
                + "with the fitted sinusoid (structural summary method).</p>");
        figure("value-behaviour", Charts.valueProfiles(codes(), observed, fitted));
        table(List.of("dilemma", "elevation", "amplitude", "displacement (degrees)", "R squared", "agents"), fits);
    }

    private void accounting() {
        section("Run and model accounting");
        JsonNode counts = manifest.path("counts");
        JsonNode timings = manifest.path("timings");
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode node : List.of(counts, timings)) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                rows.add(List.of(e.getKey().replace('_', ' '), text(e.getValue())));
            }
        }
        rows.add(List.of("status", manifest.path("status").asText("?")));
        rows.add(List.of("respondent", manifest.path("respondent").asText("?")));
        table(List.of("", "value"), rows);
    }

    private void scenario() throws IOException {
        Path file = dir.resolve("scenario.yaml");
        if (Files.isRegularFile(file)) {
            section("Scenario as run");
            html.append("<pre>").append(escape(Files.readString(file))).append("</pre>");
        }
    }

    private void figure(String name, JFreeChart chart) {
        figure(name, chart, WIDTH, HEIGHT);
    }

    /** Writes the chart as charts/NAME.png and charts/NAME.svg and inlines the SVG in the page. */
    private void figure(String name, JFreeChart chart, int width, int height) {
        try {
            ChartUtils.saveChartAsPNG(dir.resolve(CHARTS).resolve(name + ".png").toFile(), chart, width, height);
            SVGGraphics2D svg = new SVGGraphics2D(width, height);
            // the default prefix is time-based; a fixed one keeps the report identical when rebuilt
            svg.setDefsKeyPrefix(name + "-");
            chart.draw(svg, new Rectangle(0, 0, width, height));
            String element = svg.getSVGElement(name);
            Files.writeString(dir.resolve(CHARTS).resolve(name + ".svg"), svg.getSVGDocument(), StandardCharsets.UTF_8);
            html.append("<figure>").append(element).append("</figure>\n");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void section(String title) {
        html.append("<h2>").append(escape(title)).append("</h2>\n");
    }

    private void none(String text) {
        html.append("<p class=\"none\">").append(escape(text)).append("</p>\n");
    }

    private void table(List<String> header, List<List<String>> rows) {
        html.append("<table><tr>");
        header.forEach(h -> html.append("<th>").append(escape(h)).append("</th>"));
        html.append("</tr>\n");
        for (List<String> row : rows) {
            if (row == null) {
                continue;
            }
            html.append("<tr>");
            row.forEach(c -> html.append("<td>").append(escape(c)).append("</td>"));
            html.append("</tr>\n");
        }
        html.append("</table>\n");
    }

    private static List<String> row(String label, JsonNode simulated, JsonNode human) {
        if (simulated.isMissingNode() && (human == null || human.isMissingNode())) {
            return null;
        }
        return List.of(label, text(simulated), human == null ? "" : text(human));
    }

    private static JsonNode meanAbs(JsonNode parent, String field) {
        double sum = 0;
        int n = 0;
        for (JsonNode child : parent) {
            if (child.has(field)) {
                sum += Math.abs(child.path(field).asDouble());
                n++;
            }
        }
        return n == 0 ? com.fasterxml.jackson.databind.node.MissingNode.getInstance()
                : com.fasterxml.jackson.databind.node.DoubleNode.valueOf(Math.round(sum / n * 1e6) / 1e6);
    }

    private static List<String> codes() {
        return SchwartzValue.inCircularOrder().stream().map(SchwartzValue::code).toList();
    }

    private static double[][] matrix(JsonNode rows) {
        double[][] m = new double[rows.size()][];
        for (int i = 0; i < rows.size(); i++) {
            m[i] = vector(rows.get(i));
        }
        return m;
    }

    private static double[] vector(JsonNode values) {
        double[] v = new double[values.size()];
        for (int i = 0; i < values.size(); i++) {
            v[i] = values.get(i).asDouble();
        }
        return v;
    }

    private static double halfWidth(JsonNode interval) {
        return interval.size() == 2 ? (interval.get(1).asDouble() - interval.get(0).asDouble()) / 2 : 0;
    }

    private static String interval(JsonNode interval) {
        return interval.size() == 2 ? interval.get(0).asText() + " to " + interval.get(1).asText() : "";
    }

    private static String count(JsonNode node) {
        return String.format(java.util.Locale.ROOT, "%,d", node.asLong());
    }

    private static String text(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull() ? "" : node.asText();
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = RunReport.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
