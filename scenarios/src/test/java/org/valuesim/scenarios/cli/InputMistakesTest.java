package org.valuesim.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.valuesim.core.instrument.Instrument;
import org.valuesim.core.instrument.Item;
import org.valuesim.core.respond.Prompts;
import org.valuesim.populations.preset.Preset;
import org.valuesim.populations.survey.Codebook;
import org.valuesim.scenarios.scenario.KnownFields;
import org.valuesim.scenarios.scenario.Scenario;

/**
 * The mistakes people make by hand in each kind of file valuesim reads (scenario, instrument, codebook, survey
 * CSV, preset JSON, prompt files), each with the one line the user must see: the file, the line and column of
 * the offending key or value, the field path and what was expected. Every one exits 2 and writes nothing.
 */
class InputMistakesTest {

    static final Path GSS_DATA = Path.of("../data/us-gss-2012/gss2012_values_numeric.csv");

    @TempDir
    Path dir;

    /** Runs the command line and checks the refusal: exit 2, one line, exactly {@code expected}, nothing written. */
    private void refused(String expected, Path mustNotExist, String... args) {
        Cli cli = Cli.run(args);
        String shown = String.join(" ", args) + " -> exit " + cli.exit() + ": " + cli.err();
        assertEquals(2, cli.exit(), shown);
        assertEquals("error: " + expected, cli.err().strip(), shown);
        assertEquals(1, cli.err().strip().lines().count(), shown);
        assertFalse(mustNotExist != null && Files.exists(mustNotExist), "nothing written: " + shown);
    }

    /** The text with {@code from} (which must be in it) replaced by {@code to}. */
    static String mistake(String text, String from, String to) {
        assertTrue(text.contains(from), "the good file has " + from);
        return text.replace(from, to);
    }

    // ---- the command line ---------------------------------------------------------------------------------

    static Stream<Arguments> commandLineMistakes() {
        String data = GSS_DATA.toString();
        String codebook = "../data/us-gss-2012/codebook.yaml";
        return Stream.of(
            Arguments.of(new String[] {"bench", "dilemmas", "--agents", "0"}, "--agents: must be between 7 and 10000000, "
                + "got 0 (a small-world network of degree 6 needs more than 6 agents)"),
            Arguments.of(new String[] {"bench", "dilemmas", "--rounds", "0"}, "--rounds: must be between 1 and 1000, got 0"),
            Arguments.of(new String[] {"bench", "dilemmas", "--repeats", "-1"}, "--repeats: must be between 1 and 100, got -1"),
            Arguments.of(new String[] {"bench", "dilemmas", "--agents", "many"}, "Invalid value for option '--agents': "
                + "'many' is not a whole number (see valuesim bench dilemmas --help)"),
            Arguments.of(new String[] {"bench", "dilemmas", "--agents", "99999999999"}, "Invalid value for option "
                + "'--agents': '99999999999' is not a whole number (see valuesim bench dilemmas --help)"),
            Arguments.of(new String[] {"bench", "individuals", "--data", data, "--codebook", codebook, "--respondent",
                "majority", "--folds", "1"}, "--folds: must be between 2 and 100, got 1 (cross-validation needs at least "
                + "2 folds)"),
            Arguments.of(new String[] {"bench", "individuals", "--data", data, "--codebook", codebook, "--respondent",
                "knn", "--neighbours", "0"}, "--neighbours: must be between 1 and 10000, got 0"),
            Arguments.of(new String[] {"bench", "individuals", "--data", data, "--codebook", codebook, "--respondent",
                "majority", "--parallel", "0"}, "--parallel: must be between 1 and 10000, got 0"),
            Arguments.of(new String[] {"run", "s.yaml", "--seed", "many"}, "Invalid value for option '--seed': 'many' is "
                + "not a whole number (see valuesim run --help)"),
            Arguments.of(new String[] {"run"}, "Missing required parameter: 'SCENARIO.yaml' (see valuesim run --help)"),
            Arguments.of(new String[] {"run", "s.yaml", "--bogus"}, "Unknown option: '--bogus' (see valuesim run --help)"),
            Arguments.of(new String[] {"frobnicate"}, "Unmatched argument at index 0: 'frobnicate' (see valuesim --help)"),
            Arguments.of(new String[] {}, "name a command (see valuesim --help)"));
    }

