package org.valuesim.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.valuesim.core.log.ResponseLog;

/**
 * A run in a child JVM is stopped mid-phase, by SIGKILL (nothing runs on the way out) or by SIGINT (Ctrl-C), then
 * resumed; its results must be byte-identical to an uninterrupted run of the same scenario and seed. The psychometric
 * respondent's answers are recomputed rather than logged, so the log stays empty and the resumed run computes every
 * answer again (ModelRunResumeTest resumes a model-backed run from its log).
 */
class CrashAndResumeTest {

    static final int AGENTS = 15_000;
    static final int ANSWERS = AGENTS * 21 + AGENTS * 3;

    @TempDir
    Path dir;
    Path scenario;

    @BeforeEach
    void write() throws Exception {
        scenario = dir.resolve("big.yaml");
        Files.writeString(scenario, """
                name: big
                seed: 11
                population: {size: %d, preset: us-gss-2012}
                instruments: [pvq21]
                dilemmas:
                  - {kind: public-goods, rounds: 3}
                """.formatted(AGENTS));
    }

    Process child(Path out) throws Exception {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), "-Djava.io.tmpdir=" + dir,
                ValuesimCommand.class.getName(), "run", scenario.toString(), "--out", out.toString(), "--quiet")
                .redirectError(dir.resolve("child.err").toFile()).redirectOutput(dir.resolve("child.out").toFile()).start();
    }

    /** Waits until the child has written some of its survey's answers (it writes them window by window). */
    static void awaitWritten(Process p, Path out) throws Exception {
        Path responses = out.resolve("responses.csv");
        for (int i = 0; i < 6000 && p.isAlive(); i++) {
            if (Files.exists(responses) && Files.size(responses) > 200_000) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the child wrote nothing in time (alive: " + p.isAlive() + ")");
    }

    Path uninterrupted() {
        Path out = dir.resolve("whole");
        Cli cli = Cli.run("run", scenario.toString(), "--out", out.toString(), "--quiet", "--no-log");
        assertEquals(0, cli.exit(), cli.err());
        return out;
    }

    void assertSameResults(Path a, Path b) throws Exception {
        for (String file : List.of("responses.csv", "actions.csv", "agents.csv", "summary.json", "scenario.yaml")) {
            assertEquals(-1L, Files.mismatch(a.resolve(file), b.resolve(file)), file + " differs");
        }
    }

    @Test
    void aRunKilledMidPhaseResumesToTheSameResults() throws Exception {
        Path out = dir.resolve("killed");
        Process p = child(out);
        awaitWritten(p, out);
        p.destroyForcibly();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, Files.size(out.resolve(ResponseLog.FILE)), "embedded answers are not logged");
        long written = Files.readAllLines(out.resolve("responses.csv")).size() - 1;
        assertTrue(written > 0 && written < AGENTS * 21, "killed mid-survey: " + written + " answers written");
        JsonNode crashed = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
        assertEquals("running", crashed.at("/status").asText(), "a killed run leaves its manifest saying so");

        Cli resumed = Cli.run("run", scenario.toString(), "--resume", out.toString(), "--quiet");
        assertEquals(0, resumed.exit(), resumed.err());
        JsonNode manifest = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
        assertEquals("completed", manifest.at("/status").asText());
        assertEquals(0, manifest.at("/response_log/read_back").asLong());
        assertEquals(0, manifest.at("/response_log/appended").asLong());
        assertEquals(ANSWERS, manifest.at("/counts/answers").asLong() + manifest.at("/counts/moves").asLong(),
                "every answer computed again: " + manifest.at("/counts"));
        assertSameResults(uninterrupted(), out);
    }

    @Test
    void ctrlCWritesAnInterruptedManifestAndTheResumeCommand() throws Exception {
        Path out = dir.resolve("stopped");
        Process p = child(out);
        awaitWritten(p, out);
        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(130, p.exitValue());
        String err = Files.readString(dir.resolve("child.err"), StandardCharsets.UTF_8);
        assertTrue(err.contains("resume with: valuesim run " + scenario + " --resume " + out), err);
        JsonNode stopped = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
        assertEquals("interrupted", stopped.at("/status").asText());
        long logged = Files.readAllLines(out.resolve(ResponseLog.FILE)).size();
        assertEquals(logged, stopped.at("/response_log/appended").asLong(), "the log was flushed on the way out");

        Cli otherSeed = Cli.run("run", scenario.toString(), "--resume", out.toString(), "--seed", "12", "--quiet");
        assertEquals(2, otherSeed.exit());
        assertTrue(otherSeed.err().contains("that run used seed 11, not 12"), otherSeed.err());
        Cli resumed = Cli.run("run", scenario.toString(), "--resume", out.toString(), "--quiet");
        assertEquals(0, resumed.exit(), resumed.err());
        assertSameResults(uninterrupted(), out);
        Cli again = Cli.run("run", scenario.toString(), "--resume", out.toString(), "--quiet");
        assertEquals(2, again.exit());
        assertTrue(again.err().contains("that run completed"), again.err());
    }
}
