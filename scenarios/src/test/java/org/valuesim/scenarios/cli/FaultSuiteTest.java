package org.valuesim.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run against a loopback stand-in for an OpenAI-compatible server that fails at set rates: HTTP 500, 429 with
 * Retry-After, answers slower than the client's timeout, dropped connections, empty and unparseable answers. The run
 * must complete with every answer either valid or failed with its reason, and counts that add up.
 */
class FaultSuiteTest {

    /** Outcome rates per request; the rest answer "4". */
    static final Map<String, Double> RATES = Map.of("500", 0.10, "429", 0.10, "timeout", 0.04, "drop", 0.06,
            "empty", 0.06, "unparseable", 0.10);
    static final String ALWAYS_FAILING_ITEM = "new ideas and being creative";
    static final List<String> OUTCOMES = List.of("500", "429", "timeout", "drop", "empty", "unparseable");

    @TempDir
    Path dir;
    HttpServer server;
    final SplittableRandom random = new SplittableRandom(2024);
    final Map<String, AtomicInteger> served = new ConcurrentHashMap<>();

    synchronized String outcome() {
        double u = random.nextDouble();
        for (String o : OUTCOMES) {
            u -= RATES.get(o);
            if (u < 0) {
                return o;
            }
        }
        return "ok";
    }

    static String completion(String content) {
        return "{\"id\":\"c\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"q\",\"choices\":[{\"index\":0,"
                + "\"message\":{\"role\":\"assistant\",\"content\":\"" + content + "\"},\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":100,\"completion_tokens\":1,\"total_tokens\":101}}";
    }

    void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        // One item always gets HTTP 500, so a call that fails on every attempt is certain, not left to chance.
        String outcome = body.contains(ALWAYS_FAILING_ITEM) ? "500" : outcome();
        served.computeIfAbsent(outcome, k -> new AtomicInteger()).incrementAndGet();
        switch (outcome) {
            case "drop" -> throw new IOException("stand-in drops the connection");
            case "timeout" -> {
                try {
                    Thread.sleep(1500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                send(exchange, 200, completion("4"), Map.of());
            }
            case "500" -> send(exchange, 500, "{\"error\":{\"message\":\"internal error\"}}", Map.of());
            case "429" -> send(exchange, 429, "{\"error\":{\"message\":\"rate limited\"}}", Map.of("Retry-After", "0"));
            case "empty" -> send(exchange, 200, completion(""), Map.of());
            case "unparseable" -> send(exchange, 200, completion("I cannot say."), Map.of());
            default -> send(exchange, 200, completion("4"), Map.of());
        }
    }

    static void send(HttpExchange exchange, int status, String body, Map<String, String> headers) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        headers.forEach(exchange.getResponseHeaders()::set);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    /** A loopback chat completions endpoint served by {@code handler} on {@code threads} threads, started. */
    static HttpServer chatCompletions(com.sun.net.httpserver.HttpHandler handler, int threads) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/chat/completions", handler);
        server.setExecutor(Executors.newFixedThreadPool(threads));
        server.start();
        return server;
    }

    @BeforeEach
    void start() throws IOException {
        server = chatCompletions(this::handle, 16);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    /** responses.csv rows split into cells (quoted cells may hold commas and doubled quotes). */
    static List<List<String>> rows(Path csv) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        for (String line : Files.readAllLines(csv).subList(1, Files.readAllLines(csv).size())) {
            List<String> cells = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (c == '"') {
                    if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = !quoted;
                    }
                } else if (c == ',' && !quoted) {
                    cells.add(cell.toString());
                    cell.setLength(0);
                } else {
                    cell.append(c);
                }
            }
            cells.add(cell.toString());
            rows.add(cells);
        }
        return rows;
    }

    @Test
    void everyAnswerIsValidOrFailedWithItsReasonAndTheCountsAddUp() throws Exception {
        Path scenario = dir.resolve("faulty.yaml");
        Files.writeString(scenario, """
                name: faulty
                seed: 5
                population: {size: 20, preset: us-gss-2012, strategy: uniform}
                respondent: {kind: value-prompt, model: local}
                models:
                  local:
                    provider: openai-compatible
                    base-url: http://127.0.0.1:%d/v1
                    model: q
                    answer-mode: sample
                    max-in-flight: 8
                    timeout-seconds: 0.5
                    max-attempts: 3
                    retry-backoff-ms: 5
                instruments: [pvq21]
                cache: %s
                """.formatted(server.getAddress().getPort(), dir.resolve("cache.db")));
        Path out = dir.resolve("run");
        Cli cli = Cli.run("run", scenario.toString(), "--out", out.toString(), "--no-cache");
        assertEquals(0, cli.exit(), cli.err());
        for (String o : OUTCOMES) {
            assertTrue(served.containsKey(o), "the stand-in served no " + o + ": " + served);
        }
        List<List<String>> rows = rows(out.resolve("responses.csv"));
        assertEquals(20 * 21, rows.size(), "no answer dropped");
        int ok = 0;
        int failed = 0;
        boolean callFailure = false;
        boolean unreadable = false;
        boolean serverError = false;
        // columns: agent_id, instrument, item_id, answer, answer_label, p_1..p_6, status, ..., failure, raw_text
        for (List<String> row : rows) {
            String status = row.get(11);
            if (status.equals("ok")) {
                ok++;
                int answer = Integer.parseInt(row.get(3));
                assertTrue(answer >= 1 && answer <= 6, row.toString());
            } else {
                assertEquals("failed", status, row.toString());
                failed++;
                String reason = row.get(row.size() - 2);
                assertFalse(reason.isBlank(), "a failed answer says why: " + row);
                callFailure |= reason.startsWith("model call failed: ") && row.get(row.size() - 1).contains("[failed:");
                serverError |= reason.equals("model call failed: HTTP 500 from http://127.0.0.1:"
                        + server.getAddress().getPort() + "/v1: internal error");
                unreadable |= row.get(row.size() - 1).contains("I cannot say.");
            }
        }
        assertTrue(ok > 0 && failed > 0, ok + " ok, " + failed + " failed");
        assertTrue(callFailure, "some answers failed because the calls failed, and say so");
        assertTrue(unreadable, "some answers failed as unreadable, with the raw text kept");
        assertTrue(serverError, "a call that kept failing names the status, the endpoint and the server's message");
        JsonNode manifest = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
        assertEquals(420, manifest.at("/counts/answers").asInt());
        assertEquals(ok, manifest.at("/counts/ok_answers").asInt());
        assertEquals(failed, manifest.at("/counts/failed_answers").asInt());
        assertTrue(manifest.at("/counts/retries").asInt() > 0, manifest.toString());
        assertEquals("completed", manifest.at("/status").asText());
        assertEquals(failed, manifest.at("/failures/count").asInt());
        assertTrue(manifest.at("/failures/commonest_count").asInt() > 0 && !manifest.at("/failures/commonest_reason")
                .asText().isBlank(), manifest.toString());
        // the printed summary says how many failed and why, most often
        assertTrue(cli.out().contains("420 answers (" + failed + " failed)\ncommonest failure ("
                + manifest.at("/failures/commonest_count").asInt() + " of " + failed + "): "
                + manifest.at("/failures/commonest_reason").asText() + "\n"), cli.out());
        assertEquals(420, Files.readAllLines(out.resolve("response-log.jsonl")).size(), "every answer is logged");
    }
}