    @ParameterizedTest
    @MethodSource("commandLineMistakes")
    void commandLineMistakesAreOneLine(String[] args, String expected) {
        refused(expected, null, args);
    }

    // ---- scenarios ------------------------------------------------------------------------------------------

    static final String SCENARIO = """
            name: table
            seed: 7
            population:
              size: 50
              preset: us-gss-2012
              strategy: uniform
            respondent:
              kind: value-prompt
              model: local
            models:
              local:
                provider: openai-compatible
                base-url: http://127.0.0.1:9/v1
                model: m
            instruments: [pvq21]
            dilemmas:
              - kind: public-goods
                rounds: 3
                network: {kind: small-world, degree: 4, rewire: 0.1}
            statistics:
              permutations: 999
            """;

    static Stream<Arguments> scenarioMistakes() {
        return Stream.of(
            Arguments.of("  size: 50", "  sise: 50",
                ":4:3: population.sise: unknown field; expected one of: " + KnownFields.of(Scenario.Population.class)),
            Arguments.of("  strategy: uniform", "  stratgy: uniform",
                ":6:3: population.stratgy: unknown field; expected one of: " + KnownFields.of(Scenario.Population.class)),
            Arguments.of("    base-url: http", "    base-urll: http",
                ":13:5: models.local.base-urll: unknown field; expected one of: " + KnownFields.of(Scenario.Model.class)),
            Arguments.of("  size: 50", "\tsize: 50", ":4:1: a tab character; YAML indentation cannot use tabs (use spaces)"),
            Arguments.of("    rounds: 3", "    rounds:\t3",
                ":18:12: a tab character; YAML indentation cannot use tabs (use spaces)"),
            Arguments.of("  size: 50", "  size: fifty", ":4:9: population.size: expected a whole number, got 'fifty'"),
            Arguments.of("  size: 50", "  size: 5.5", ":4:9: population.size: expected a whole number, got 5.5"),
            Arguments.of("  size: 50", "  size: [50]", ":4:3: population.size: expected a whole number, got a list"),
            Arguments.of("  size: 50", "  size: 0", ":4:9: population.size: must be between 1 and 10000000, got 0"),
            Arguments.of("  size: 50", "  size: 99999999999",
                ":4:9: population.size: number out of range: 99999999999 (expected a whole number)"),
            Arguments.of("population:\n  size: 50\n  preset: us-gss-2012\n  strategy: uniform", "population: [50]",
                ":3:1: population: expected a mapping, got a list"),
            Arguments.of("  kind: value-prompt", "  kind: oracle",
                ":8:9: respondent.kind: expected one of psychometric, semantic, naive, value-prompt, full-profile, rag, "
                    + "backstory-caps, got 'oracle'"),
            Arguments.of("provider: openai-compatible", "provider: openai",
                ":12:15: models.local.provider: expected one of openai-compatible, ollama, anthropic, got 'openai'"),
            Arguments.of("    model: m\n", "", ":11:3: models.local.model: missing required field"),
            Arguments.of("  local:\n    provider: openai-compatible\n    base-url: http://127.0.0.1:9/v1\n    model: m\n", "  local: ~\n", ":11:10: models.local: an entry without a value; expected a mapping"),
            Arguments.of("  model: local", "  model: locl", ":9:10: respondent.model: no model 'locl' under models"),
            Arguments.of("[pvq21]", "[pvq21, pvq22]",
                ":15:22: instruments[1]: unknown instrument 'pvq22'; built-in instruments: pvq21, ipip-big5, wvs-sample "
                    + "(or a path to a .yaml instrument, or codebook for the questions the population's people answered)"),
            Arguments.of("[pvq21]", "pvq21", ":15:14: instruments: expected a list, got 'pvq21'"),
            Arguments.of("[pvq21]", "[pvq21, ~]", ":15:22: instruments[1]: an entry without a value; expected text"),
            Arguments.of("[pvq21]", "[pvq21", ":16:9: YAML syntax error: expected ',' or ']', but got : (while parsing a flow "
                + "sequence at 15:14)"),
            Arguments.of("    rounds: 3", "    rounds: 0", ":18:13: dilemmas[0].rounds: must be between 1 and 1000, got 0"),
            Arguments.of("  - kind: public-goods", "  - kind: trust",
                ":17:11: dilemmas[0].kind: expected one of dictator, donation, public-goods, prisoners-dilemma, got 'trust'"),
            Arguments.of("degree: 4", "degree: 5",
                ":19:5: dilemmas[0].network: degree must be an even number of at least 2, got 5"),
            Arguments.of("  permutations: 999", "  permutations: 10",
                ":21:17: statistics.permutations: must be between 99 and 10000000, got 10"),
            Arguments.of("seed: 7", "seed: 7\nseed: 8", ":3:5: the field 'seed' appears twice"),
            Arguments.of("name: table\n", "", ": name: missing required field"),
            Arguments.of("  size: 50\n", "", ":3:1: population.size: missing required field"),
            Arguments.of("name: table", "name: my table",
                ":1:7: name: 'my table' cannot name a results folder; use letters, digits, '.', '_' and '-' (at most "
                    + "100, starting with a letter or digit)"),
            Arguments.of("    model: m", "    model: m\n    max-in-flight: 0",
                ":15:20: models.local.max-in-flight: must be between 1 and 100000, got 0"),
            Arguments.of("name: table", "name: table\ncompare-to: mars-2090",
                ":2:13: compare-to: unknown preset 'mars-2090'; built-in presets: us-gss-2012, us-pvq40 (or a path to a "
                    + ".json preset)"));
    }

