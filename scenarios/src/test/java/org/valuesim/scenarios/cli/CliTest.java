package org.valuesim.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CliTest {

    static final String QUICKSTART = "examples/quickstart.yaml";

    @TempDir
    Path dir;

    @Test
    void runWritesTheResultsFolderOfTheContract() throws Exception {
        Path out = dir.resolve("run");
        Cli cli = Cli.run("run", QUICKSTART, "--out", out.toString(), "--quiet");
        assertEquals(0, cli.exit(), cli.err());
        for (String file : List.of("scenario.yaml", "manifest.json", "responses.csv", "agents.csv", "summary.json")) {
            assertTrue(Files.size(out.resolve(file)) > 0, file);
        }
        List<String> responses = Files.readAllLines(out.resolve("responses.csv"));
        assertEquals(1 + 1000 * 21, responses.size());
        assertTrue(responses.get(0).startsWith("agent_id,instrument,item_id,answer,answer_label,p_1,p_2,p_3,p_4,p_5,p_6,"
                + "status,respondent,model,prompt_hash,cache_hit,attempts,latency_ms"), responses.get(0));
        assertEquals(1 + 1000, Files.readAllLines(out.resolve("agents.csv")).size());
        String manifest = Files.readString(out.resolve("manifest.json"));
        assertTrue(manifest.contains("\"status\" : \"completed\""), manifest);
        assertTrue(manifest.contains("\"answers\" : 21000"), manifest);
        assertTrue(manifest.contains("\"failed_answers\" : 0"), manifest);
        String asRun = Files.readString(out.resolve("scenario.yaml"));
        assertTrue(asRun.contains("strategy: sampled") && asRun.contains("kind: psychometric"), asRun);
        assertEquals("", cli.out(), "--quiet prints nothing on stdout");
    }

    @Test
    void sameScenarioAndSeedGiveByteIdenticalResults() throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        Path c = dir.resolve("c");
        assertEquals(0, Cli.run("run", QUICKSTART, "--out", a.toString(), "--quiet").exit());
        assertEquals(0, Cli.run("run", QUICKSTART, "--out", b.toString(), "--quiet").exit());
        assertEquals(0, Cli.run("run", QUICKSTART, "--out", c.toString(), "--quiet", "--seed", "43").exit());
        for (String file : List.of("responses.csv", "agents.csv", "summary.json", "scenario.yaml", "report.html",
                "charts/correlations-simulated.svg")) {
            assertEquals(-1L, Files.mismatch(a.resolve(file), b.resolve(file)), file + " differs between runs");
        }
        // numbers in every results file are plain decimals (summary.json once wrote 9.999E-5)
        for (String file : List.of("summary.json", "manifest.json", "responses.csv", "agents.csv")) {
            assertFalse(Files.readString(a.resolve(file)).matches("(?s).*(?<![\\w.])-?\\d+(\\.\\d+)?[eE][-+]?\\d+(?![\\w.]).*"),
                    file + " has a number with an exponent");
        }
        assertTrue(Files.mismatch(a.resolve("responses.csv"), c.resolve("responses.csv")) >= 0,
                "another seed must give other answers");
        // the bootstrap intervals (seeded, so identical above) are real intervals around their estimates
        var summary = new com.fasterxml.jackson.databind.ObjectMapper().readTree(a.resolve("summary.json").toFile());
        for (String statistic : List.of("/human_agreement/tucker_phi", "/human_agreement/pearson_r", "/circumplex/rthor_ci")) {
            double estimate = summary.at(statistic).asDouble();
            var interval = summary.at(statistic + "_ci95");
            assertTrue(interval.get(0).asDouble() < estimate && estimate < interval.get(1).asDouble(),
                    statistic + " " + estimate + " in " + interval);
        }
        assertEquals(1000, summary.at("/human_agreement/bootstrap_resamples").asInt());
    }

    @Test
    void aReferenceOfAnotherInstrumentIsComparedOnTheValuesStructureAndSaysSo() throws Exception {
        Path scenario = dir.resolve("cross.yaml");
        Files.writeString(scenario, "name: cross\npopulation: {size: 300, preset: us-gss-2012}\ninstruments: [pvq21]\n"
                + "compare-to: us-pvq40\nstatistics: {permutations: 99, bootstrap: 200}\n");
        Cli validate = Cli.run("validate", scenario.toString());
        assertEquals(0, validate.exit(), validate.err());
        assertTrue(validate.out().contains("compare to: us-pvq40 (its people answered pvq40: the ten values' structure"),
                validate.out());
        Path out = dir.resolve("cross");
        Cli run = Cli.run("run", scenario.toString(), "--out", out.toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("centred value correlations vs us-pvq40: Pearson r = "), run.out());
        var summary = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals("pvq40", summary.at("/reference_instrument").asText());
        assertTrue(summary.at("/human_agreement/tucker_phi").asDouble() > 0.5, summary.toString());
        assertTrue(summary.at("/circumplex/human_rthor_ci").isNumber());
        assertTrue(summary.at("/value_means/power/human").isNumber(), "both answer on 6 points: the means compare");
        assertTrue(summary.at("/value_means/power/ks_d").isMissingNode(), "other items: no score distributions");
        assertTrue(summary.at("/reliability/power/human_alpha").isMissingNode());
        assertTrue(summary.at("/items").isMissingNode(), "no item-level comparison");
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("The human reference us-pvq40 answered pvq40, not pvq21"), html);
        assertEquals("completed", new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(out.resolve("manifest.json").toFile()).at("/status").asText());
    }

    @Test
    void badScenarioExitsTwoWithOneLineAndWritesNothing() throws Exception {
        Path scenario = dir.resolve("bad.yaml");
        Files.writeString(scenario, "name: x\npopulation:\n  size: 10\n  preset: nowhere\ninstruments: [pvq21]\n");
        Path out = dir.resolve("never");
        Cli cli = Cli.run("run", scenario.toString(), "--out", out.toString());
        assertEquals(2, cli.exit());
        assertEquals("error: " + scenario + ":4:11: population.preset: unknown preset 'nowhere'; built-in presets: "
                + "us-gss-2012, us-pvq40 (or a path to a .json preset)\n", cli.err());
        assertFalse(Files.exists(out));
        assertFalse(cli.err().contains("Exception"));
    }

    @Test
    void resultsAlreadyWrittenAreNeverOverwritten() throws Exception {
        Path out = dir.resolve("taken");
        Files.createDirectories(out);
        Files.writeString(out.resolve("responses.csv"), "precious");
        Cli cli = Cli.run("run", QUICKSTART, "--out", out.toString());
        assertEquals(2, cli.exit());
        assertTrue(cli.err().contains("exists and is not empty"), cli.err());
        assertEquals("precious", Files.readString(out.resolve("responses.csv")));
    }

    @Test
    void missingScenarioFileAndBadOptionsExitTwo() {
        Cli missing = Cli.run("run", dir.resolve("nope.yaml").toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("nope.yaml: no such file"), missing.err());
        assertEquals(2, Cli.run("run", QUICKSTART, "--seed", "many").exit());
        Cli both = Cli.run("run", QUICKSTART, "--no-cache", "--refresh-cache");
        assertEquals(2, both.exit());
        assertTrue(both.err().startsWith("error: --no-cache and --refresh-cache: choose one"), both.err());
        assertEquals(2, Cli.run("run").exit());
        assertEquals(2, Cli.run("frobnicate").exit());
        assertEquals(2, Cli.run().exit());
    }

    @Test
    void validatePrintsThePlanAndWritesNothing() throws Exception {
        Path before = Path.of("results");
        long runsBefore = Files.exists(before) ? Files.list(before).count() : 0;
        Cli cli = Cli.run("validate", QUICKSTART);
        assertEquals(0, cli.exit(), cli.err());
        assertTrue(cli.out().contains("population: 1,000 personas from preset us-gss-2012"), cli.out());
        assertTrue(cli.out().contains("answers: 21,000"), cli.out());
        assertEquals(runsBefore, Files.exists(before) ? Files.list(before).count() : 0);
    }

    @Test
    void validateFromTheLauncherPrintsTheWholeScenarioAsItWouldRun() throws Exception {
        // through main: its print writers flush on println only, so the last print must still come out
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Djava.io.tmpdir=" + dir,
                ValuesimCommand.class.getName(), "validate", QUICKSTART).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), output);
        assertTrue(output.endsWith("compare-to: us-gss-2012\nstatistics:\n  permutations: 10000\n  bootstrap: 1000\n"),
                output);
    }

    @Test
    void theReportIsSelfContainedHasEveryChartAndCanBeRebuilt() throws Exception {
        Path out = dir.resolve("report");
        assertEquals(0, Cli.run("run", QUICKSTART, "--out", out.toString(), "--quiet").exit());
        List<String> charts = List.of("circumplex", "correlations-simulated", "correlations-human", "value-means",
                "item-distributions");
        String html = Files.readString(out.resolve("report.html"));
        for (String chart : charts) {
            assertTrue(Files.size(out.resolve("charts/" + chart + ".png")) > 1000, chart);
            assertTrue(Files.readString(out.resolve("charts/" + chart + ".svg")).contains("<svg"), chart);
            assertTrue(html.contains("<svg id='" + chart + "'"), chart + " is inlined");
        }
        // self-contained: nothing is fetched when the page opens
        assertFalse(html.matches("(?s).*(src|href)=[\"'](https?:)?//.*"), "no external resources");
        assertTrue(html.contains("Tucker's phi") && html.contains("RTHOR") && html.contains("Scenario as run"));
        assertTrue(html.contains("RTHOR p (10,000 relabellings)") && html.contains("Mantel p (10,000 permutations)"), html);
        Files.delete(out.resolve("report.html"));
        Cli rebuilt = Cli.run("report", out.toString());
        assertEquals(0, rebuilt.exit(), rebuilt.err());
        assertEquals(html, Files.readString(out.resolve("report.html")));
        assertEquals(2, Cli.run("report", dir.toString()).exit(), "a folder that is not a run");
    }

    @Test
    void populationSampleWritesOnePersonaALineInHumanProportions() throws Exception {
        Path scenario = dir.resolve("hn.yaml");
        Files.writeString(scenario, "name: hn\npopulation: {size: 2000, strategy: human-naive}\ninstruments: [pvq21]\n");
        Path out = dir.resolve("personas.jsonl");
        Cli cli = Cli.run("population", "sample", scenario.toString(), "--out", out.toString());
        assertEquals(0, cli.exit(), cli.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals(2000, lines.size());
        long unprimed = lines.stream().filter(l -> l.contains("\"dominant_value\":null")).count();
        assertEquals(Math.round(0.567331 * 2000), unprimed);
        assertTrue(lines.get(0).startsWith("{\"id\":0,\"strategy\":\"human-naive\""), lines.get(0));
        Cli again = Cli.run("population", "sample", scenario.toString(), "--out", out.toString());
        assertEquals(2, again.exit(), "an existing file is never overwritten");
        assertEquals(2000, Files.readAllLines(out).size());
        Path sampled = dir.resolve("sampled.jsonl");
        assertEquals(0, Cli.run("population", "sample", QUICKSTART, "--out", sampled.toString()).exit());
        assertTrue(Files.readAllLines(sampled).get(0).contains("\"latent_values\":{\"self-direction\":"));
    }

    @Test
    void importedIndividualsBecomePersonasWithBackstoriesAndHeldOutItemsHidden() throws Exception {
        Path scenario = dir.resolve("ind.yaml");
        String data = Path.of("../data/us-gss-2012").toAbsolutePath().normalize().toString();
        Files.writeString(scenario, "name: ind\npopulation:\n  individuals:\n    data: " + data
                + "/gss2012_values_numeric.csv\n    codebook: " + data + "/codebook.yaml\n"
                + "    held-out: [pvq21-02]\ninstruments: [pvq21]\n");
        Path out = dir.resolve("ind.jsonl");
        Cli cli = Cli.run("population", "sample", scenario.toString(), "--out", out.toString());
        assertEquals(0, cli.exit(), cli.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals(1255, lines.size());
        var first = new com.fasterxml.jackson.databind.ObjectMapper().readTree(lines.get(0));
        assertEquals(20, first.get("profile").size(), "21 items, one held out");
        String backstory = first.get("backstory").asText();
        assertFalse(backstory.contains("to be rich"), "the held-out item is not shown");
        assertTrue(backstory.contains("being creative is important to her or him"), backstory);
        assertEquals(2, Cli.run("run", scenario.toString(), "--out", dir.resolve("r").toString()).exit());
        Files.writeString(scenario, Files.readString(scenario).replace("[pvq21-02]", "[pvq21-99]"));
        Cli bad = Cli.run("population", "sample", scenario.toString(), "--out", dir.resolve("b.jsonl").toString());
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains(":6:16: population.individuals.held-out[0]: no item or demographic 'pvq21-99'"), bad.err());
        Files.writeString(scenario, Files.readString(scenario).replace("[pvq21-99]", "[]\n    backstory: llm"));
        assertTrue(Cli.run("population", "sample", scenario.toString(), "--out", dir.resolve("c.jsonl").toString())
                .err().contains("population.individuals.backstory-model: the llm backstory writer needs a model"));
    }

    @Test
    void compareKeepsSixSignificantDigitsOfTinyNumbers() {
        assertEquals("0.00000551146", CompareCommand.number(20 / 3_628_800.0));
        assertEquals("-0.000000826719", CompareCommand.number(-3 / 3_628_801.0));
        assertEquals("0.123457", CompareCommand.number(0.1234567));
        assertEquals("0", CompareCommand.number(0));
    }

    @Test
    void compareShowsBothRunsAndTheDifference() throws Exception {
        Path a = dir.resolve("ca");
        Path b = dir.resolve("cb");
        assertEquals(0, Cli.run("run", QUICKSTART, "--out", a.toString(), "--quiet").exit());
        assertEquals(0, Cli.run("run", QUICKSTART, "--out", b.toString(), "--quiet", "--seed", "7").exit());
        Cli cli = Cli.run("compare", a.toString(), b.toString());
        assertEquals(0, cli.exit(), cli.err());
        assertTrue(cli.out().lines().anyMatch(l -> l.matches("seed\\s+42\\s+7\\s+-35")), cli.out());
        assertTrue(cli.out().contains("human_agreement.tucker_phi"), cli.out());
        // the quickstart's p-values are the smallest 10,000 relabellings give: 1/10,001
        assertTrue(cli.out().lines().anyMatch(l -> l.matches("circumplex\\.rthor_p\\s+0\\.00009999\\s+0\\.00009999\\s+0")),
                cli.out());
        // every element of every list, the matrices by value
        for (String row : List.of("value_means\\.universalism\\.simulated_ci95\\[2\\]",
                "value_correlation\\.simulated\\[self-direction\\]\\[stimulation\\]",
                "circumplex\\.mds\\.human\\[power\\]\\[1\\]", "human_agreement\\.tucker_phi_ci95\\[1\\]",
                "items\\.pvq21-01\\.simulated\\[6\\]")) {
            assertTrue(cli.out().lines().anyMatch(l -> l.matches(row + "\\s+-?[0-9.]+\\s+-?[0-9.]+\\s+-?[0-9.]+")), row);
        }
        assertEquals(2, Cli.run("compare", a.toString(), dir.resolve("none").toString()).exit());
        Path broken = Files.createDirectories(dir.resolve("broken"));
        Files.writeString(broken.resolve("summary.json"), "{\"scenario\": \"x\", \"agents\": \"many\"}");
        Cli unreadable = Cli.run("compare", a.toString(), broken.toString());
        assertEquals(2, unreadable.exit());
        assertTrue(unreadable.err().startsWith("error: " + broken.resolve("summary.json") + ": not a valuesim results file"),
                unreadable.err());
    }

    @Test
    void benchDilemmasMeasuresBothLoopsOnTheSameNetwork() {
        Cli cli = Cli.run("bench", "dilemmas", "--agents", "2000", "--rounds", "2", "--repeats", "1");
        assertEquals(0, cli.exit(), cli.err());
        assertTrue(cli.out().contains("network: 2,000 agents, 6,000 ties"), cli.out());
        assertTrue(cli.out().contains("\"agents\":2000,\"rounds\":2,\"bare_mason_steps_per_second\":"), cli.out());
        // a population of average people contributes about half the endowment (the value rule's baseline)
        assertTrue(cli.out().matches("(?s).*\\(mean cooperation 0\\.(4[5-9]|5[0-5])\\d\\).*"), cli.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "run", "study", "validate", "report", "compare", "bench", "bench individuals", "bench dilemmas", "population",
        "population sample", "cache", "cache stats", "cache clear", "cache export", "preset",
        "preset list", "preset show",
        "preset build"})
    void everyCommandHasHelp(String command) {
        String[] args = (command + " --help").trim().split(" ");
        Cli cli = Cli.run(args);
        assertEquals(0, cli.exit(), cli.err());
        assertTrue(cli.out().startsWith("Usage: valuesim"), cli.out());
    }

    @Test
    void aCommandLineThatNamesACommandGetsThatOneAndAnyOtherGetsThemAll() {
        List<String> all = List.of("run", "study", "validate", "report", "compare", "bench", "population", "cache",
                "estimate", "check-model", "preset", "worker", "help");
        assertEquals(List.of("run"), List.copyOf(ValuesimCommand.commandLine(new String[] {"run", "x.yaml"})
                .getSubcommands().keySet()));
        for (String[] args : new String[][] {{}, {"--help"}, {"help", "run"}, {"rnu"}}) {
            assertEquals(all, List.copyOf(ValuesimCommand.commandLine(args).getSubcommands().keySet()),
                    String.join(" ", args));
        }
        Cli help = Cli.run("--help");
        assertEquals(0, help.exit(), help.err());
        assertTrue(help.out().matches("(?s).*\n  run +.*\n  study +.*\n  validate +.*\n  help +.*"), help.out());
        Cli typo = Cli.run("rnu");
        assertEquals(2, typo.exit());
        assertTrue(typo.err().startsWith("error: Unmatched argument at index 0: 'rnu'"), typo.err());
    }

    @Test
    void versionNamesValuesimMasonAndJava() {
        Cli cli = Cli.run("--version");
        assertEquals(0, cli.exit());
        assertTrue(cli.out().matches("(?s)valuesim \\S+\nMASON 18.0\nJava .*"), cli.out());
    }

    @Test
    void presetCommands() throws Exception {
        Cli list = Cli.run("preset", "list");
        assertEquals(0, list.exit());
        assertTrue(list.out().startsWith("us-gss-2012"), list.out());
        Cli show = Cli.run("preset", "show", "us-gss-2012");
        assertEquals(0, show.exit());
        assertTrue(show.out().contains("benevolence") && show.out().contains("1,255 respondents"), show.out());
        assertEquals(2, Cli.run("preset", "show", "atlantis").exit());
        Path out = dir.resolve("presets");
        Cli build = Cli.run("preset", "build", "--data", "../data/us-gss-2012/gss2012_values_numeric.csv",
                "--codebook", "../data/us-gss-2012/codebook.yaml", "--out", out.toString());
        assertEquals(0, build.exit(), build.err());
        assertEquals(Files.readString(Path.of("../populations/src/main/resources/presets/us-gss-2012.json")),
                Files.readString(out.resolve("us-gss-2012.json")));
        // one preset per group: the GSS rows split by an added column
        List<String> gss = Files.readAllLines(Path.of("../data/us-gss-2012/gss2012_values_numeric.csv"));
        StringBuilder grouped = new StringBuilder(gss.get(0) + ",\"half\"\n");
        for (int r = 1; r < gss.size(); r++) {
            grouped.append(gss.get(r)).append(r <= 600 ? ",First\n" : ",Second Half\n");
        }
        Path groupedFile = dir.resolve("grouped.csv");
        Files.writeString(groupedFile, grouped);
        Cli groups = Cli.run("preset", "build", "--data", groupedFile.toString(), "--codebook",
                "../data/us-gss-2012/codebook.yaml", "--group", "half", "--out", out.toString());
        assertEquals(0, groups.exit(), groups.err());
        assertTrue(Files.readString(out.resolve("us-gss-2012-first.json")).contains("\"respondents\" : 600"));
        assertTrue(Files.readString(out.resolve("us-gss-2012-second-half.json")).contains("\"respondents\" : 655"));
        assertTrue(list.out().contains("us-pvq40"), list.out());
        Cli badData = Cli.run("preset", "build", "--data", "../data/us-gss-2012/codebook.yaml",
                "--codebook", "../data/us-gss-2012/codebook.yaml", "--out", out.toString());
        assertEquals(2, badData.exit());
        Path brokenBook = dir.resolve("broken.yaml");
        Files.writeString(brokenBook, Files.readString(Path.of("../data/us-gss-2012/codebook.yaml"))
                .replace("answers: {min: 1, max: 6, reversed: false}", "answers: {min: 1, max: six, reversed: false}"));
        Cli broken = Cli.run("preset", "build", "--data", "../data/us-gss-2012/gss2012_values_numeric.csv",
                "--codebook", brokenBook.toString(), "--out", out.toString());
        assertEquals(2, broken.exit());
        assertTrue(broken.err().matches("error: " + java.util.regex.Pattern.quote(brokenBook.toString())
                + ":15:\\d+: answers.max: expected a whole number.*\n"), broken.err());
    }
}
