package org.valuesim.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** valuesim study with embedded respondents: outputs, determinism, the command line's overrides and located errors. */
class StudyCommandTest {

    /** A 2 x 2 x 2 factorial of a small psychometric population (few relabellings, no bootstrap: seconds). */
    static final String FACTORIAL = """
            name: factorial
            seed: 3
            base:
              name: small
              population: {size: 40, preset: us-gss-2012}
              instruments: [pvq21]
              statistics: {permutations: 99, bootstrap: 0}
            vary:
              population.size: [40, 60]
              compare-to: [us-gss-2012, us-pvq40]
              statistics.permutations: [99, 199]
            """;

    @TempDir
    Path dir;

    Path write(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    @Test
    void aFactorialStudyIsEightRunFoldersAndATidyTableThatIsByteIdenticalOnRepeat() throws Exception {
        Path study = write("factorial.yaml", FACTORIAL);
        Path first = dir.resolve("first");
        Cli cli = Cli.run("study", study.toString(), "--out", first.toString());
        assertEquals(0, cli.exit(), cli.err());
        assertTrue(cli.out().contains("run 8 of 8: runs/60_us-pvq40_199-r1 (seed 3)"), cli.out());
        assertTrue(cli.out().contains("40_us-gss-2012_99: human_agreement.pearson_r = "), cli.out());
        List<String> runs = new ArrayList<>();
        try (var list = Files.list(first.resolve("runs"))) {
            list.forEach(p -> runs.add(p.getFileName().toString()));
        }
        assertEquals(new TreeSet<>(List.of("40_us-gss-2012_99-r1", "40_us-gss-2012_199-r1", "40_us-pvq40_99-r1",
                "40_us-pvq40_199-r1", "60_us-gss-2012_99-r1", "60_us-gss-2012_199-r1", "60_us-pvq40_99-r1",
                "60_us-pvq40_199-r1")), new TreeSet<>(runs));
        Path run = first.resolve("runs/60_us-pvq40_199-r1");
        String asRun = Files.readString(run.resolve("scenario.yaml"));
        assertTrue(asRun.contains("  size: 60\n") && asRun.contains("compare-to: us-pvq40\n")
                && asRun.contains("permutations: 199\n") && asRun.contains("seed: 3\n"), asRun);
        // each run is a normal run folder: report and compare work on it
        assertEquals(0, Cli.run("report", run.toString()).exit());
        Cli compare = Cli.run("compare", first.resolve("runs/40_us-gss-2012_99-r1").toString(), run.toString());
        assertEquals(0, compare.exit(), compare.err());
        assertTrue(compare.out().contains("agents"), compare.out());

        Path second = dir.resolve("second");
        assertEquals(0, Cli.run("study", study.toString(), "--out", second.toString(), "--quiet").exit());
        for (String file : List.of("study.csv", "study.json", "study.html", "charts/study-agreement.svg")) {
            assertEquals(-1L, Files.mismatch(first.resolve(file), second.resolve(file)), file + " differs");
        }

        List<Map<String, String>> rows = readCsv(first.resolve("study.csv"));
        assertEquals(List.of("condition", "population.size", "compare-to", "statistics.permutations", "replicate", "seed",
                "status", "statistic", "value"), new ArrayList<>(rows.get(0).keySet()));
        // the types a data frame infers: whole numbers, decimals, text
        for (Map<String, String> row : rows) {
            Long.parseLong(row.get("population.size"));
            Long.parseLong(row.get("statistics.permutations"));
            Long.parseLong(row.get("replicate"));
            Long.parseLong(row.get("seed"));
            Double.parseDouble(row.get("value"));
            assertFalse(row.get("value").contains("E"), row.toString());
            assertEquals("completed", row.get("status"));
        }
        Map<String, String> r = rows.stream().filter(x -> x.get("condition").equals("60_us-pvq40_199")
                && x.get("statistic").equals("human_agreement.pearson_r")).findFirst().orElseThrow();
        JsonNode summary = new ObjectMapper().readTree(run.resolve("summary.json").toFile());
        assertEquals(summary.at("/human_agreement/pearson_r").asText(), r.get("value"));
        assertEquals(8, rows.stream().filter(x -> x.get("statistic").equals("agents")).count());

        JsonNode json = new ObjectMapper().readTree(first.resolve("study.json").toFile());
        assertEquals(8, json.at("/runs").asInt());
        assertEquals(8, json.at("/completed").asInt());
        JsonNode condition = json.at("/conditions/7");
        assertEquals("60_us-pvq40_199", condition.at("/name").asText());
        assertEquals(60, condition.at("/fields/population.size").asInt());
        assertEquals(1, condition.at("/statistics/human_agreement.pearson_r/n").asInt());
        assertEquals(summary.at("/human_agreement/pearson_r").asDouble(),
                condition.at("/statistics/human_agreement.pearson_r/mean").asDouble(), 1e-12);
        String html = Files.readString(first.resolve("study.html"));
        assertTrue(html.contains("Headline statistics by condition") && html.contains("<svg")
                && html.contains("Value circumplex per condition") && !html.contains("<img"), "self-contained");
    }

    static List<Map<String, String>> readCsv(Path file) throws Exception {
        CsvMapper csv = new CsvMapper();
        List<Map<String, String>> rows = new ArrayList<>();
        try (MappingIterator<Map<String, String>> it = csv.readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(file.toFile())) {
            it.forEachRemaining(rows::add);
        }
        return rows;
    }

    /**
     * Replicates share their seed across conditions (seed + k - 1); the mean and t interval across replicates go to
     * study.json; --set applies to every condition's base, and a condition's own value wins over it.
     */
    @Test
    void replicatesAndSetOverrides() throws Exception {
        Path study = write("conditions.yaml", """
                name: named
                seed: 10
                replicates: 3
                base:
                  name: small
                  population: {size: 40, preset: us-gss-2012}
                  instruments: [pvq21]
                  statistics: {permutations: 99, bootstrap: 0}
                conditions:
                  - name: as-set
                  - name: larger
                    set: {population.size: 50}
                """);
        Path out = dir.resolve("named");
        Cli cli = Cli.run("study", study.toString(), "--out", out.toString(), "--quiet", "--set", "population.size=30");
        assertEquals(0, cli.exit(), cli.err());
        assertEquals("", cli.out());
        String asSet = Files.readString(out.resolve("runs/as-set-r2/scenario.yaml"));
        assertTrue(asSet.contains("seed: 11\n") && asSet.contains("  size: 30\n"), asSet);
        assertTrue(Files.readString(out.resolve("runs/larger-r3/scenario.yaml")).contains("  size: 50\n"));
        JsonNode json = new ObjectMapper().readTree(out.resolve("study.json").toFile());
        JsonNode estimate = json.at("/conditions/1/statistics/human_agreement.pearson_r");
        assertEquals(3, estimate.at("/n").asInt());
        double[] r = new double[3];
        for (int k = 0; k < 3; k++) {
            r[k] = new ObjectMapper().readTree(out.resolve("runs/larger-r" + (k + 1) + "/summary.json").toFile())
                    .at("/human_agreement/pearson_r").asDouble();
            assertEquals(10 + k, json.at("/conditions/1/runs/" + k + "/seed").asLong());
        }
        double mean = (r[0] + r[1] + r[2]) / 3;
        double sd = Math.sqrt(((r[0] - mean) * (r[0] - mean) + (r[1] - mean) * (r[1] - mean)
                + (r[2] - mean) * (r[2] - mean)) / 2);
        assertEquals(mean, estimate.at("/mean").asDouble(), 1e-6);
        // t(0.975, 2) = 4.302653
        assertEquals(mean + 4.302653 * sd / Math.sqrt(3), estimate.at("/ci95/1").asDouble(), 1e-5);
        assertEquals(List.of("condition", "population.size", "replicate", "seed", "status", "statistic", "value"),
                new ArrayList<>(readCsv(out.resolve("study.csv")).get(0).keySet()));
        assertTrue(readCsv(out.resolve("study.csv")).stream().filter(x -> x.get("condition").equals("as-set"))
                .allMatch(x -> x.get("population.size").equals("30")), "the field's value as run, from --set");
    }

    /** Bad input in a study or its overrides: one located line naming the condition, exit 2, nothing written. */
    @Test
    void mistakesAreOneLocatedLineAndNothingIsWritten() throws Exception {
        String base = """
                name: mistakes
                base:
                  name: small
                  population: {size: 40, preset: us-gss-2012}
                  instruments: [pvq21]
                """;
        Path out = dir.resolve("never");
        record Case(String study, List<String> options, String error) {
        }
        List<Case> cases = List.of(
                new Case(base + "conditions:\n  - name: ok\n  - name: bad\n    set:\n      population.size: lots\n",
                        List.of(), "mistakes.yaml:10:7: conditions[1] (bad): population.size: expected a whole number, got 'lots'"),
                new Case(base + "conditions:\n  - name: bad\n    set: {population.sise: 3}\n", List.of(),
                        "mistakes.yaml:8:11: conditions[0] (bad): population.sise: unknown field; expected one of: "),
                new Case(base + "vary:\n  population.strategy: [sampled, uniform]\n", List.of(),
                        "mistakes.yaml:7:34: vary (uniform): population.strategy: 'uniform' makes value-prompted "
                                + "personas"),
                new Case(base + "vary:\n  population.size: 40\n", List.of(),
                        "mistakes.yaml:7:20: vary.population.size: expected a list of the values to run"),
                new Case(base + "vary:\n  seed: [1, 2]\n", List.of(), "mistakes.yaml:7:3: vary: seed: each run's seed "
                        + "comes from the study's seed"),
                new Case(base + "conditions:\n  - name: a\n  - name: a\n", List.of(),
                        "mistakes.yaml:8:11: conditions[1].name: the name 'a' is given to two conditions"),
                new Case(base + "replicates: 0\nconditions:\n  - name: a\n", List.of(),
                        "mistakes.yaml:6:13: replicates: must be between 1 and 1000, got 0"),
                new Case(base + "vary: {population.size: [40]}\nconditions:\n  - name: a\n", List.of(),
                        "mistakes.yaml:7:1: conditions: give either vary"),
                new Case(base + "conditions:\n  - name: a\n", List.of("--set", "population.sise=3"),
                        "--set population.sise: unknown field; expected one of: "),
                new Case(base + "conditions:\n  - name: a\n", List.of("--set", "population.size=lots"),
                        "--set population.size: expected a whole number, got 'lots'"),
                new Case("name: mistakes\nbase: nowhere.yaml\nconditions:\n  - name: a\n", List.of(),
                        "mistakes.yaml:2:7: base: no scenario file "),
                new Case(base.replace("us-gss-2012", "mars") + "conditions:\n  - name: a\n", List.of(),
                        "mistakes.yaml:4:34: population.preset: unknown preset 'mars'; built-in presets: us-gss-2012, us-pvq40 (or a path to a .json preset)\n"),
                new Case(base + "conditions:\n  - name: psy\n    set: {respondent.kind: naive}\n", List.of(),
                        "mistakes.yaml:8:11: conditions[0] (psy): respondent: the naive respondent needs a model"));
        for (Case c : cases) {
            Path study = write("mistakes.yaml", c.study());
            List<String> args = new ArrayList<>(List.of("study", study.toString(), "--out", out.toString()));
            args.addAll(c.options());
            Cli cli = Cli.run(args.toArray(String[]::new));
            assertEquals(2, cli.exit(), c.study() + "\n" + cli.err());
            String expected = "error: " + (c.error().startsWith("--set") ? "" : dir + "/") + c.error();
            assertTrue(cli.err().startsWith(expected) && cli.err().indexOf('\n') == cli.err().length() - 1,
                    "expected " + expected + "\ngot " + cli.err());
            assertFalse(Files.exists(out), "nothing written");
        }
    }

    @Test
    void varyNamesAreReadableFolderNames() throws Exception {
        Path study = write("names.yaml", """
                name: names
                base:
                  name: small
                  population: {size: 40, preset: us-gss-2012}
                  instruments: [pvq21]
                  statistics: {permutations: 99, bootstrap: 0}
                vary:
                  population.demographics: [~, {gender: "1"}, {gender: "2"}]
                """);
        Path out = dir.resolve("names-out");
        Cli cli = Cli.run("study", study.toString(), "--out", out.toString(), "--quiet");
        assertEquals(0, cli.exit(), cli.err());
        Set<String> runs = new TreeSet<>();
        try (var list = Files.list(out.resolve("runs"))) {
            list.forEach(p -> runs.add(p.getFileName().toString()));
        }
        assertEquals(Set.of("default-r1", "gender-1-r1", "gender-2-r1"), runs);
    }

    /** A scenario with accuracy: runs alone as in a study: a bench individuals folder with the scenario as run. */
    @Test
    void anAccuracyScenarioRunsAlone() throws Exception {
        // Four people: the rebuilt semantic respondent learns each person's fold from the three others.
        Path people = dir.resolve("four.csv");
        Files.write(people, Files.readAllLines(Path.of("examples/data/gss-individuals.csv")).subList(0, 5));
        Path scenario = write("accuracy.yaml", """
                name: accuracy
                seed: 5
                population:
                  individuals: {data: four.csv, codebook: %s}
                respondent: {kind: semantic}
                accuracy: {folds: 3, parallel: 1}
                """.formatted(Path.of("../data/us-gss-2012/codebook.yaml").toAbsolutePath().normalize()));
        Path out = dir.resolve("accuracy-run");
        Cli cli = Cli.run("run", scenario.toString(), "--out", out.toString());
        assertEquals(0, cli.exit(), cli.err());
        assertTrue(cli.out().startsWith("4 people x 21 items, 3 folds, history full (all other folds)\nmajority: top-1 = "),
                cli.out());
        assertTrue(cli.out().contains("\nsemantic: top-1 = "), cli.out());
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals("semantic", summary.at("/accuracy/respondent").asText());
        assertEquals(5, summary.at("/seed").asInt());
        assertEquals(4 * 21, summary.at("/accuracy/predictors/semantic/by_history/4/predictions").asInt());
        assertEquals("completed", new ObjectMapper().readTree(out.resolve("manifest.json").toFile()).at("/status")
                .asText());
        assertTrue(Files.readString(out.resolve("scenario.yaml")).contains("folds: 3"));
        Cli resume = Cli.run("run", scenario.toString(), "--resume", out.toString());
        assertEquals(2, resume.exit());
        assertTrue(resume.err().startsWith("error: --resume: an accuracy run keeps no response log"), resume.err());
    }
}
