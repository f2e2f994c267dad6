package org.valuesim.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.valuesim.core.values.SchwartzValue;

/**
 * Value-behaviour agreement end to end: a reference CSV or a preset built from a codebook with outcome items, a
 * population that answers the outcome item and the Big Five, and summary.json's value_outcomes section.
 */
class ValueOutcomesEndToEndTest {

    /** An outcome item whose psychometric answers lean on benevolence and universalism, against power. */
    private static final String BEHAVIOURS = """
            id: behaviours
            title: Behaviours
            source: made up for this test
            instructions: Please answer as yourself.
            response:
              kind: likert
              options: [{value: 1, label: Never}, {value: 2, label: Sometimes}, {value: 3, label: Often}, {value: 4, label: Always}]
            scales:
              helping: {label: Helping, value-loadings: {benevolence: 0.5, universalism: 0.3, power: -0.3}}
            items:
              - {id: volunteering, text: "How often do you volunteer?", scale: helping}
            """;

    @TempDir
    Path dir;

    /** Reference rows for one outcome: r = scale * (benevolence 0.3, universalism 0.2, power -0.2, the rest 0.01). */
    private static String rows(String outcome, double scale) {
        StringBuilder out = new StringBuilder();
        for (SchwartzValue v : SchwartzValue.inCircularOrder()) {
            double r = switch (v) {
                case BENEVOLENCE -> 0.3;
                case UNIVERSALISM -> 0.2;
                case POWER -> -0.2;
                default -> 0.01;
            };
            out.append(outcome).append(',').append(v.id()).append(',').append(scale * r).append(",900\n");
        }
        return out.toString();
    }

    private Path scenario(String reference, int bootstrap) throws Exception {
        return scenarioWith("compare-outcomes: [" + reference + "]", bootstrap);
    }

    /** @param comparison the scenario's line that names the reference */
    private Path scenarioWith(String comparison, int bootstrap) throws Exception {
        Files.writeString(dir.resolve("behaviours.yaml"), BEHAVIOURS);
        Path file = dir.resolve("outcomes.yaml");
        Files.writeString(file, """
                name: outcomes
                seed: 5
                population: {size: 400, preset: us-gss-2012}
                respondent: {kind: psychometric}
                instruments: [pvq21, ipip-big5, behaviours.yaml]
                %s
                statistics: {permutations: 99, bootstrap: %d}
                """.formatted(comparison, bootstrap));
        return file;
    }

    @Test
    void aRunComparesEachAnsweredOutcomeWithTheCsvReference() throws Exception {
        Files.writeString(dir.resolve("reference.csv"), "outcome,value,r,n\n" + rows("volunteering", 1)
                + rows("extraversion", -1) + rows("smoking", 1));
        Path out = dir.resolve("run");
        Cli cli = Cli.run("run", scenario("reference.csv", 200).toString(), "--out", out.toString(), "--quiet");
        assertEquals(0, cli.exit(), cli.err());

        JsonNode section = new ObjectMapper().readTree(out.resolve("summary.json").toFile()).path("value_outcomes");
        assertEquals(200, section.path("bootstrap_resamples").asInt());
        assertEquals("[\"smoking\"]", section.path("not_answered").toString());
        assertEquals(240.0, section.path("angles").get(SchwartzValue.TRADITION.ordinal()).asDouble());
        JsonNode volunteering = section.path("outcomes").path("volunteering");
        assertEquals("behaviours", volunteering.path("instrument").asText());
        assertEquals("volunteering", volunteering.path("item").asText());
        assertEquals("reference.csv", volunteering.path("reference").asText());
        assertEquals(400, volunteering.path("agents").asInt());
        JsonNode simulated = volunteering.path("simulated");
        assertTrue(simulated.get(SchwartzValue.BENEVOLENCE.ordinal()).asDouble() > 0.1, simulated.toString());
        assertTrue(simulated.get(SchwartzValue.POWER.ordinal()).asDouble() < -0.05, simulated.toString());
        assertEquals(0.3, volunteering.path("human").get(SchwartzValue.BENEVOLENCE.ordinal()).asDouble());
        assertEquals(900, volunteering.path("human_n").get(0).asInt());
        double profileR = volunteering.path("profile_r").asDouble();
        assertTrue(profileR > 0.5, volunteering.toString());
        JsonNode ci = volunteering.path("profile_r_ci95");
        assertTrue(ci.get(0).asDouble() <= profileR && profileR <= ci.get(1).asDouble(), ci.toString());
        assertTrue(volunteering.path("sign_agreement_ci95").isArray());
        assertTrue(volunteering.path("simulated_sinusoid").path("amplitude").asDouble() > 0);
        assertTrue(volunteering.path("human_sinusoid").path("r_squared").asDouble() > 0.5);

        // a Big Five scale: the reference's extraversion profile is the negative of the item's
        JsonNode extraversion = section.path("outcomes").path("extraversion");
        assertEquals("ipip-big5", extraversion.path("instrument").asText());
        assertEquals("extraversion", extraversion.path("scale").asText());
        assertFalse(extraversion.has("item"));

        String report = Files.readString(out.resolve("report.html"));
        assertTrue(report.contains("Values and outcomes: simulated and human"), "report panel");
        assertTrue(Files.exists(out.resolve("charts/value-outcome-1.png"))
                || Files.exists(out.resolve("charts/value-outcome-1.svg")), "chart of the first outcome");
    }

