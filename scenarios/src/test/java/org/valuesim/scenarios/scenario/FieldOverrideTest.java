package org.valuesim.scenarios.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.valuesim.populations.preset.PresetCatalog;
import org.valuesim.scenarios.catalog.InstrumentCatalog;
import org.valuesim.scenarios.run.Planner;

/** Field overrides (--set, a study's conditions) are applied before binding and checked like fields of the file. */
class FieldOverrideTest {

    static final String SCENARIO = """
            name: t
            population:
              size: 10
              strategy: uniform
            respondent: {kind: value-prompt, model: local}
            models:
              local: {provider: openai-compatible, base-url: "http://localhost:8000/v1", model: m}
            instruments: [pvq21]
            dilemmas:
              - kind: public-goods
            """;

    @TempDir
    Path dir;

    private ScenarioFile load(String... sets) throws Exception {
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, SCENARIO);
        List<FieldOverride> overrides = new ArrayList<>();
        for (String set : sets) {
            overrides.add(FieldOverride.parse(set, Origin.argument()));
        }
        ScenarioFile loaded = new ScenarioLoader().load(file, overrides);
        new Planner(new PresetCatalog(), new InstrumentCatalog()).plan(loaded, null);
        return loaded;
    }

    private String problem(String... sets) {
        InputException e = assertThrows(InputException.class, () -> load(sets));
        assertTrue(!e.getMessage().contains("\n"), e.getMessage());
        return e.getMessage();
    }

    @Test
    void overriddenValuesAreTheScenarioAsRun() throws Exception {
        String yaml = load("models.local.base-url=http://gpu1:8000/v1", "population.size=500", "dilemmas.0.rounds=5",
                "instruments=[pvq21, ipip-big5]", "dilemmas[0].network={kind: ring, degree: 4}").asRunYaml();
        assertTrue(yaml.contains("base-url: http://gpu1:8000/v1\n"), yaml);
        assertTrue(yaml.contains("  size: 500\n"), yaml);
        assertTrue(yaml.contains("  rounds: 5\n"), yaml);
        assertTrue(yaml.contains("instruments:\n- pvq21\n- ipip-big5\n"), yaml);
        assertTrue(yaml.contains("    kind: ring\n    degree: 4\n"), yaml);
    }

    @Test
    void fieldsTheFileLacksCanBeAddedAndNullRemovesOne() throws Exception {
        String yaml = load("compare-to=us-gss-2012", "statistics.permutations=999", "cache=my-cache.db",
                "dilemmas.1={kind: dictator}", "population.demographics.gender=\"2\"").asRunYaml();
        assertTrue(yaml.contains("compare-to: us-gss-2012\n"), yaml);
        assertTrue(yaml.contains("statistics:\n  permutations: 999\n"), yaml);
        assertTrue(yaml.contains("cache: my-cache.db\n"), yaml);
        assertTrue(yaml.contains("id: dictator\n"), yaml);
        assertTrue(yaml.contains("demographics:\n    gender: \"2\"\n"), yaml);
        assertTrue(load("dilemmas=null").asRunYaml().indexOf("dilemmas") < 0);
        assertTrue(load("population.strategy=~").asRunYaml().contains("strategy: sampled"), "the default again");
        // a later override wins, also over one of its parent's fields
        assertTrue(load("population.size=7", "population={size: 8, strategy: uniform}").asRunYaml().contains("size: 8\n"));
        assertTrue(load("population={size: 8, strategy: uniform}", "population.size=9").asRunYaml().contains("size: 9\n"));
    }

    @Test
    void anOverrideIsCheckedLikeTheFileAndTheErrorNamesIt() {
        assertEquals("--set models.local.base-urll: unknown field; expected one of: " + KnownFields.of(Scenario.Model.class),
                problem("models.local.base-urll=http://gpu1:8000/v1"));
        assertEquals("--set populaton: unknown field; expected one of: " + KnownFields.of(Scenario.class),
                problem("populaton.size=5"));
        assertEquals("--set population.size: expected a whole number, got 'many'", problem("population.size=many"));
        assertEquals("--set population.size: must be between 1 and 10000000, got 0", problem("population.size=0"));
        assertEquals("--set dilemmas[0].rounds: must be between 1 and 1000, got 5000", problem("dilemmas.0.rounds=5000"));
        assertEquals("--set population.strategy: expected one of uniform, human-naive, human-even, human-normalized, "
                + "sampled, got 'h-even'", problem("population.strategy=h-even"));
        assertEquals("--set name: missing required field", problem("name=null"));
        assertEquals("--set instruments[1]: unknown instrument 'pvq22'; built-in instruments: pvq21, ipip-big5, "
                + "wvs-sample (or a path to a .yaml instrument, or codebook for the questions the population's people "
                + "answered)", problem("instruments=[pvq21, pvq22]"));
        assertEquals("--set dilemmas[0].network: degree must be an even number of at least 2, got 5",
                problem("dilemmas.0.network={kind: ring, degree: 5}"));
    }

    @Test
    void pathsThatCannotBeFollowedAreRefusedWithWhatIsThere() {
        assertEquals("--set models.locl: models has no entry 'locl' (it has: local); to add one, give it whole: "
                + "models.locl={...}", problem("models.locl.base-url=http://gpu1:8000/v1"));
        assertEquals("--set dilemmas[3]: dilemmas has 1 entry: use an index from 0 to 0, or 1 to add one at the end",
                problem("dilemmas.3.rounds=5"));
        assertEquals("--set dilemmas: dilemmas is a list: 'first' is not an index (0 to 1)", problem("dilemmas.first.rounds=5"));
        assertEquals("--set name: name is 't', which has no field 'x'", problem("name.x=1"));
        assertTrue(problem("population..size=5").startsWith("--set population..size: not a field path (an empty "
                + "segment); write the keys as in the file joined by dots"));
        assertEquals("--set population.size: expected PATH=VALUE, e.g. population.size=500", problem("population.size"));
        assertTrue(problem("instruments=[pvq21").startsWith("--set instruments: the value '[pvq21' is not a YAML value ("),
                problem("instruments=[pvq21"));
    }

    @Test
    void theFilesOwnMistakesAreStillLocatedInTheFile() throws Exception {
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, SCENARIO.replace("  size: 10", "  sise: 10"));
        InputException e = assertThrows(InputException.class, () -> new ScenarioLoader().load(file,
                List.of(FieldOverride.parse("population.strategy=uniform", Origin.argument()))));
        assertEquals(file + ":3:3: population.sise: unknown field; expected one of: "
                + KnownFields.of(Scenario.Population.class), e.getMessage());
    }

    /** A study applies its conditions through the same API; its errors name the study file's place and condition. */
    @Test
    void overridesFromAStudyFileNameTheirPlaceAndCondition() throws Exception {
        Path study = dir.resolve("study.yaml");
        Origin origin = Origin.inFile(study, 12, 7, "conditions[2] (h-even)");
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, SCENARIO);
        InputException e = assertThrows(InputException.class, () -> new ScenarioLoader().load(file,
                List.of(new FieldOverride("population.strategy", TextNode.valueOf("h-even"), origin))));
        assertEquals(study + ":12:7: conditions[2] (h-even): population.strategy: expected one of uniform, human-naive, "
                + "human-even, human-normalized, sampled, got 'h-even'", e.getMessage());
    }

    /** A scenario written inside a study file reads and reports its lines like a scenario file. */
    @Test
    void aScenarioInsideAnotherFileIsLocatedThere() throws Exception {
        Path study = dir.resolve("study.yaml");
        Files.writeString(study, "replicates: 2\nbase:\n" + SCENARIO.replace("  size: 10", "  size: 0").indent(2));
        Document base = StrictReader.yaml().parse(study).at("/base");
        ScenarioFile loaded = new ScenarioLoader().load(base, List.of());
        InputException e = assertThrows(InputException.class,
                () -> new Planner(new PresetCatalog(), new InstrumentCatalog()).plan(loaded, null));
        assertEquals(study + ":5:11: population.size: must be between 1 and 10000000, got 0", e.getMessage());
        Files.writeString(study, "base:\n" + SCENARIO.replace("name: t\n", "").indent(2));
        InputException missing = assertThrows(InputException.class,
                () -> new ScenarioLoader().load(StrictReader.yaml().parse(study).at("/base"), List.of()));
        assertEquals(study + ":1:1: name: missing required field", missing.getMessage());
    }
}
