package org.valuesim.scenarios.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.valuesim.populations.preset.PresetCatalog;
import org.valuesim.scenarios.catalog.InstrumentCatalog;
import org.valuesim.scenarios.run.Planner;

/** Every kind of bad scenario gives one line: file:line:column: field.path: what was expected. */
class ScenarioLoaderTest {

    static final String GOOD = """
            name: t
            seed: 3
            population:
              size: 10
              preset: us-gss-2012
            instruments: [pvq21]
            """;

    @TempDir
    Path dir;

    private String problem(String yaml) throws Exception {
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, yaml);
        InputException e = assertThrows(InputException.class, () -> {
            var loaded = new ScenarioLoader().load(file);
            new Planner(new PresetCatalog(), new InstrumentCatalog()).plan(loaded, null);
        });
        String message = e.getMessage();
        assertFalse(message.contains("\n"), "one line: " + message);
        assertTrue(message.startsWith(file.toString()), message);
        return message.substring(file.toString().length());
    }

    @Test
    void aGoodScenarioLoadsWithDefaultsFilledIn() throws Exception {
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, GOOD);
        ScenarioFile loaded = new ScenarioLoader().load(file);
        assertEquals("sampled", loaded.asRunYaml().replaceAll("(?s).*strategy: (\\S+).*", "$1"));
        assertTrue(loaded.asRunYaml().contains("kind: psychometric"), loaded.asRunYaml());
        assertTrue(loaded.asRunYaml().contains("compare-to: us-gss-2012"), loaded.asRunYaml());
        var plan = new Planner(new PresetCatalog(), new InstrumentCatalog()).plan(loaded, null);
        assertEquals(3, plan.seed());
        assertEquals(21, plan.answersPerAgent());
        assertTrue(loaded.asRunYaml().endsWith("statistics:\n  permutations: 10000\n  bootstrap: 1000\n"),
                loaded.asRunYaml());
        assertEquals(10_000, plan.permutations());
        assertEquals(1_000, plan.bootstrap());
    }

    @Test
    void thePermutationCountIsTheScenariosAndChecked() throws Exception {
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, GOOD + "statistics: {permutations: 3628800}\n");
        assertEquals(3_628_800, new Planner(new PresetCatalog(), new InstrumentCatalog())
                .plan(new ScenarioLoader().load(file), null).permutations());
        assertEquals(":7:28: statistics.permutations: must be between 99 and 10000000, got 10",
                problem(GOOD + "statistics: {permutations: 10}\n"));
        assertEquals(":7:14: statistics.permits: unknown field; expected one of: bootstrap, permutations",
                problem(GOOD + "statistics: {permits: 10}\n"));
        assertEquals(":7:25: statistics.bootstrap: must be 0 (no intervals) or between 200 and 1000000, got 50",
                problem(GOOD + "statistics: {bootstrap: 50}\n"));
        Files.writeString(file, GOOD + "statistics: {bootstrap: 0}\n");
        assertEquals(0, new Planner(new PresetCatalog(), new InstrumentCatalog())
                .plan(new ScenarioLoader().load(file), null).bootstrap(), "0: no intervals");
    }

    @Test
    void unknownField() throws Exception {
        assertEquals(":4:3: population.sise: unknown field; expected one of: demographics, individuals, no-dominant-share, "
                + "preset, size, strategy",
                problem(GOOD.replace("  size: 10", "  sise: 10")));
    }

    @Test
    void missingRequiredField() throws Exception {
        String m = problem(GOOD.replace("  size: 10\n", ""));
        assertTrue(m.matches(":\\d+:\\d+: population\\.size: missing required field"), m);
        assertEquals(": name: missing required field", problem(GOOD.replace("name: t\n", "")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ten|:4:9: population.size: expected a whole number",
        "10.5|:4:9: population.size: expected a whole number",
        "99999999999999|:4:9: population.size: number out of range",
        "[1, 2]|:4:3: population.size: expected a whole number, got a list"})
    void wrongTypes(String value, String expected) throws Exception {
        String m = problem(GOOD.replace("size: 10", "size: " + value));
        assertTrue(m.startsWith(expected), m);
    }

    @Test
    void unknownEnumValueListsTheAcceptedOnes() throws Exception {
        String m = problem(GOOD + "respondent:\n  kind: oracle\n");
        assertTrue(m.startsWith(":8:9: respondent.kind: expected one of psychometric, semantic, naive, value-prompt"), m);
    }

    @Test
    void unknownPresetInstrumentAndReference() throws Exception {
        assertTrue(problem(GOOD.replace("preset: us-gss-2012", "preset: mars-2090"))
                .startsWith(":5:11: population.preset: unknown preset 'mars-2090'; built-in presets: us-gss-2012, us-pvq40"));
        assertTrue(problem(GOOD.replace("[pvq21]", "[pvq21, mmpi]"))
                .startsWith(":6:22: instruments[1]: unknown instrument 'mmpi'"));
        assertTrue(problem(GOOD + "compare-to: venus\n").startsWith(":7:13: compare-to: unknown preset 'venus'"));
    }

    @Test
    void respondentsThatCannotAnswerThisPopulationAreRefusedNotIgnored() throws Exception {
        assertEquals(":8:9: respondent.kind: 'rag' answers from an imported individual's profile: give "
                + "population.individuals", problem(GOOD + "respondent:\n  kind: rag\n"));
        assertEquals(":7:1: respondent: the value-prompt respondent needs a model: a key of models",
                problem(GOOD + "respondent:\n  kind: value-prompt\n"));
    }

    @Test
    void valuePromptedStrategiesNeedALanguageModelRespondent() throws Exception {
        String m = problem(GOOD.replace("  preset: us-gss-2012", "  preset: us-gss-2012\n  strategy: human-naive"));
        assertTrue(m.startsWith(":6:13: population.strategy: 'human-naive' makes value-prompted personas"), m);
    }

    static final String MODEL = "models:\n  m: {provider: openai-compatible, base-url: \"http://127.0.0.1:9/v1\", "
            + "model: x}\n";

    @Test
    void theNoDominantShareIsCheckedAndOnlyForTheMixesThatUseIt() throws Exception {
        String naive = GOOD.replace("  preset: us-gss-2012", "  preset: us-gss-2012\n  strategy: human-naive\n"
                + "  no-dominant-share: %s") + "respondent: {kind: value-prompt, model: m}\n" + MODEL;
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, naive.formatted("0.53"));
        var plan = new Planner(new PresetCatalog(), new InstrumentCatalog()).plan(new ScenarioLoader().load(file), null);
        assertEquals(5, plan.strategy().sample(plan.preset(), 10, 1).stream().filter(p -> p.dominant() == null).count());
        assertEquals(":7:22: population.no-dominant-share: a share of people: at least 0 and below 1, got 1.2",
                problem(naive.formatted("1.2")));
        assertEquals(":7:22: population.no-dominant-share: only human-naive and human-even use the share of people "
                + "with no dominant value; 'uniform' would ignore it",
                problem(naive.formatted("0.5").replace("human-naive", "uniform")));
    }

    @Test
    void theProtocolIsForModelBackedRespondentsAndPaperPromptFilesAreChecked() throws Exception {
        assertEquals(":7:44: respondent.protocol: a protocol is for model-backed respondents; the psychometric "
                + "respondent has one way of answering", problem(GOOD + "respondent: {kind: psychometric, protocol: paper}\n"));
        Files.writeString(dir.resolve("mine.txt"), "Profile: {user_profile}\n{question_text_with_options}");
        String m = problem(GOOD + "respondent: {kind: naive, model: m, protocol: paper, prompts: {paper-naive: mine.txt}}\n"
                + MODEL);
        assertTrue(m.startsWith(":7:77: respondent.prompts.paper-naive: " + dir.resolve("mine.txt")
                + " uses {user_profile}, which paper-naive does not fill; it may use {question_text_with_options}"), m);
        Files.writeString(dir.resolve("story.txt"), "Write a story.");
        String story = problem(GOOD + "respondent: {kind: naive, model: m, protocol: paper, prompts: {paper-story: story.txt}}\n"
                + MODEL);
        assertTrue(story.endsWith("does not use {profile_text}, which paper-story needs"), story);
    }

    @Test
    void underThePaperProtocolTheRagThresholdIsWrittenOutAsNoFilter() throws Exception {
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, GOOD.replace("  size: 10\n  preset: us-gss-2012\n", "  individuals: {data: d.csv, codebook: c.yaml}\n")
                + "respondent: {kind: rag, model: m, protocol: paper}\n" + MODEL);
        String yaml = new ScenarioLoader().load(file).asRunYaml();
        assertTrue(yaml.contains("threshold: -1.0\n  protocol: paper"), yaml);
        Files.writeString(file, Files.readString(file).replace("protocol: paper", "protocol: valuesim"));
        assertTrue(new ScenarioLoader().load(file).asRunYaml().contains("threshold: 0.3\n  protocol: valuesim"));
    }

    /** Populations draw each answer from its distribution; imported individuals (predictions scored top-1) take argmax. */
    @Test
    void theChoiceDefaultsToADrawForPopulationsAndArgmaxForImportedIndividuals() throws Exception {
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, GOOD + "respondent: {kind: value-prompt, model: m}\n" + MODEL);
        assertEquals(Scenario.Choice.DRAW, new ScenarioLoader().load(file).scenario().respondent().choice());
        Files.writeString(file, GOOD.replace("  size: 10\n  preset: us-gss-2012\n", "  individuals: {data: d.csv, codebook: c.yaml}\n")
                + "respondent: {kind: rag, model: m}\n" + MODEL);
        assertEquals(Scenario.Choice.ARGMAX, new ScenarioLoader().load(file).scenario().respondent().choice());
        Files.writeString(file, Files.readString(file).replace("kind: rag,", "kind: rag, choice: draw,"));
        assertEquals(Scenario.Choice.DRAW, new ScenarioLoader().load(file).scenario().respondent().choice(),
                "a choice the scenario gives is kept");
    }

    /** accuracy: scores imported individuals; what it cannot combine with is one located line. */
    @Test
    void accuracyIsForImportedIndividualsAndItsSettingsAreChecked() throws Exception {
        assertEquals(":7:1: accuracy: individual-level accuracy predicts imported people's own answers: give "
                + "population.individuals", problem(GOOD + "accuracy: {folds: 5}\n"));
        String people = "name: t\npopulation:\n  individuals: {data: "
                + Path.of("examples/data/gss-individuals.csv").toAbsolutePath() + ", codebook: "
                + Path.of("../data/us-gss-2012/codebook.yaml").toAbsolutePath().normalize() + "}\n"
                + "respondent: {kind: semantic}\n";
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, people + "accuracy: {}\n");
        var plan = new Planner(new PresetCatalog(), new InstrumentCatalog()).plan(new ScenarioLoader().load(file), null);
        assertEquals(new Scenario.Accuracy(5, 10, 16), plan.accuracy(), "defaults; no instruments: the codebook's");
        assertEquals("pvq21", plan.instruments().get(0).id());
        assertEquals(":5:19: accuracy.folds: must be between 2 and 100, got 1; cross-validation needs at least 2 folds",
                problem(people + "accuracy: {folds: 1}\n"));
        assertTrue(problem(people.replace("}\nrespondent", ", held-out: [pvq21-01]}\nrespondent") + "accuracy: {}\n")
                .endsWith("population.individuals.held-out: an accuracy run holds out each fold of every person in "
                        + "turn; leave held-out out"));
    }

    @Test
    void dilemmaFieldsAreCheckedWhereTheyStand() throws Exception {
        String d = GOOD + "dilemmas:\n";
        assertEquals(":8:34: dilemmas[0].multiplier: only public-goods has a multiplier, not dictator",
                problem(d + "  - {kind: dictator, multiplier: 2}\n"));
        assertEquals(":8:34: dilemmas[0].rounds: must be between 1 and 1000, got 0",
                problem(d + "  - {kind: public-goods, rounds: 0}\n"));
        assertEquals(":8:45: dilemmas[0].memory: must be between 1 and the rounds (3), got 4",
                problem(d + "  - {kind: public-goods, rounds: 3, memory: 4}\n"));
        assertEquals(":8:26: dilemmas[0].network: degree must be an even number of at least 2, got 3",
                problem(d + "  - {kind: public-goods, network: {kind: ring, degree: 3}}\n"));
        assertEquals(":8:58: dilemmas[0].network.m: only scale-free networks have m, not small-world",
                problem(d + "  - {kind: public-goods, network: {kind: small-world, m: 2}}\n"));
        assertTrue(problem(d + "  - {kind: prisoners-dilemma, endowment: 5}\n")
                .contains("dilemmas[0].endowment: a prisoner's dilemma has no endowment"));
        assertTrue(problem(d + "  - {kind: donation, causes: [{id: a, label: A, serves: kindness}]}\n")
                .contains("dilemmas[0].causes[0].serves: 'kindness' is not a Schwartz value"));
        assertTrue(problem(d + "  - {kind: dictator}\n  - {kind: dictator, id: dictator}\n")
                .contains("dilemmas[1].id: two dilemmas are named 'dictator'"));
        assertTrue(problem(d.replace("size: 10", "size: 6000") + "  - {kind: public-goods, network: {kind: complete}}\n")
                .contains("a complete network over 6000 agents"));
        assertTrue(problem(d + "  - {kind: trust-game}\n").contains("dilemmas[0].kind"));
    }

    @Test
    void defaultsOfDilemmasAreWrittenOut() throws Exception {
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, GOOD + "dilemmas:\n  - kind: public-goods\n  - kind: public-goods\n");
        ScenarioFile loaded = new ScenarioLoader().load(file);
        String yaml = loaded.asRunYaml();
        assertTrue(yaml.contains("id: public-goods\n") && yaml.contains("id: public-goods-2"), yaml);
        assertTrue(yaml.contains("multiplier: 3.0") && yaml.contains("rewire: 0.1") && yaml.contains("rounds: 10"), yaml);
        assertTrue(yaml.contains("rounds: 10\n  memory: 1\n"), yaml);
        var plan = new Planner(new PresetCatalog(), new InstrumentCatalog()).plan(loaded, null);
        assertEquals(20, plan.movesPerAgent());
    }

    @Test
    void outOfRangeSize() throws Exception {
        assertEquals(":4:9: population.size: must be between 1 and 10000000, got -5",
                problem(GOOD.replace("size: 10", "size: -5")));
    }

    @Test
    void yamlSyntaxErrorIsLocated() throws Exception {
        String m = problem(GOOD.replace("instruments: [pvq21]", "instruments: [pvq21"));
        assertTrue(m.matches(":\\d+:\\d+: YAML syntax error: .*"), m);
        String dup = problem(GOOD + "seed: 4\n");
        assertEquals(":7:5: the field 'seed' appears twice", dup);
    }

    @Test
    void emptyAndBinaryFiles() throws Exception {
        assertEquals(": the file is empty", problem("  \n"));
        Path file = dir.resolve("s.yaml");
        Files.write(file, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2, (byte) 0x80});
        InputException e = assertThrows(InputException.class, () -> new ScenarioLoader().load(file));
        assertEquals(file + ": a UTF-16 text file; save it as UTF-8", e.getMessage());
        assertTrue(problem("- just\n- a list\n").contains(": expected a mapping of scenario fields (name, population, ...), got a list"));
    }
}