    @Test
    void aBadReferenceRowIsOneLocatedLineAndNothingIsWritten() throws Exception {
        String rows = rows("volunteering", 1).replace("volunteering,power,-0.2,900", "volunteering,power,-0.2,many");
        Files.writeString(dir.resolve("reference.csv"), "outcome,value,r,n\n" + rows);
        Path out = dir.resolve("run");
        Cli cli = Cli.run("run", scenario("reference.csv", 0).toString(), "--out", out.toString(), "--quiet");
        assertEquals(2, cli.exit(), cli.err());
        assertEquals("error: " + dir.resolve("reference.csv") + ":6:25: n: 'many' is not a number\n", cli.err());
        assertFalse(Files.exists(out));

        Files.writeString(dir.resolve("reference.csv"), "outcome,value,r,n\n" + rows("smoking", 1));
        cli = Cli.run("validate", scenario("reference.csv", 0).toString());
        assertEquals(2, cli.exit(), cli.err());
        assertTrue(cli.err().startsWith("error: " + dir.resolve("outcomes.yaml") + ":6:1: compare-outcomes: no "
                + "outcome of the reference is an item or scale of the instruments [pvq21, ipip-big5, behaviours]"),
                cli.err());
    }

    /**
     * A preset built from a survey file whose codebook marks an outcome column (here made from the GSS fixture: the
     * benevolence answer "care" and the universalism answer "eco" as 10 care + eco) carries its correlations and serves as the reference.
     */
    @Test
    void aPresetBuiltFromACodebookWithOutcomeItemsIsAReference() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("examples/data/gss-individuals.csv"));
        List<String> header = List.of(lines.get(0).replace("\"", "").split(","));
        StringBuilder data = new StringBuilder(lines.get(0) + ",\"helped\"\n");
        int people = lines.size() - 1;
        double[] benevolence = new double[people]; // centred: its items' mean minus the mean of all 21 items
        double[] helped = new double[people];
        for (int p = 0; p < people; p++) {
            String line = lines.get(p + 1);
            String[] cells = line.split(",");
            double all = 0;
            for (int c = 1; c < cells.length; c++) {
                all += Integer.parseInt(cells[c]) / 21.0;
            }
            int care = Integer.parseInt(cells[header.indexOf("valcare")]);
            benevolence[p] = (care + Integer.parseInt(cells[header.indexOf("valdvot")])) / 2.0 - all;
            // 11 .. 66: never one of the codebook's missing codes (8, 9), which outcome columns share
            helped[p] = 10 * care + Integer.parseInt(cells[header.indexOf("valeco")]);
            data.append(line).append(',').append((int) helped[p]).append('\n');
        }
        Files.writeString(dir.resolve("people.csv"), data);
        String codebook = Files.readString(Path.of("../data/us-gss-2012/codebook.yaml"))
                .replace("name: us-gss-2012", "name: gss-helping")
                + "  helped: {item: volunteering, group: behaviours}\n";
        Files.writeString(dir.resolve("codebook.yaml"), codebook);
        Cli built = Cli.run("preset", "build", "--data", dir.resolve("people.csv").toString(), "--codebook",
                dir.resolve("codebook.yaml").toString(), "--out", dir.toString());
        assertEquals(0, built.exit(), built.err());
        JsonNode outcomes = new ObjectMapper().readTree(dir.resolve("gss-helping.json").toFile()).path("outcomes");
        JsonNode r = outcomes.path("outcomes").path("volunteering").path("r");
        assertEquals(new PearsonsCorrelation().correlation(benevolence, helped),
                r.get(SchwartzValue.BENEVOLENCE.ordinal()).asDouble(), 1e-6);
        assertEquals(20, outcomes.path("outcomes").path("volunteering").path("n").get(0).asInt());
        Cli shown = Cli.run("preset", "show", dir.resolve("gss-helping.json").toString());
        assertTrue(shown.out().contains("volunteering"), shown.out());

        Cli validated = Cli.run("validate", scenario("gss-helping.json", 0).toString());
        assertTrue(validated.out().contains("value-behaviour reference: gss-helping (people.csv) (1 outcome)\n"),
                validated.out());
        Path out = dir.resolve("run");
        Cli cli = Cli.run("run", scenario("gss-helping.json", 0).toString(), "--out", out.toString());
        assertEquals(0, cli.exit(), cli.err());
        assertTrue(cli.out().contains("value profile of volunteering vs gss-helping (people.csv): r = "), cli.out());
        JsonNode volunteering = new ObjectMapper().readTree(out.resolve("summary.json").toFile())
                .path("value_outcomes").path("outcomes").path("volunteering");
        assertEquals(r.toString(), volunteering.path("human").toString());
        assertTrue(volunteering.path("reference").asText().startsWith("gss-helping"), volunteering.toString());

        // without compare-outcomes, a compare-to preset's outcomes are compared
        Path byDefault = dir.resolve("default");
        cli = Cli.run("run", scenarioWith("compare-to: gss-helping.json", 0).toString(), "--out", byDefault.toString(),
                "--quiet");
        assertEquals(0, cli.exit(), cli.err());
        assertEquals(volunteering.path("human").toString(), new ObjectMapper().readTree(byDefault.resolve(
                "summary.json").toFile()).path("value_outcomes").path("outcomes").path("volunteering").path("human")
                .toString());

        Cli noOutcomes = Cli.run("validate", scenario("us-gss-2012", 0).toString());
        assertEquals(2, noOutcomes.exit());
        assertTrue(noOutcomes.err().contains("compare-outcomes[0]: preset 'us-gss-2012' carries no outcome "
                + "correlations"), noOutcomes.err());
    }
}
