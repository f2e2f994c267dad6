package org.valuesim.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.valuesim.core.log.ResponseLog;

/**
 * A model-backed run in a child JVM is killed (SIGKILL) mid-survey and resumed against the same stand-in server,
 * which answers each distinct request the same way every time: an option, a reply that names none (a paid failure), or
 * HTTP 500 on every attempt (a call that got no reply). The resumed run's answers must be those of an uninterrupted
 * run, the replies it logged are read back (failed ones included) and not paid for again, and only the answers whose
 * calls got no reply are asked again.
 */
class ModelRunResumeTest {

    static final int AGENTS = 120;
    static final int ANSWERS = AGENTS * 21;
    static final String UNREADABLE = "I cannot say.";

    @TempDir
    Path dir;
    HttpServer server;
    /** Per request body: how many times the stand-in replied 200 (a paid reply). */
    final Map<String, AtomicInteger> paid = new ConcurrentHashMap<>();
    final AtomicInteger requests = new AtomicInteger();

    void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        requests.incrementAndGet();
        int h;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            h = ((digest[0] & 0xff) << 8) | (digest[1] & 0xff);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IOException(e);
        }
        try {
            Thread.sleep(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (h % 11 == 0) {
            FaultSuiteTest.send(exchange, 500, "{\"error\":{\"message\":\"internal error\"}}", Map.of());
            return;
        }
        paid.computeIfAbsent(new String(body, java.nio.charset.StandardCharsets.UTF_8), k -> new AtomicInteger())
                .incrementAndGet();
        // a repair call quotes the reply it repairs: the model that could not say still cannot
        boolean cannot = h % 7 == 0 || new String(body, java.nio.charset.StandardCharsets.UTF_8).contains(UNREADABLE);
        FaultSuiteTest.send(exchange, 200, FaultSuiteTest.completion(cannot ? UNREADABLE : "" + (1 + h % 6)), Map.of());
    }

    @BeforeEach
    void start() throws IOException {
        server = FaultSuiteTest.chatCompletions(this::handle, 8);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    Path scenario(String name) throws IOException {
        Path file = dir.resolve(name + ".yaml");
        Files.writeString(file, """
                name: resume
                seed: 3
                population: {size: %d, preset: us-gss-2012}
                respondent: {kind: value-prompt, model: local}
                models:
                  local:
                    provider: openai-compatible
                    base-url: http://127.0.0.1:%d/v1
                    model: q
                    answer-mode: sample
                    max-in-flight: 4
                    max-attempts: 2
                    retry-backoff-ms: 1
                instruments: [pvq21]
                cache: %s
                """.formatted(AGENTS, server.getAddress().getPort(), dir.resolve(name + ".db")));
        return file;
    }

    /** responses.csv's answers without their timings and cache flags: agent, item, answer, p_k, status, failure, raw. */
    static List<String> answers(Path run) throws IOException {
        return FaultSuiteTest.rows(run.resolve("responses.csv")).stream().map(r -> {
            int n = r.size();
            return String.join("|", r.subList(0, 12)) + "|" + r.get(n - 2) + "|" + r.get(n - 1);
        }).toList();
    }

    @Test
    void aKilledModelRunResumesToTheSameAnswersAskingAgainOnlyCallsThatGotNoReply() throws Exception {
        Path scenario = scenario("killed");
        Path out = dir.resolve("killed");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), "-Djava.io.tmpdir=" + dir,
                ValuesimCommand.class.getName(), "run", scenario.toString(), "--out", out.toString(), "--quiet")
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.out").toFile()).start();
        Path log = out.resolve(ResponseLog.FILE);
        for (int i = 0; i < 6000 && p.isAlive() && !(Files.exists(log) && Files.readAllLines(log).size() > ANSWERS / 3); i++) {
            Thread.sleep(10);
        }
        p.destroyForcibly();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        List<String> lines = Files.readAllLines(log);
        assertTrue(lines.size() > 0 && lines.size() < ANSWERS, "killed mid-survey: " + lines.size() + " logged");
        long noReply = lines.stream().filter(l -> l.contains("\"f\":\"model call failed")).count();
        assertTrue(noReply > 0, "the killed run logged calls that got no reply: " + lines.size() + " lines");
        Map<String, Integer> paidBefore = new java.util.HashMap<>();
        paid.forEach((body, n) -> paidBefore.put(body, n.get()));

        Cli resumed = Cli.run("run", scenario.toString(), "--resume", out.toString(), "--quiet");
        assertEquals(0, resumed.exit(), resumed.err());
        JsonNode manifest = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
        assertEquals("completed", manifest.at("/status").asText());
        long readBack = manifest.at("/response_log/read_back").asLong();
        // the last line may have been cut short by the kill, and is then dropped
        assertTrue(readBack >= lines.size() - 1 - noReply && readBack <= lines.size() - noReply,
                readBack + " read back of " + lines.size() + " lines, " + noReply + " without a reply");
        assertEquals(ANSWERS, readBack + manifest.at("/response_log/appended").asLong(), "every answer once");
        // a reply logged by the killed run was never asked for again, so no request was paid for twice, except for
        // the calls in flight when it was killed, whose replies reached neither the log nor the cache
        long paidTwice = paid.entrySet().stream().filter(e -> e.getValue().get() > 1
                && paidBefore.getOrDefault(e.getKey(), 0) > 0).count();
        assertTrue(paidTwice <= 4 * 2, paidTwice + " replies paid twice (at most the calls in flight at the kill)");

        Path whole = dir.resolve("whole");
        Cli uninterrupted = Cli.run("run", scenario("whole").toString(), "--out", whole.toString(), "--quiet");
        assertEquals(0, uninterrupted.exit(), uninterrupted.err());
        assertEquals(answers(whole), answers(out));
        assertTrue(answers(out).stream().anyMatch(a -> a.endsWith("|" + UNREADABLE)) && answers(out).stream()
                .anyMatch(a -> a.contains("|" + "model call failed")), "the stand-in gave both kinds of failure");
    }
}
