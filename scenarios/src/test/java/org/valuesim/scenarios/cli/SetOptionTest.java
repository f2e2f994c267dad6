package org.valuesim.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.valuesim.core.log.ResponseLog;

/** --set PATH=VALUE on run, validate and population sample: checked like the file, written into the scenario as run. */
class SetOptionTest {

    static final String MODEL_BACKED = "examples/value-prompted.yaml";

    @TempDir
    Path dir;

    /** The shipped scenario pointed at another server, with a smaller population, without editing the file. */
    @Test
    void validatePrintsTheScenarioWithItsOverrides() {
        Cli cli = Cli.run("validate", MODEL_BACKED, "--set", "models.local.base-url=http://gpu1:8000/v1",
                "--set", "population.size=500", "--set", "instruments=[pvq21, ipip-big5]");
        assertEquals(0, cli.exit(), cli.err());
        assertTrue(cli.out().startsWith(MODEL_BACKED + " --set models.local.base-url=http://gpu1:8000/v1 --set "
                + "population.size=500 --set 'instruments=[pvq21, ipip-big5]': valid\n"), cli.out());
        assertTrue(cli.out().contains("population: 500 personas"), cli.out());
        assertTrue(cli.out().contains("instrument: ipip-big5 (50 items"), cli.out());
        assertTrue(cli.out().contains("base-url: http://gpu1:8000/v1\n"), cli.out());
    }

    @Test
    void aBadOverrideIsOneLineExitTwoAndNothingIsWritten() {
        Path out = dir.resolve("never");
        Cli cli = Cli.run("run", CliTest.QUICKSTART, "--set", "population.size=0", "--out", out.toString(), "--quiet");
        assertEquals(2, cli.exit());
        assertEquals("error: --set population.size: must be between 1 and 10000000, got 0\n", cli.err());
        assertFalse(Files.exists(out));
        cli = Cli.run("validate", MODEL_BACKED, "--set", "models.local.base-urll=http://gpu1:8000/v1");
        assertEquals(2, cli.exit());
        assertTrue(cli.err().startsWith("error: --set models.local.base-urll: unknown field; expected one of: "
                + "answer-mode, api-key-env, base-url, base-urls, "), cli.err());
        cli = Cli.run("population", "sample", CliTest.QUICKSTART, "--set", "population.preset=mars",
                "--out", out.toString());
        assertEquals(2, cli.exit());
        assertTrue(cli.err().startsWith("error: --set population.preset: unknown preset 'mars'"), cli.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void populationSampleTakesOverrides() throws Exception {
        Path out = dir.resolve("personas.jsonl");
        Cli cli = Cli.run("population", "sample", CliTest.QUICKSTART, "--set", "population.size=3", "--out",
                out.toString());
        assertEquals(0, cli.exit(), cli.err());
        assertEquals(3, Files.readAllLines(out).size());
    }

    /**
     * The scenario as run holds the overrides; the same --set resumes an interrupted run to the same results, and
     * another --set is refused like a changed scenario.
     */
    @Test
    void resumeNeedsTheSameOverrides() throws Exception {
        String[] set = {"--set", "population.size=40", "--set", "seed=9"};
        Path whole = dir.resolve("whole");
        Cli cli = Cli.run(concat(new String[] {"run", CliTest.QUICKSTART, "--out", whole.toString(), "--quiet"}, set));
        assertEquals(0, cli.exit(), cli.err());
        String asRun = Files.readString(whole.resolve("scenario.yaml"));
        assertTrue(asRun.contains("seed: 9\n") && asRun.contains("  size: 40\n"), asRun);

        Path crashed = dir.resolve("crashed");
        assertEquals(0, Cli.run(concat(new String[] {"run", CliTest.QUICKSTART, "--out", crashed.toString(), "--quiet"},
                set)).exit());
        // what a crash leaves: part of the log, and a manifest still saying "running"
        List<String> logged = Files.readAllLines(crashed.resolve(ResponseLog.FILE));
        Files.write(crashed.resolve(ResponseLog.FILE), logged.subList(0, logged.size() / 2));
        Path manifest = crashed.resolve("manifest.json");
        Files.writeString(manifest, Files.readString(manifest).replace("\"status\" : \"completed\"", "\"status\" : \"running\""));

        Cli other = Cli.run("run", CliTest.QUICKSTART, "--set", "population.size=41", "--set", "seed=9", "--resume",
                crashed.toString(), "--quiet");
        assertEquals(2, other.exit());
        assertTrue(other.err().contains("the run there was not started from this scenario and seed (its scenario.yaml "
                + "differs); resume with the same scenario file, --set options and --seed"), other.err());
        Cli resumed = Cli.run(concat(new String[] {"run", CliTest.QUICKSTART, "--resume", crashed.toString(), "--quiet"},
                set));
        assertEquals(0, resumed.exit(), resumed.err());
        for (String file : List.of("responses.csv", "agents.csv", "summary.json", "scenario.yaml")) {
            assertEquals(-1L, Files.mismatch(whole.resolve(file), crashed.resolve(file)), file + " differs");
        }
    }

    @Test
    void theResumeHintRepeatsTheOverridesAsTyped() {
        SetOptions options = new SetOptions();
        options.assignments.addAll(List.of("population.size=40", "instruments=[pvq21, ipip-big5]", "name=it's"));
        assertEquals(" --set population.size=40 --set 'instruments=[pvq21, ipip-big5]' --set 'name=it'\\''s'",
                options.asArguments());
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