    @ParameterizedTest
    @MethodSource("scenarioMistakes")
    void scenarioMistakesAreOneLocatedLine(String from, String to, String expected) throws Exception {
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, mistake(SCENARIO, from, to));
        refused(file + expected, null, "validate", file.toString());
        Path out = dir.resolve("out");
        refused(file + expected, out, "run", file.toString(), "--out", out.toString(), "--quiet");
    }

    @Test
    void filesThatAreNotScenariosAtAll() throws Exception {
        Path file = dir.resolve("s.yaml");
        Files.write(file, "name: Jos\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        refused(file + ":1:10: not UTF-8 text (byte 0xe9); save the file as UTF-8", null, "validate", file.toString());
        Files.writeString(file, "  \n");
        refused(file + ": the file is empty", null, "validate", file.toString());
        Files.writeString(file, "# only a comment\n");
        refused(file + ": the file holds only comments", null, "validate", file.toString());
        Files.writeString(file, "- a\n- list\n");
        refused(file + ":1:1: expected a mapping of scenario fields (name, population, ...), got a list", null,
                "validate", file.toString());
        refused(dir + ": is a folder, not a file", null, "validate", dir.toString());
        refused(dir.resolve("none.yaml") + ": no such file", null, "validate", dir.resolve("none.yaml").toString());
    }

    // ---- instruments ----------------------------------------------------------------------------------------

    static final String INSTRUMENT = """
            id: my-survey
            title: My survey
            source: made up for a test
            instructions: Please answer as yourself.
            question: How much do you agree?
            response:
              kind: likert
              options: [{value: 1, label: Disagree}, {value: 2, label: Neutral}, {value: 3, label: Agree}]
            human-group: country
            scales:
              warmth: {label: Warmth, value-loadings: {benevolence: 0.3, power: -0.2}}
            items:
              - {id: q1, text: "I like helping people.", scale: warmth}
              - {id: q2, text: "I keep to myself.", scale: warmth, reversed: true}
              - id: q3
                text: Which matters most?
                response: {kind: multiple-choice, options: [{value: 1, label: Family}, {value: 2, label: Work}]}
                human: {Chile: [0.7, 0.3], Japan: [0.55, 0.45]}
              - {id: q4, text: "How many hours?", response: {kind: numeric, min: 0, max: 40}}
            """;

    static Stream<Arguments> instrumentMistakes() {
        String fields = "expected one of: " + KnownFields.of(Instrument.class);
        return Stream.of(
            Arguments.of("title: My survey", "titel: My survey", ":2:1: titel: unknown field; " + fields),
            Arguments.of("source: made up for a test\n", "", ": source: missing required field"),
            Arguments.of("scale: warmth}", "scal: warmth}",
                ":13:46: items[0].scal: unknown field; expected one of: " + KnownFields.of(Item.class)),
            Arguments.of("  - {id: q1, text: \"I like helping people.\", scale: warmth}", "  - {id: q1, scale: warmth}",
                ":13:5: items[0].text: missing required field"),
            Arguments.of("  kind: likert", "  kind: sliding",
                ":7:9: response.kind: unknown response kind 'sliding'; expected likert, multiple-choice, numeric or allocation"),
            Arguments.of("min: 0, max: 40", "min: 50, max: 40",
                ":19:79: items[3].response.max: a numeric response needs min <= max"),
            Arguments.of("Chile: [0.7, 0.3]", "Chile: [0.7, 0.2, 0.1]",
                ":18:13: items[2].human.Chile: item q3: the human shares of Chile list 3 numbers for 2 options"),
            Arguments.of("human-group: country\n", "",
                ":17:5: items[2].human: item q3 has human shares but the instrument names no human-group attribute"),
            Arguments.of("reversed: true", "reversed: yes please",
                ":14:66: items[1].reversed: expected true or false, got 'yes please'"),
            Arguments.of("benevolence: 0.3", "kindness: 0.3",
                ":11:44: scales.warmth.value-loadings.kindness: 'kindness' is not a Schwartz value"),
            Arguments.of("{id: q2,", "{id: q1,", ":14:10: items[1].id: instrument my-survey has two items with id q1"),
            Arguments.of("{value: 2, label: Neutral}", "{value: 1, label: Neutral}",
                ":8:50: response.options[1].value: two options have the value 1"),
            Arguments.of("  - {id: q1", "\t- {id: q1", ":13:1: a tab character; YAML indentation cannot use tabs (use spaces)"),
            Arguments.of("  warmth: {label: Warmth, value-loadings: {benevolence: 0.3, power: -0.2}}", "  warmth: 5",
                ":11:11: scales.warmth: expected a mapping, got 5"),
            Arguments.of("  - {id: q4", "  -\n  - {id: q4", ":19:4: items[3]: an entry without a value; expected a mapping"),
            Arguments.of("  options: [{value: 1, label: Disagree}, {value: 2, label: Neutral}, {value: 3, label: Agree}]",
                "  options: {a: 1}", ":8:3: response.options: expected a list, got a mapping"),
            Arguments.of("  kind: likert", "  kind: likert\n  endowment: 5",
                ":8:14: response.endowment: endowment belongs to allocation responses only"),
            Arguments.of("question: How much do you agree?", "question: [How much]",
                ":5:1: question: expected text, got a list"));
    }

    @ParameterizedTest
    @MethodSource("instrumentMistakes")
    void instrumentMistakesAreOneLocatedLine(String from, String to, String expected) throws Exception {
        Path instrument = dir.resolve("mine.yaml");
        Files.writeString(instrument, mistake(INSTRUMENT, from, to));
        Path scenario = dir.resolve("s.yaml");
        Files.writeString(scenario, "name: t\npopulation: {size: 5, strategy: uniform}\nrespondent: {kind: semantic}\n"
                + "instruments: [mine.yaml]\n");
        refused(instrument + expected, null, "validate", scenario.toString());
    }

    // ---- codebooks ------------------------------------------------------------------------------------------

    static final String CODEBOOK = """
            name: gss
            description: test codebook
            source: GSS 2012 (see data/us-gss-2012/SOURCE.txt)
            instrument: pvq21
            id-column: respondent
            answers: {min: 1, max: 6, reversed: false}
            missing: ["NA", "8", "9"]
            items:
              valorig: {item: pvq21-01, value: self-direction}
              valrich: {item: pvq21-02, value: power}
              valeql: {item: pvq21-03, value: universalism}
              valable: {item: pvq21-04, value: achievement}
              valsafe: {item: pvq21-05, value: security}
              valdiff: {item: pvq21-06, value: stimulation}
              valrule: {item: pvq21-07, value: conformity}
              vallist: {item: pvq21-08, value: universalism}
              valmod: {item: pvq21-09, value: tradition}
              valspl: {item: pvq21-10, value: hedonism}
              valfree: {item: pvq21-11, value: self-direction}
              valcare: {item: pvq21-12, value: benevolence}
              valachv: {item: pvq21-13, value: achievement}
              valdfnd: {item: pvq21-14, value: security}
              valrisk: {item: pvq21-15, value: stimulation}
              valprpr: {item: pvq21-16, value: conformity}
              valrspt: {item: pvq21-17, value: power}
              valdvot: {item: pvq21-18, value: benevolence}
              valeco: {item: pvq21-19, value: universalism}
              valtrdn: {item: pvq21-20, value: tradition}
              valfun: {item: pvq21-21, value: hedonism}
            """;

    static Stream<Arguments> codebookMistakes() {
        return Stream.of(
            Arguments.of("item: pvq21-21", "item: pvq21-99",
                ":29:18: items.valfun.item: no item 'pvq21-99' in instrument pvq21 (its items: pvq21-01 .. pvq21-21)"),
            Arguments.of("value: power}", "value: powr}",
                ":10:36: items.valrich.value: 'powr' is not a Schwartz value; expected one of: self-direction, stimulation, "
                    + "hedonism, achievement, power, security, conformity, tradition, benevolence, universalism"),
            Arguments.of("instrument: pvq21", "instrumnet: pvq21",
                ":4:1: instrumnet: unknown field; expected one of: " + KnownFields.of(Codebook.class)),
            Arguments.of("instrument: pvq21", "instrument: pvq2l",
                ":4:13: instrument: 'pvq2l' is not a built-in instrument, yet item pvq21-01 (items.valorig) is pvq21's; "
                    + "write instrument: pvq21"),
            Arguments.of("{item: pvq21-02, value: power}", "{item: pvq21-02, value: universalism}",
                ":10:36: items.valrich.value: pvq21-02 scores power in pvq21, not universalism"),
            Arguments.of("item: pvq21-21", "item: pvq21-20",
                ":29:18: items.valfun.item: item pvq21-20 is already read from column valtrdn"),
            Arguments.of("{min: 1, max: 6,", "{min: 6, max: 1,", ":6:24: answers.max: must be above min (6), got 1"),
            Arguments.of("{min: 1,", "{min: x,", ":6:16: answers.min: expected a whole number, got 'x'"),
            Arguments.of("[\"NA\", \"8\", \"9\"]", "[\"NA\", \"6\"]",
                ":7:17: missing[1]: '6' is an answer code (1..6), so it cannot also mean missing"),
            Arguments.of("  valorig: {item: pvq21-01, value: self-direction}", "  valorig: [pvq21-01, self-direction]",
                ":9:3: items.valorig: expected a mapping, got a list"),
            Arguments.of("  valfun:", "\tvalfun:", ":29:1: a tab character; YAML indentation cannot use tabs (use spaces)"),
            Arguments.of("{item: pvq21-21, value: hedonism}", "{item: pvq21-21}", ":29:3: items.valfun.value: missing required field"),
            Arguments.of("  valfun: {item: pvq21-21, value: hedonism}\n", "",
                ":8:1: items: a preset needs at least two items of every value; hedonism has one (valspl)"),
            Arguments.of("description: test codebook\n", "", ": description: missing required field"),
            Arguments.of("name: gss", "name: ../../gss", ":1:7: name: '../../gss' cannot name a preset file; use letters, "
                + "digits, '.', '_' and '-' (at most 100, starting with a letter or digit)"),
            Arguments.of("items:", "demographics:\n  age: {column: agea, bands: [30, 18]}\nitems:",
                ":9:35: demographics.age.bands[1]: band edges must be finite and increasing, got [30, 18]"),
            Arguments.of("items:", "demographics:\n  age: {column: agea, bands: [18], labels: {\"1\": young}}\nitems:",
                ":9:36: demographics.age.labels: give bands (for numbers) or labels (for codes), not both"));
    }

    @ParameterizedTest
    @MethodSource("codebookMistakes")
    void codebookMistakesAreOneLocatedLine(String from, String to, String expected) throws Exception {
        Path codebook = dir.resolve("codebook.yaml");
        Files.writeString(codebook, mistake(CODEBOOK, from, to));
        Path out = dir.resolve("presets");
        refused(codebook + expected, out, "preset", "build", "--data", GSS_DATA.toString(), "--codebook",
                codebook.toString(), "--out", out.toString());
    }

    /** The same codebook check, wherever a codebook is read: bench individuals and a scenario's individuals. */
    @Test
    void codebookItemsAreCheckedForEveryCommandThatReadsOne() throws Exception {
        Path codebook = dir.resolve("codebook.yaml");
        Files.writeString(codebook, mistake(CODEBOOK, "item: pvq21-21", "item: pvq21-99"));
        String expected = codebook + ":29:18: items.valfun.item: no item 'pvq21-99' in instrument pvq21 (its items: "
                + "pvq21-01 .. pvq21-21)";
        Path out = dir.resolve("bench");
        refused(expected, out, "bench", "individuals", "--data", GSS_DATA.toString(), "--codebook", codebook.toString(),
                "--respondent", "majority", "--out", out.toString());
        Path scenario = dir.resolve("s.yaml");
        Files.writeString(scenario, "name: t\npopulation:\n  individuals: {data: " + GSS_DATA.toAbsolutePath()
                + ", codebook: codebook.yaml}\nrespondent: {kind: semantic}\ninstruments: [pvq21]\n");
        refused(expected, null, "validate", scenario.toString());
        Path run = dir.resolve("run");
        refused(expected, run, "run", scenario.toString(), "--out", run.toString(), "--quiet");
    }

    // ---- survey data ----------------------------------------------------------------------------------------

    static Stream<Arguments> dataMistakes() throws Exception {
        String csv = String.join("\n", Files.readAllLines(GSS_DATA).subList(0, 6)) + "\n";
        String header = csv.substring(0, csv.indexOf('\n'));
        String headerList = header.replace("\"", "").replace(",", ", ");
        headerList = headerList.length() > 200 ? headerList.substring(0, 197) + "..." : headerList;
        return Stream.of(
            Arguments.of(csv.replaceFirst("\n3,(\\d),(\\d),", "\n3,$1,seven,"),
                ":4:5: valrich: 'seven' is not an answer code 1..6 nor a missing code (NA, 8, 9)"),
            Arguments.of(csv.replaceFirst("\n3,(\\d),(\\d),", "\n3,$1,7,").replaceFirst("\n4,(\\d),(\\d),", "\n4,$1,0,"),
                ":4:5: valrich: '7' is not an answer code 1..6 nor a missing code (NA, 8, 9); 2 rows in all cannot be "
                    + "read (this is the first)"),
            Arguments.of(csv.replace("\"valorig\"", "\"valorg\""),
                ":1:1: no column 'valorig' (the codebook's items.valorig); the header has: " + headerList.replace("valorig", "valorg")),
            Arguments.of(csv.replace("\"valfun\"", "\"valorig\""),
                ":1:" + (header.lastIndexOf("\"valfun\"") + 1) + ": the header has two columns named 'valorig'"),
            Arguments.of(csv.replaceFirst("\n2,(\\d),", "\n2,"), ":3:1: 21 cells where the header has 22"),
            Arguments.of(header + "\n", ": no respondents: the file has only its header"),
            Arguments.of("", ": the file is empty"),
            Arguments.of(csv.replaceFirst("\n2,", "\n\"2,"), ":7:1: not a readable CSV file: Missing closing quote for value"),
            Arguments.of(csv.replaceAll("\n(\\d),(\\d),", "\n$1,NA,"), ": only 0 respondents answered every item; a preset "
                + "needs at least 3"));
    }

    @ParameterizedTest
    @MethodSource("dataMistakes")
    void surveyDataMistakesAreOneLocatedLine(String text, String expected) throws Exception {
        Path data = dir.resolve("data.csv");
        Files.writeString(data, text);
        Path codebook = dir.resolve("codebook.yaml");
        Files.writeString(codebook, CODEBOOK);
        Path out = dir.resolve("presets");
        refused(data + expected, out, "preset", "build", "--data", data.toString(), "--codebook", codebook.toString(),
                "--out", out.toString());
    }

    @Test
    void surveyDataThatIsNotUtf8() throws Exception {
        Path data = dir.resolve("data.csv");
        Files.write(data, "respondent,valorig\n\u00e9,1\n".getBytes(StandardCharsets.ISO_8859_1));
        Path codebook = dir.resolve("codebook.yaml");
        Files.writeString(codebook, CODEBOOK);
        Path out = dir.resolve("presets");
        refused(data + ":2:1: not UTF-8 text (byte 0xe9); save the file as UTF-8", out, "preset", "build", "--data",
                data.toString(), "--codebook", codebook.toString(), "--out", out.toString());
    }

    // ---- presets --------------------------------------------------------------------------------------------

    static Stream<Arguments> presetMistakes() throws Exception {
        String json = builtInPreset();
        return Stream.of(
            Arguments.of(json.replace("\"latent\" :", "\"latentt\" :"), at(json, "\"latent\" :")
                + ": latentt: unknown field; expected one of: " + KnownFields.of(Preset.class)),
            Arguments.of(json.replace("\"respondents\" : 1255", "\"respondents\" : \"many\""),
                after(json, "\"respondents\" :", "1255") + ": respondents: expected a whole number, got 'many'"),
            Arguments.of(json.substring(0, json.indexOf("\"items\"")), at(json, "\"items\"")
                + ": JSON syntax error: Unexpected end-of-input within/between Object entries"),
            Arguments.of("not json {", ":1:1: JSON syntax error: Unrecognized token 'not': was expecting (JSON String, "
                + "Number, Array, Object or token 'null', 'true' or 'false')"),
            Arguments.of(json.replaceFirst("\"means\" : \\[ [0-9.]+, ", "\"means\" : [ "), at(json, "\"latent\" :")
                + ": latent: value statistics need 10 means, SDs and correlation rows"),
            Arguments.of(json.replaceFirst("\"name\" : \"[^\"]*\",", ""), ": name: missing required field"),
            Arguments.of(json.replaceFirst("\"name\" :", "\"name\" : \"x\", \"name\" :"), ":2:23: the field 'name' appears twice"));
    }

    @ParameterizedTest
    @MethodSource("presetMistakes")
    void presetMistakesAreOneLocatedLine(String text, String expected) throws Exception {
        Path preset = dir.resolve("mine.json");
        Files.writeString(preset, text);
        refused(preset + expected, null, "preset", "show", preset.toString());
        Path scenario = dir.resolve("s.yaml");
        Files.writeString(scenario, "name: t\npopulation: {size: 5, preset: mine.json}\ninstruments: [pvq21]\n");
        refused(preset + expected, null, "validate", scenario.toString());
    }

    static String builtInPreset() throws Exception {
        return Files.readString(Path.of("../populations/src/main/resources/presets/us-gss-2012.json"));
    }

    /** ":line:column" where {@code needle} first starts in {@code text}. */
    static String at(String text, String needle) {
        return after(text, "", needle);
    }

    /** ":line:column" where {@code needle} first starts after {@code anchor} in {@code text}. */
    static String after(String text, String anchor, String needle) {
        int offset = text.indexOf(needle, text.indexOf(anchor));
        assertTrue(text.indexOf(anchor) >= 0 && offset >= 0, anchor + " ... " + needle);
        int line = (int) text.substring(0, offset).chars().filter(c -> c == '\n').count() + 1;
        return ":" + line + ":" + (offset - text.lastIndexOf('\n', offset - 1));
    }

    // ---- prompt files ---------------------------------------------------------------------------------------

    static final String PROMPTED = """
            name: t
            population: {size: 5, strategy: uniform}
            respondent:
              kind: value-prompt
              model: local
              prompts: {item: item.txt}
            models:
              local: {provider: openai-compatible, base-url: "http://127.0.0.1:9/v1", model: m}
            instruments: [pvq21]
            """;

    @Test
    void promptFilesAreReadAtValidate() throws Exception {
        Path scenario = dir.resolve("s.yaml");
        Files.writeString(scenario, PROMPTED);
        Path item = dir.resolve("item.txt");
        String at = scenario + ":6:19: respondent.prompts.item: ";
        refused(at + item + ": no such file", null, "validate", scenario.toString());
        Files.writeString(item, " \n");
        refused(at + item + ": the prompt file is empty", null, "validate", scenario.toString());
        Files.write(item, "Caf\u00e9 {item}".getBytes(StandardCharsets.ISO_8859_1));
        refused(at + item + ":1:4: not UTF-8 text (byte 0xe9); save the file as UTF-8", null, "validate",
                scenario.toString());
        Files.delete(item);
        Files.createDirectory(item);
        Path out = dir.resolve("out");
        refused(at + item + ": is a folder, not a file", out, "run", scenario.toString(), "--out", out.toString());
        Files.writeString(scenario, PROMPTED.replace("{item: item.txt}", "{itme: item.txt}"));
        refused(scenario + ":6:13: respondent.prompts.itme: unknown prompt; expected one of: "
                + String.join(", ", new java.util.TreeSet<>(Prompts.NAMES)), null, "validate", scenario.toString());
        Files.writeString(scenario, "name: t\npopulation: {size: 5}\nrespondent: {kind: psychometric, prompts: "
                + "{item: item.txt}}\ninstruments: [pvq21]\n");
        refused(scenario + ":3:34: respondent.prompts: the psychometric respondent reads no prompts", null, "validate",
                scenario.toString());
    }

    @Test
    void backstorySettingsAreCheckedAtValidate() throws Exception {
        Path scenario = dir.resolve("s.yaml");
        String individuals = "name: t\npopulation:\n  individuals: {data: " + GSS_DATA.toAbsolutePath()
                + ", codebook: " + Path.of("../data/us-gss-2012/codebook.yaml").toAbsolutePath() + ", %s}\n"
                + "respondent: {kind: semantic}\ninstruments: [pvq21]\n"
                + "models:\n  local: {provider: openai-compatible, base-url: \"http://127.0.0.1:9/v1\", model: m}\n";
        Files.writeString(scenario, individuals.formatted("backstory: llm, backstory-model: local, max-attempts: 50"));
        String m = Cli.run("validate", scenario.toString()).err();
        assertTrue(m.matches("error: " + java.util.regex.Pattern.quote(scenario.toString())
                + ":3:\\d+: population\\.individuals\\.max-attempts: must be between 1 and 20, got 50\\s*"), m);
        Files.writeString(scenario, individuals.formatted("backstory-model: local"));
        m = Cli.run("validate", scenario.toString()).err();
        assertTrue(m.matches("error: " + java.util.regex.Pattern.quote(scenario.toString())
                + ":3:\\d+: population\\.individuals\\.backstory-model: only the llm backstory writer has "
                + "backstory-model; set backstory: llm\\s*"), m);
        Files.writeString(scenario, individuals.formatted("backstory: llm, backstory-model: local, backstory-prompt: "
                + "none.txt"));
        m = Cli.run("validate", scenario.toString()).err();
        assertTrue(m.contains("population.individuals.backstory-prompt: " + dir.resolve("none.txt") + ": no such file"), m);
    }
}
