package org.valuesim.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A study in a child JVM is stopped by Ctrl-C in its second run, resumed in another child JVM that is killed
 * (SIGKILL) in its third run, and resumed again: finished runs are skipped, the interrupted ones run again (the
 * psychometric respondent's answers are recomputed, not logged), and every output is byte-identical to an
 * uninterrupted study's. Runs b and c span several survey windows so that the child is caught mid-survey.
 */
class StudyCrashAndResumeTest {

    @TempDir
    Path dir;

    Process child(Path study, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx512m", "-cp", System.getProperty("java.class.path"), "-Djava.io.tmpdir=" + dir,
                ValuesimCommand.class.getName(), "study", study.toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(dir.resolve("child.err").toFile())
                .redirectOutput(dir.resolve("child.out").toFile()).start();
    }

    /** Waits until the run has written its first survey windows (it is mid-phase), while the child lives. */
    static void awaitWritten(Process p, Path run) throws Exception {
        Path responses = run.resolve("responses.csv");
        for (int i = 0; i < 12_000 && p.isAlive(); i++) {
            if (Files.exists(responses) && Files.size(responses) > 200_000) {
                return;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("the child did not reach " + run + " in time (alive: " + p.isAlive() + ")");
    }

    static String status(Path run) throws Exception {
        return new ObjectMapper().readTree(run.resolve("manifest.json").toFile()).at("/status").asText();
    }

    @Test
    void anInterruptedThenKilledStudyResumesToTheOutputsOfAnUninterruptedOne() throws Exception {
        Path study = dir.resolve("three.yaml");
        Files.writeString(study, """
                name: three
                seed: 4
                base:
                  name: three
                  population: {size: 2000, preset: us-gss-2012}
                  instruments: [pvq21]
                  statistics: {permutations: 99, bootstrap: 0}
                conditions:
                  - {name: a}
                  - {name: b, set: {population.size: 9000}}
                  - {name: c, set: {population.size: 8500}}
                """);
        Path out = dir.resolve("stopped");
        Process first = child(study, "--out", out.toString(), "--quiet");
        awaitWritten(first, out.resolve("runs/b-r1"));
        new ProcessBuilder("kill", "-INT", Long.toString(first.pid())).start().waitFor();
        assertTrue(first.waitFor(60, TimeUnit.SECONDS));
        assertEquals(130, first.exitValue());
        String err = Files.readString(dir.resolve("child.err"), StandardCharsets.UTF_8);
        assertTrue(err.contains("resume with: valuesim study " + study + " --resume " + out), err);
        assertEquals("completed", status(out.resolve("runs/a-r1")));
        assertEquals("interrupted", status(out.resolve("runs/b-r1")));
        assertFalse(Files.exists(out.resolve("runs/c-r1")), "no run starts after Ctrl-C");
        assertFalse(Files.exists(out.resolve("study.csv")));
        byte[] finishedManifest = Files.readAllBytes(out.resolve("runs/a-r1/manifest.json"));

        Process second = child(study, "--resume", out.toString(), "--quiet");
        awaitWritten(second, out.resolve("runs/c-r1"));
        second.destroyForcibly();
        assertTrue(second.waitFor(30, TimeUnit.SECONDS));
        assertEquals("completed", status(out.resolve("runs/b-r1")));
        assertEquals("running", status(out.resolve("runs/c-r1")), "a killed run leaves its manifest saying so");

        Cli resumed = Cli.run("study", study.toString(), "--resume", out.toString());
        assertEquals(0, resumed.exit(), resumed.err());
        assertTrue(resumed.out().startsWith("run 1 of 1: runs/c-r1 (seed 4), resuming\n"), resumed.out());
        JsonNode c = new ObjectMapper().readTree(out.resolve("runs/c-r1/manifest.json").toFile());
        assertEquals("completed", c.at("/status").asText());
        assertEquals(0, c.at("/response_log/read_back").asLong(), "embedded answers are recomputed, not logged");
        assertEquals(8500 * 21, c.at("/counts/answers").asLong(), "every answer of the killed run computed again");
        assertTrue(java.util.Arrays.equals(finishedManifest, Files.readAllBytes(out.resolve("runs/a-r1/manifest.json"))),
                "a finished run is skipped");

        Path whole = dir.resolve("whole");
        assertEquals(0, Cli.run("study", study.toString(), "--out", whole.toString(), "--quiet").exit());
        for (String file : List.of("study.csv", "study.json", "study.html", "runs/a-r1/summary.json",
                "runs/b-r1/responses.csv", "runs/b-r1/summary.json", "runs/c-r1/responses.csv", "runs/c-r1/agents.csv",
                "runs/c-r1/summary.json")) {
            assertEquals(-1L, Files.mismatch(whole.resolve(file), out.resolve(file)), file + " differs");
        }
        Cli again = Cli.run("study", study.toString(), "--resume", out.toString(), "--quiet");
        assertEquals(0, again.exit(), "a finished study resumes to nothing new");
        assertEquals(-1L, Files.mismatch(whole.resolve("study.csv"), out.resolve("study.csv")));
    }
}
