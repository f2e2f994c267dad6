package org.valuesim.scenarios.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A value-prompted population answering PVQ-21 through a loopback stand-in OpenAI-compatible server. */
class LlmRunEndToEndTest {

    static final String LOGPROBS = """
            {"id":"c","object":"chat.completion","created":1,"model":"qwen","choices":[{"index":0,
             "message":{"role":"assistant","content":"4"},
             "logprobs":{"content":[{"token":"4","logprob":-0.4,"bytes":[52],"top_logprobs":[
               {"token":"4","logprob":-0.4,"bytes":[52]},{"token":"5","logprob":-1.2,"bytes":[53]},
               {"token":" 3","logprob":-2.5,"bytes":[32,51]}]}]},"finish_reason":"stop"}],
             "usage":{"prompt_tokens":150,"completion_tokens":1,"total_tokens":151}}""";

    @TempDir
    Path dir;
    WireMockServer server;
    Path scenario;

    @BeforeEach
    void start() throws Exception {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").containerThreads(32));
        server.start();
        scenario = dir.resolve("vp.yaml");
        Files.writeString(scenario, """
                name: value-prompted
                seed: 7
                population: {size: 20, preset: us-gss-2012, strategy: uniform}
                respondent: {kind: value-prompt, model: local}
                models:
                  local:
                    provider: openai-compatible
                    base-url: http://127.0.0.1:%d/v1
                    model: qwen
                    max-in-flight: 16
                    answer-mode: logprobs
                instruments: [pvq21]
                cache: %s
                """.formatted(server.port(), dir.resolve("cache.db")));
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    void answer(String body) {
        server.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(body)));
    }

    Path run(String name, String... options) {
        Path out = dir.resolve(name);
        String[] args = new String[4 + options.length];
        args[0] = "run";
        args[1] = scenario.toString();
        args[2] = "--out";
        args[3] = out.toString();
        System.arraycopy(options, 0, args, 4, options.length);
        Cli cli = Cli.run(args);
        assertEquals(0, cli.exit(), cli.err());
        return out;
    }

    JsonNode manifest(Path run) throws Exception {
        return new ObjectMapper().readTree(run.resolve("manifest.json").toFile());
    }

    @Test
    void oneCallPerAnswerThenZeroCallsFromTheCacheWithIdenticalReplays() throws Exception {
        answer(LOGPROBS);
        Path first = run("first", "--quiet");
        // 20 uniform personas are two per value: 10 distinct personas x 21 items = 210 distinct prompts
        assertEquals(210, server.getAllServeEvents().size());
        List<String> rows = Files.readAllLines(first.resolve("responses.csv"));
        assertEquals(421, rows.size());
        String[] cells = rows.get(1).split(",", -1);
        // agent_id,instrument,item_id,answer,answer_label,p_1..p_6,status,respondent,model,prompt_hash,cache_hit,attempts
        assertEquals("4", cells[3]);
        assertEquals("0", cells[5]);
        assertEquals("ok", cells[11]);
        assertEquals("value-prompt", cells[12]);
        assertEquals("qwen", cells[13]);
        assertEquals(64, cells[14].length());
        assertEquals("false", cells[15]);
        assertEquals("1", cells[16]);
        double p4 = Math.exp(-0.4) / (Math.exp(-0.4) + Math.exp(-1.2) + Math.exp(-2.5));
        assertEquals(p4, Double.parseDouble(cells[8]), 1e-6);
        assertEquals(210, manifest(first).at("/counts/model_calls").asInt());
        assertEquals(210, manifest(first).at("/counts/shared_requests").asInt());
        assertEquals(210, manifest(first).at("/models/local/model_calls").asInt());

        Path second = run("second", "--quiet");
        assertEquals(210, server.getAllServeEvents().size(), "the second run makes zero model calls");
        assertEquals(0, manifest(second).at("/counts/model_calls").asInt());
        assertEquals(210, manifest(second).at("/counts/cache_hits").asInt());
        assertTrue(Files.readAllLines(second.resolve("responses.csv")).get(1).contains(",true,0,0,"));
        Path third = run("third", "--quiet");
        for (String file : List.of("responses.csv", "agents.csv", "summary.json")) {
            assertEquals(-1L, Files.mismatch(second.resolve(file), third.resolve(file)), file);
        }
        Cli stats = Cli.run("cache", "stats", "--cache", dir.resolve("cache.db").toString());
        assertEquals(0, stats.exit(), stats.err());
        assertTrue(stats.out().contains(": 210 entries") && stats.out().contains("openai-compatible/qwen: 210"), stats.out());
        Path export = dir.resolve("export.jsonl");
        assertEquals(0, Cli.run("cache", "export", "--cache", dir.resolve("cache.db").toString(), "--out",
                export.toString()).exit());
        assertEquals(210, Files.readAllLines(export).size());
        assertTrue(Files.readAllLines(export).get(0).contains("\"first-token-logprobs\"")
                || Files.readAllLines(export).get(0).contains("\"firstTokenLogprobs\""));
        run("uncached", "--quiet", "--no-cache");
        assertEquals(420, server.getAllServeEvents().size(), "--no-cache asks the model again");
        assertEquals(0, Cli.run("cache", "clear", "--cache", dir.resolve("cache.db").toString()).exit());
        run("after-clear", "--quiet");
        assertEquals(630, server.getAllServeEvents().size(), "a cleared cache is asked again");
        assertEquals(2, Cli.run("cache", "stats", "--cache", dir.resolve("none.db").toString()).exit());
    }

    @Test
    void unreadableAnswersAreRepairedOnceThenRecordedAsFailedWithTheirTextAndTheRunFails() throws Exception {
        answer("""
                {"id":"c","object":"chat.completion","created":1,"model":"qwen","choices":[{"index":0,
                 "message":{"role":"assistant","content":"I would rather not say."},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":150,"completion_tokens":6,"total_tokens":156}}""");
        Path out = dir.resolve("failing");
        Cli cli = Cli.run("run", scenario.toString(), "--out", out.toString(), "--quiet", "--no-cache");
        assertEquals(1, cli.exit(), "a run whose answers all failed is a failure");
        assertEquals("error: all 420 answers failed: unreadable answer after a repair call\n", cli.err());
        assertEquals(420, server.getAllServeEvents().size(), "each distinct prompt: the call and one repair call");
        JsonNode m = manifest(out);
        assertEquals("failed", m.at("/status").asText());
        assertEquals(420, m.at("/counts/answers").asInt());
        assertEquals(420, m.at("/counts/failed_answers").asInt());
        assertEquals(0, m.at("/counts/ok_answers").asInt());
        assertEquals("unreadable answer after a repair call", m.at("/failures/commonest_reason").asText());
        String row = Files.readAllLines(out.resolve("responses.csv")).get(1);
        assertTrue(row.endsWith(",failed,value-prompt,qwen," + row.split(",")[14] + ",false,2,"
                + row.split(",")[17] + ",300,12,unreadable answer after a repair call,I would rather not say."), row);
        assertEquals(421, Files.readAllLines(out.resolve("responses.csv")).size(), "the answers written are kept");
    }

    @Test
    void aRunWithNoServerAtItsBaseUrlFailsWithOneLineNamingTheCauseEvenWhenQuiet() throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        Files.writeString(scenario, Files.readString(scenario).replace("127.0.0.1:" + server.port(), "127.0.0.1:" + port)
                .replace("answer-mode: logprobs", "answer-mode: sample\n    max-attempts: 1"));
        Path out = dir.resolve("dead");
        Cli cli = Cli.run("run", scenario.toString(), "--out", out.toString(), "--quiet");
        assertEquals(1, cli.exit(), cli.err());
        assertEquals("error: all 420 answers failed: model call failed: connection refused at http://127.0.0.1:" + port
                + "/v1: is the server running?\n", cli.err());
        assertEquals("", cli.out());
        assertEquals("failed", manifest(out).at("/status").asText());
        assertEquals(421, Files.readAllLines(out.resolve("responses.csv")).size(), "every failed answer is kept");
        assertEquals(420, Files.readAllLines(out.resolve("response-log.jsonl")).size());
    }

    @Test
    void validateChecksTheModelWithoutCallingIt() throws Exception {
        Cli cli = Cli.run("validate", scenario.toString());
        assertEquals(0, cli.exit(), cli.err());
        assertEquals(0, server.getAllServeEvents().size());
        assertTrue(!Files.exists(dir.resolve("cache.db")), "validate writes nothing");
        Files.writeString(scenario, Files.readString(scenario).replace("model: local}", "model: remote}"));
        Cli bad = Cli.run("validate", scenario.toString());
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains(":4:41: respondent.model: no model 'remote' under models"), bad.err());
    }
}
