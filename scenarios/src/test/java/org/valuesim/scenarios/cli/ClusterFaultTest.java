package org.valuesim.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.valuesim.scenarios.cluster.OpenAiStandIn;

/**
 * Two worker JVMs (valuesim worker, as users start them); one is killed with SIGKILL in the middle of a run. Its
 * unfinished blocks run on the other, the answers it had made are not asked again, and the results are those of
 * one machine.
 */
class ClusterFaultTest {

    @TempDir
    Path dir;
    final List<Process> workers = new ArrayList<>();

    @AfterEach
    void stop() {
        workers.forEach(Process::destroyForcibly);
    }

    /** Starts {@code valuesim worker} in a JVM of its own and waits until it is a member. */
    String startWorker(String cluster, String join, int index) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                "--add-opens", "java.base/java.lang=ALL-UNNAMED", "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), "org.valuesim.scenarios.cli.ValuesimCommand", "worker",
                "--cluster", cluster, "--interface", "127.0.0.1", "--cache", dir.resolve("worker-" + index + ".db").toString()));
        if (join != null) {
            command.addAll(List.of("--join", join));
        }
        Process worker = new ProcessBuilder(command).redirectErrorStream(true).start();
        workers.add(worker);
        BufferedReader out = new BufferedReader(new InputStreamReader(worker.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> address = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.startsWith("valuesim worker: member ")) {
                        String at = line.substring("valuesim worker: member ".length()).split(" ")[0];
                        address.complete(at.replace("[", "").replace("]", ""));
                    }
                }
                address.completeExceptionally(new IllegalStateException("the worker stopped"));
            } catch (Exception e) {
                address.completeExceptionally(e);
            }
        });
        reader.setDaemon(true);
        reader.start();
        return address.get(120, TimeUnit.SECONDS);
    }

    @Test
    void aMemberKilledMidRunLeavesItsBlocksToTheOthersAndNothingIsAskedTwice() throws Exception {
        String cluster = "valuesim-fault-" + UUID.randomUUID();
        String first = startWorker(cluster, null, 0);
        startWorker(cluster, first, 1);
        try (OpenAiStandIn server = new OpenAiStandIn(0, 250)) {
            Path scenario = ClusterRunTest.valuePrompted(server, "coordinator.db", dir);
            Path out = dir.resolve("cluster");
            CompletableFuture<Cli> run = CompletableFuture.supplyAsync(() -> Cli.run("run", scenario.toString(), "--out",
                    out.toString(), "--quiet", "--cluster", cluster, "--join", first, "--shard-size", "2"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (server.requests() < 60 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(server.requests() >= 60 && !run.isDone(), "killed mid-run, after " + server.requests() + " calls");
            workers.get(1).destroyForcibly();
            assertTrue(workers.get(1).waitFor(30, TimeUnit.SECONDS));
            Cli cli = run.get(180, TimeUnit.SECONDS);
            assertEquals(0, cli.exit(), cli.err());
            int asked = server.requests();
            // only calls in flight on the killed member when it died can be asked again (its max-in-flight, 16)
            assertTrue(asked >= 210 && asked <= 210 + 16, asked + " calls for 210 distinct prompts");
            assertTrue(server.askedTwice() <= 16, server.askedTwice() + " prompts asked twice");

            server.delay(0);
            Path here = dir.resolve("here");
            Cli alone = Cli.run("run", ClusterRunTest.valuePrompted(server, "here.db", dir).toString(), "--out",
                    here.toString(), "--quiet");
            assertEquals(0, alone.exit(), alone.err());
            assertEquals(ClusterRunTest.answers(here), ClusterRunTest.answers(out));
            assertEquals(-1L, Files.mismatch(here.resolve("agents.csv"), out.resolve("agents.csv")));
        }
    }
}
