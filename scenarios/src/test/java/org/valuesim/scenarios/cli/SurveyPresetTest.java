package org.valuesim.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.valuesim.core.values.SchwartzValue;
import org.valuesim.scenarios.cluster.OpenAiStandIn;

/**
 * Presets from codebooks with questions: they keep the demographics and every question's answer shares, a file with
 * no value-keyed question still gives one, and a population drawn from it answers {@code instruments: [codebook]}
 * with each question compared with the people's shares in summary.json.
 */
class SurveyPresetTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** Answer shares of one column's codes lo..hi, counted here from the CSV (blank and NA cells left out). */
    private static double[] shares(Path csv, String column, int lo, int hi) throws Exception {
        List<String> lines = Files.readAllLines(csv);
        int at = List.of(lines.get(0).split(",", -1)).indexOf(column);
        double[] counts = new double[hi - lo + 1];
        double total = 0;
        for (String line : lines.subList(1, lines.size())) {
            String cell = line.split(",", -1)[at].trim();
            if (!cell.isEmpty() && !cell.equals("NA")) {
                counts[Integer.parseInt(cell) - lo]++;
                total++;
            }
        }
        for (int i = 0; i < counts.length; i++) {
            counts[i] /= total;
        }
        return counts;
    }

    private static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }

    @Test
    void theSapaFileWithNoValueKeyedQuestionGivesAPresetOfItsDemographicsAndQuestionShares() throws Exception {
        Path data = Path.of("../data/sapa-spi/spi-sample.csv");
        Cli built = Cli.run("preset", "build", "--data", data.toString(), "--codebook", "../data/sapa-spi/codebook.yaml",
                "--out", dir.resolve("presets").toString());
        assertEquals(0, built.exit(), built.err());
        assertTrue(built.out().contains("(400 respondents; 139 questions with their answer shares; no value "
                + "distribution: no question scores a Schwartz value, so there are no value scores to model)"),
                built.out());
        Path file = dir.resolve("presets/sapa-spi.json");
        JsonNode preset = JSON.readTree(file.toFile());
        assertTrue(preset.path("latent").isMissingNode(), "no value distribution");
        assertEquals(400, preset.at("/respondents").asInt());
        assertArrayEquals(shares(data, "sex", 1, 2), new double[] {preset.at("/demographics/marginals/sex/male")
                .asDouble(), preset.at("/demographics/marginals/sex/female").asDouble()}, 1e-6);
        assertTrue(preset.at("/demographics/cells/0/value-offsets").isMissingNode());
        assertEquals(139, preset.at("/survey/items").size(), "every question but the three demographics");
        JsonNode exercise = preset.at("/survey/items/1");
        assertEquals("exer", exercise.at("/id").asText());
        assertArrayEquals(shares(data, "exer", 1, 6), doubles(exercise.at("/human/all")), 1e-9);

        Cli shown = Cli.run("preset", "show", file.toString());
        assertEquals(0, shown.exit(), shown.err());
        assertTrue(shown.out().contains("no value distribution"), shown.out());
        assertTrue(shown.out().contains("  sex: female"), shown.out());

        // README's scenario for the preset, then the strategies and respondents it cannot give
        Path scenario = dir.resolve("s.yaml");
        Files.writeString(scenario, ReadmeExamplesTest.yamlBlock("name: sapa-uniform"));
        Cli uniform = Cli.run("validate", scenario.toString());
        assertEquals(0, uniform.exit(), uniform.err());
        assertTrue(uniform.out().contains("instrument: sapa-spi (139 items, up to 9 options)"), uniform.out());
        Files.writeString(scenario, Files.readString(scenario).replace(", strategy: uniform", ""));
        Cli human = Cli.run("validate", scenario.toString());
        assertEquals(2, human.exit());
        assertTrue(human.err().startsWith("error: " + scenario + ":2:13: population.strategy: preset sapa-spi has no "
                + "value distribution (its survey has no value-keyed questions, or too few to model the ten values), so "
                + "'sampled' has nothing to draw from; "
                + "use uniform"), human.err());
        Files.writeString(scenario, Files.readString(scenario).replace("kind: value-prompt, model: local",
                "kind: psychometric"));
        Cli psychometric = Cli.run("validate", scenario.toString());
        assertEquals(2, psychometric.exit());
        assertTrue(psychometric.err().contains(":3:20: respondent.kind: the psychometric respondent answers from a "
                + "value distribution, and preset sapa-spi has none"), psychometric.err());
    }

    /** Five questions: two demographics, three 1..6 attitudes and behaviours, one keyed to a value (too few to model). */
    private Path valuelessFile() throws Exception {
        SplittableRandom random = new SplittableRandom(7);
        StringBuilder csv = new StringBuilder("sex,age,trust,fair,sport\n");
        for (int r = 0; r < 60; r++) {
            csv.append(1 + random.nextInt(2)).append(',').append(18 + random.nextInt(60)).append(',')
                    .append(1 + random.nextInt(3)).append(',').append(2 + random.nextInt(5)).append(',')
                    .append(r % 7 == 0 ? "" : Integer.toString(1 + random.nextInt(6))).append('\n');
        }
        Files.writeString(dir.resolve("people.csv"), csv);
        Files.writeString(dir.resolve("codebook.yaml"), """
                name: panel
                description: sixty made-up people
                source: made up for a test
                questions:
                  sex: {text: "Your sex?", kind: categorical, labels: {"1": male, "2": female}, group: demographics}
                  age: {text: "Your age?", kind: number, bands: [30, 50], group: demographics}
                  trust: {text: "Most people can be trusted.", kind: likert, min: 1, max: 6}
                  fair: {text: "Most people are fair.", kind: likert, min: 1, max: 6, value: universalism}
                  sport: {text: "How often do you do sport?", kind: ordinal, min: 1, max: 6, group: behaviours}
                """);
        return dir.resolve("people.csv");
    }

    @Test
    void aValuePromptedPopulationFromAValuelessPresetIsComparedQuestionByQuestion() throws Exception {
        Path data = valuelessFile();
        Cli built = Cli.run("preset", "build", "--data", data.toString(), "--codebook",
                dir.resolve("codebook.yaml").toString(), "--out", dir.toString());
        assertEquals(0, built.exit(), built.err());
        assertTrue(built.out().contains("(60 respondents; 3 questions with their answer shares; no value distribution: "
                + "value self-direction has 0 item(s)"), built.out());
        try (OpenAiStandIn server = new OpenAiStandIn(0, 0)) {
            Path scenario = dir.resolve("s.yaml");
            Files.writeString(scenario, """
                    name: panel
                    seed: 3
                    population: {size: 12, preset: panel.json, strategy: uniform, demographics: {sex: female}}
                    respondent: {kind: value-prompt, model: local}
                    models: {local: {provider: openai-compatible, base-url: "%s", model: m}}
                    instruments: [codebook]
                    cache: %s
                    """.formatted(server.baseUrl(), dir.resolve("cache.db")));
            Path out = dir.resolve("run");
            Cli cli = Cli.run("run", scenario.toString(), "--out", out.toString(), "--quiet");
            assertEquals(0, cli.exit(), cli.err());
            JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
            for (String question : List.of("trust", "fair", "sport")) {
                JsonNode all = summary.at("/items/" + question + "/groups/all");
                assertEquals(12, all.at("/answers").asInt(), question);
                assertArrayEquals(shares(data, question, 1, 6), doubles(all.at("/human")), 1e-6);
                assertEquals(1.0, java.util.Arrays.stream(doubles(all.at("/simulated"))).sum(), 1e-5);
            }
            List<String> agents = Files.readAllLines(out.resolve("agents.csv"));
            int sex = List.of(agents.get(0).split(",")).indexOf("sex");
            assertTrue(agents.stream().skip(1).allMatch(a -> a.split(",")[sex].equals("female")), agents.get(1));
        }
    }

    /**
     * Twenty value-keyed questions (two per value), a demographic, an attitude with no value key and a behaviour that
     * leans on benevolence (the preset's value-behaviour reference).
     */
    @Test
    void aMixedPresetKeepsValuesDemographicsAndQuestionSharesAndAPsychometricRunIsComparedWithThem() throws Exception {
        SplittableRandom random = new SplittableRandom(11);
        StringBuilder header = new StringBuilder("sex,trust");
        StringBuilder questions = new StringBuilder("""
                  sex: {text: "Your sex?", kind: categorical, labels: {"1": male, "2": female}, group: demographics}
                  trust: {text: "Most people can be trusted.", kind: ordinal, min: 1, max: 4}
                """);
        for (SchwartzValue v : SchwartzValue.inCircularOrder()) {
            for (int k = 1; k <= 2; k++) {
                String id = v.code() + k;
                header.append(',').append(id);
                questions.append("  ").append(id).append(": {text: \"It is important to me: ").append(v.id())
                        .append(' ').append(k).append(".\", kind: likert, min: 1, max: 6, value: ").append(v.id())
                        .append("}\n");
            }
        }
        header.append(",helped");
        questions.append("  helped: {text: \"How often did you help a stranger?\", kind: ordinal, min: 1, max: 4, "
                + "group: behaviours}\n");
        int benevolence = 2 * SchwartzValue.inCircularOrder().indexOf(SchwartzValue.BENEVOLENCE);
        double[] centredBenevolence = new double[80];
        double[] helped = new double[80];
        StringBuilder csv = new StringBuilder(header).append('\n');
        for (int r = 0; r < 80; r++) {
            csv.append(1 + random.nextInt(2)).append(',').append(1 + random.nextInt(4));
            double person = random.nextGaussian();
            int[] answers = new int[20];
            for (int q = 0; q < 20; q++) {
                answers[q] = Math.max(1, Math.min(6, (int) Math.round(3.5 + person + random.nextGaussian())));
                csv.append(',').append(answers[q]);
            }
            double own = (answers[benevolence] + answers[benevolence + 1]) / 2.0;
            centredBenevolence[r] = own - java.util.Arrays.stream(answers).average().orElseThrow();
            helped[r] = Math.max(1, Math.min(4, (int) Math.round(own - 1 + random.nextGaussian() / 2)));
            csv.append(',').append((int) helped[r]).append('\n');
        }
        Path data = dir.resolve("mixed.csv");
        Files.writeString(data, csv);
        Path codebook = dir.resolve("mixed.yaml");
        Files.writeString(codebook, "name: mixed\ndescription: made up\nsource: a test\nquestions:\n" + questions);
        Cli built = Cli.run("preset", "build", "--data", data.toString(), "--codebook", codebook.toString(), "--out",
                dir.toString());
        assertEquals(0, built.exit(), built.err());
        JsonNode preset = JSON.readTree(dir.resolve("mixed.json").toFile());
        assertEquals(10, preset.at("/latent/means").size());
        assertEquals(10, preset.at("/demographics/cells/0/value-offsets").size(), "cells drawn jointly with values");
        assertEquals(22, preset.at("/survey/items").size());
        JsonNode reference = preset.at("/outcomes/outcomes/helped");
        assertEquals(new org.apache.commons.math3.stat.correlation.PearsonsCorrelation()
                        .correlation(centredBenevolence, helped),
                reference.at("/r/" + SchwartzValue.BENEVOLENCE.ordinal()).asDouble(), 1e-6);
        assertEquals(80, reference.at("/n/0").asInt());
        assertArrayEquals(shares(data, "trust", 1, 4), doubles(preset.at("/survey/items/0/human/all")), 1e-9);

        Path scenario = dir.resolve("psychometric.yaml");
        Files.writeString(scenario, """
                name: mixed
                population: {size: 300, preset: mixed.json, strategy: sampled}
                respondent: {kind: psychometric}
                instruments: [codebook]
                """);
        Path out = dir.resolve("run");
        Cli cli = Cli.run("run", scenario.toString(), "--out", out.toString(), "--quiet");
        assertEquals(0, cli.exit(), cli.err());
        JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
        JsonNode trust = summary.at("/items/trust");
        assertArrayEquals(shares(data, "trust", 1, 4), doubles(trust.at("/groups/all/human")), 1e-6);
        assertEquals(300, trust.at("/groups/all/answers").asInt());
        // the psychometric respondent answers a question with no value key from its human shares
        assertTrue(trust.at("/js_divergence").asDouble() < 0.02, trust.toString());
        assertFalse(summary.at("/items/" + SchwartzValue.POWER.code() + "1/groups/all/human").isMissingNode(),
                summary.at("/items").toString());
        // the value-keyed questions are scored as values and compared with the preset's value model
        assertEquals(10, summary.at("/value_means").size(), summary.toString());
        assertEquals(300, summary.at("/scored_agents").asInt());
        assertTrue(summary.at("/value_means/benevolence/human").isNumber(), summary.at("/value_means").toString());
        // the preset's value-behaviour reference is compared by default, with the answers to its behaviour question
        assertEquals(reference.at("/r").toString(), summary.at("/value_outcomes/outcomes/helped/human").toString(),
                summary.at("/value_outcomes").toString());
    }

    @Test
    void aCodebookWithOutcomeItemsSpelledTheOldWayIsToldWhatToWrite() throws Exception {
        Path codebook = dir.resolve("old.yaml");
        Files.writeString(codebook, """
                name: old
                description: d
                source: s
                instrument: pvq21
                answers: {min: 1, max: 6}
                items:
                  valrich: {item: pvq21-02, value: power}
                  helped: {item: volunteering, group: behaviour}
                """);
        Files.writeString(dir.resolve("d.csv"), "valrich,helped\n1,2\n");
        Path out = dir.resolve("out");
        Cli cli = Cli.run("preset", "build", "--data", dir.resolve("d.csv").toString(), "--codebook",
                codebook.toString(), "--out", out.toString());
        assertEquals(2, cli.exit());
        assertTrue(cli.err().startsWith("error: " + codebook + ":8:39: items.helped.group: 'behaviour' is spelled behaviours, as "
                + "a question's group: write group: behaviours"), cli.err());
        assertFalse(Files.exists(out), "nothing written");
    }
}
