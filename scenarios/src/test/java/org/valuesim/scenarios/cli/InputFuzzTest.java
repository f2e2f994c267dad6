package org.valuesim.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutates the example scenarios, the built-in instruments and the GSS codebook and data in every way a
 * hand-edited file goes wrong and checks each gives exit code 2, one clear line without a stack trace, and writes
 * nothing (or, for a mutant that is still valid, is accepted).
 */
class InputFuzzTest {

    static final Pattern SCALAR = Pattern.compile("(?m)^(\\s*[a-z-]+:)( *)([^\\s{\\[#][^#\\n]*)$");

    @TempDir
    Path dir;

    /**
     * Every kind of mutant of a YAML text: each scalar value replaced, each line deleted, plus structural damage.
     * Lines of one shape (the same key at the same indentation, e.g. the fifty items' {@code text:} lines) are
     * mutated at their first and last occurrence only: the others go through the same code.
     */
    static List<String> mutants(String text, long seed) {
        List<String> out = new ArrayList<>();
        Matcher m = SCALAR.matcher(text);
        Map<String, List<int[]>> valuesByShape = new LinkedHashMap<>();
        while (m.find()) {
            valuesByShape.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(new int[] {m.start(3), m.end(3)});
        }
        String[] replacements = {"-5", "99999999999999999999", "1e400", "true", "[1, 2]", "{a: b}", "nonsense-value",
            "\"\"", "0", "-0.5"};
        for (List<int[]> values : valuesByShape.values()) {
            for (int[] v : firstAndLast(values)) {
                for (String r : replacements) {
                    out.add(text.substring(0, v[0]) + r + text.substring(v[1]));
                }
            }
        }
        String[] lines = text.split("\n", -1);
        Map<String, List<Integer>> linesByShape = new LinkedHashMap<>();
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].isBlank() && !lines[i].trim().startsWith("#")) {
                String shape = lines[i].replaceAll("\"[^\"]*\"", "Q").replaceAll(":.*", ":");
                linesByShape.computeIfAbsent(shape, k -> new ArrayList<>()).add(i);
            }
        }
        for (List<Integer> same : linesByShape.values()) {
            for (int i : firstAndLast(same)) {
                List<String> kept = new ArrayList<>(List.of(lines));
                kept.remove(i);
                out.add(String.join("\n", kept));
            }
        }
        Random random = new Random(seed);
        for (int i = 0; i < 20; i++) {
            int at = random.nextInt(Math.max(1, text.length()));
            out.add(text.substring(0, at) + "\n  : ]{[\t\n" + text.substring(at));
            out.add(text.substring(0, at));
        }
        out.add("");
        out.add("\u0000\u0001\u0002garbage\u00ff");
        out.add("- a\n- list");
        out.add("just a string");
        return out;
    }

    private static <T> List<T> firstAndLast(List<T> all) {
        return all.size() <= 2 ? all : List.of(all.get(0), all.get(all.size() - 1));
    }

    private void check(String what, Cli cli, Path out) {
        String shown = what + " -> exit " + cli.exit() + ": " + cli.err();
        assertEquals(2, cli.exit(), shown);
        assertTrue(cli.err().startsWith("error: "), shown);
        assertEquals(1, cli.err().strip().lines().count(), shown);
        assertFalse(cli.err().contains("Exception") || cli.err().contains("\tat "), shown);
        assertFalse(Files.exists(out), "nothing written: " + shown);
    }

    /** A mutant either still describes a valid scenario (then validate says so) or is refused cleanly. */
    private int fuzzScenario(String name) throws Exception {
        Path original = Path.of("examples", name);
        String text = Files.readString(original);
        int refused = 0;
        int i = 0;
        for (String mutant : mutants(text, name.hashCode())) {
            Path file = dir.resolve("m" + (i++) + ".yaml");
            Files.writeString(file, mutant.replace("data/gss-individuals.csv",
                    Path.of("examples/data/gss-individuals.csv").toAbsolutePath().toString())
                    .replace("../../data/us-gss-2012/codebook.yaml",
                            Path.of("../data/us-gss-2012/codebook.yaml").toAbsolutePath().toString()),
                    StandardCharsets.UTF_8);
            Cli cli = Cli.run("validate", file.toString());
            if (cli.exit() == 0) {
                continue;
            }
            check(file + " of " + name, cli, dir.resolve("never"));
            refused++;
        }
        return refused;
    }

    @Test
    void mutatedScenariosAreRefusedWithOneCleanLine() throws Exception {
        int refused = 0;
        for (String name : List.of("quickstart.yaml", "value-prompted.yaml", "valuesim-individuals.yaml",
                "value-prompted-semantic.yaml", "public-goods.yaml", "public-goods-psychometric.yaml")) {
            refused += fuzzScenario(name);
        }
        assertTrue(refused > 200, "most mutants are invalid: " + refused);
    }

    /**
     * What kind of refusal a line is: the message without the file, numbers and quoted values. Run refuses a mutant
     * on the same path as validate (the plan, before anything is written); one run of each kind checks that.
     */
    static String kind(String err) {
        return err.replaceAll("^error: [^:]*(:\\d+:\\d+)?: ", "").replaceAll("'[^']*'", "'x'").replaceAll("\\d+", "#");
    }

    /** A refused mutant is refused by run too, writing nothing: checked once per kind of refusal. */
    private void checkRun(String what, Cli validated, Path scenario, Path out, Set<String> kinds) {
        if (kinds.add(kind(validated.err()))) {
            check(what, Cli.run("run", scenario.toString(), "--out", out.toString(), "--quiet"), out);
        }
    }

    @Test
    void mutatedRunsWriteNothing() throws Exception {
        String text = Files.readString(Path.of("examples", "quickstart.yaml"));
        int i = 0;
        Set<String> kinds = new HashSet<>();
        for (String mutant : mutants(text, 7)) {
            Path file = dir.resolve("r" + (i++) + ".yaml");
            Files.writeString(file, mutant);
            Cli validated = Cli.run("validate", file.toString());
            if (validated.exit() != 0) {
                check(file.toString(), validated, dir.resolve("never"));
                checkRun(file.toString(), validated, file, dir.resolve("out" + i), kinds);
            }
        }
        assertTrue(kinds.size() > 20, "runs refused for many reasons: " + kinds);
    }

    /** Mutated instrument files, named by a scenario, are refused at validate and at run, writing nothing. */
    @Test
    void mutatedInstrumentsAreRefusedWithOneCleanLine() throws Exception {
        int refused = 0;
        int i = 0;
        Set<String> kinds = new HashSet<>();
        for (String builtIn : List.of("pvq21", "ipip-big5", "wvs-sample")) {
            String text = Files.readString(Path.of("src/main/resources/instruments", builtIn + ".yaml"));
            for (String mutant : mutants(text, builtIn.hashCode())) {
                Path instrument = dir.resolve("i" + i + ".yaml");
                Files.writeString(instrument, mutant, StandardCharsets.UTF_8);
                Path scenario = dir.resolve("s" + i + ".yaml");
                Files.writeString(scenario, "name: fuzz\npopulation: {size: 5, preset: us-gss-2012, strategy: uniform}\n"
                        + "respondent: {kind: semantic}\ninstruments: [" + instrument + "]\n");
                Path out = dir.resolve("never" + i++);
                Cli validated = Cli.run("validate", scenario.toString());
                if (validated.exit() == 0) {
                    continue;
                }
                check(instrument + " from " + builtIn, validated, out);
                checkRun(instrument + " from " + builtIn, validated, scenario, out, kinds);
                refused++;
            }
        }
        assertTrue(refused > 100, "most mutants are invalid: " + refused);
    }

    @Test
    void mutatedCodebooksAndDataFilesAreRefusedCleanly() throws Exception {
        String codebook = Files.readString(Path.of("../data/us-gss-2012/codebook.yaml"));
        Path data = Path.of("../data/us-gss-2012/gss2012_values_numeric.csv");
        int i = 0;
        int refused = 0;
        for (String mutant : mutants(codebook, 11)) {
            Path file = dir.resolve("c" + (i++) + ".yaml");
            Files.writeString(file, mutant);
            Path out = dir.resolve("presets" + i);
            Cli cli = Cli.run("preset", "build", "--data", data.toString(), "--codebook", file.toString(), "--out",
                    out.toString());
            if (cli.exit() == 0) {
                assertTrue(Files.isRegularFile(out.resolve(cli.out().replaceAll("(?s).*wrote " + Pattern.quote(out
                        .toString()) + "/(\\S+\\.json).*", "$1"))), "a mutant that builds writes its preset: " + cli.out());
            } else {
                check(file.toString(), cli, out);
                refused++;
            }
        }
        assertTrue(refused > 50, "most mutants are invalid: " + refused);
        String csv = Files.readString(data);
        List<String> badData = List.of("", "\u0000\u0001binary", csv.replace(",", ";"), csv.replace("\"valorig\"", "\"x\""),
                csv.substring(0, csv.indexOf('\n')), csv.replaceFirst("\n1,6,", "\n1,seven,"),
                new String(csv.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1) + "\u00e9\u00ff");
        for (String mutant : badData) {
            Path file = dir.resolve("d" + (i++) + ".csv");
            Files.write(file, mutant.getBytes(StandardCharsets.ISO_8859_1));
            Path out = dir.resolve("presets" + i);
            check(file.toString(), Cli.run("preset", "build", "--data", file.toString(), "--codebook",
                    "../data/us-gss-2012/codebook.yaml", "--out", out.toString()), out);
        }
    }
}
