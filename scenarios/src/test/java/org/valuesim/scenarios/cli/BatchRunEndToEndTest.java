package org.valuesim.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.valuesim.core.llm.batch.AnthropicBatchStandIn;
import org.valuesim.core.llm.batch.Answers;
import org.valuesim.core.llm.batch.BatchJournal;
import org.valuesim.core.llm.batch.OpenAiBatchStandIn;

/**
 * Whole runs with {@code submit: batch} against a loopback stand-in of the OpenAI Batch API: the results equal a live
 * run's of the same answers; a run killed while its batch is in progress and resumed makes no second batch; a batch
 * the provider refuses is one line, exit 1, and the run resumes.
 */
class BatchRunEndToEndTest {

    @TempDir
    Path dir;
    OpenAiBatchStandIn server;

    @BeforeEach
    void start() throws Exception {
        server = new OpenAiBatchStandIn(Answers::openAi);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    Path scenario(String name, String submit, String cache) throws Exception {
        Path file = dir.resolve(name + ".yaml");
        Files.writeString(file, """
                name: value-prompted
                seed: 7
                population: {size: 20, preset: us-gss-2012, strategy: uniform}
                respondent: {kind: value-prompt, model: local}
                models:
                  local:
                    provider: openai-compatible
                    base-url: %s
                    model: gpt-test
                    submit: %s
                    batch-poll-seconds: 0.01
                    pricing: {input: 0.40, cached-input: 0.10, output: 1.60}
                instruments: [pvq21]
                cache: %s
                """.formatted(server.baseUrl(), submit, dir.resolve(cache)));
        return file;
    }

    static JsonNode manifest(Path run) throws Exception {
        return new ObjectMapper().readTree(run.resolve("manifest.json").toFile());
    }

    /** responses.csv without its latency column, which only a live call fills. */
    static List<String> withoutLatency(Path run) throws Exception {
        List<String> rows = Files.readAllLines(run.resolve("responses.csv"));
        int latency = Arrays.asList(rows.get(0).split(",")).indexOf("latency_ms");
        return rows.stream().map(r -> {
            String[] cells = r.split(",", -1);
            cells[latency] = "";
            return String.join(",", cells);
        }).collect(Collectors.toList());
    }

    Path run(Path scenario, String name, String... more) {
        Path out = dir.resolve(name);
        String[] args = new String[] {"run", scenario.toString(), "--out", out.toString(), "--quiet"};
        String[] all = Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        Cli cli = Cli.run(all);
        assertEquals(0, cli.exit(), cli.err());
        return out;
    }

    @Test
    void aBatchRunGivesTheResultsOfALiveRunOfTheSameAnswers() throws Exception {
        Path batched = run(scenario("batched", "batch", "batch.db"), "batched");
        assertEquals(1, server.created.get(), "one phase, one batch");
        assertEquals(List.of(210), server.linesPerBatch, "10 distinct personas x 21 items");
        assertEquals(0, server.liveCalls.get());
        JsonNode m = manifest(batched);
        assertEquals(1, m.at("/models/local/batches").asInt());
        assertEquals(210, m.at("/models/local/batched_calls").asInt());
        assertEquals(210, m.at("/models/local/model_calls").asInt());
        assertEquals("completed", m.at("/models/local/batch_jobs/0/status").asText());
        assertTrue(m.at("/models/local/batch_jobs/0/batch_id").asText().startsWith("batch_"));
        assertTrue(Files.exists(batched.resolve(BatchJournal.FILE)));
        // usage.prompt_tokens_details.cached_tokens (16 a call from the stand-in) reaches the manifest and its price
        assertEquals(210L * 16, m.at("/models/local/cached_input_tokens").asLong());

        Path live = run(scenario("live", "live", "live.db"), "live");
        assertEquals(210, server.liveCalls.get());
        for (String file : List.of("agents.csv", "summary.json")) {
            assertEquals(-1L, Files.mismatch(batched.resolve(file), live.resolve(file)), file);
        }
        assertEquals(withoutLatency(live), withoutLatency(batched));
        assertEquals(m.at("/models/local/tokens_in").asLong(), manifest(live).at("/models/local/tokens_in").asLong());
        double liveCost = manifest(live).at("/cost_usd").asDouble();
        double batchCost = m.at("/cost_usd").asDouble();
        assertTrue(liveCost > 0 && Math.abs(batchCost - liveCost / 2) < 2e-6, batchCost + " is half of " + liveCost);
        assertEquals(m.at("/models/local/cost_usd/batch").asDouble(), batchCost, 1e-9);
    }

    @Test
    void eachDilemmaRoundIsABatchOfItsOwn() throws Exception {
        Path scenario = scenario("rounds", "batch", "rounds.db");
        Files.writeString(scenario, Files.readString(scenario).replace("instruments: [pvq21]",
                "instruments: [pvq21]\ndilemmas:\n  - {kind: public-goods, rounds: 2}"));
        Path out = run(scenario, "rounds");
        // the survey's 210 distinct prompts, then one batch per round of 20 moves (each agent's prompt is its own)
        assertEquals(3, server.created.get(), server.linesPerBatch.toString());
        assertEquals(210, (int) server.linesPerBatch.get(0));
        assertTrue(server.linesPerBatch.get(1) <= 20 && server.linesPerBatch.get(2) <= 20, server.linesPerBatch.toString());
        JsonNode m = manifest(out);
        assertEquals(40, m.at("/counts/ok_moves").asInt());
        assertEquals(3, m.at("/models/local/batches").asInt());
    }

    /** A CAPS reply: modules answer 4, except the affective one on items whose text hashes odd; coordinators 5. */
    static String capsReply(JsonNode body) {
        String all = body.path("messages").toString();
        String text = all.contains("Three analyses of the question") ? "5"
                : all.contains("affective perspective") && Answers.digit(Answers.lastText(body.path("messages"))) % 2 == 1
                ? "Analysis: it moves me.\\nAnswer: 6" : "Analysis: it fits.\\nAnswer: 4";
        return """
                {"id":"chatcmpl-x","object":"chat.completion","created":1,"model":"%s","choices":[{"index":0,
                 "message":{"role":"assistant","content":"%s"},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":100,"completion_tokens":8,"total_tokens":108}}"""
                .formatted(body.path("model").asText(), text);
    }

    @Test
    void capsSendsItsModuleCallsThenOneBatchOfCoordinatorCallsForTheDisagreements() throws Exception {
        server.close();
        server = new OpenAiBatchStandIn(BatchRunEndToEndTest::capsReply);
        Path scenario = scenario("caps", "batch", "caps.db");
        Files.writeString(scenario, Files.readString(scenario)
                .replace("population: {size: 20, preset: us-gss-2012, strategy: uniform}", """
                        population:
                          individuals: {data: %s, codebook: %s, backstory: template}"""
                        .formatted(Path.of("examples/data/gss-individuals.csv").toAbsolutePath(),
                                Path.of("../data/us-gss-2012/codebook.yaml").toAbsolutePath().normalize()))
                .replace("respondent: {kind: value-prompt, model: local}",
                        "respondent: {kind: backstory-caps, model: local, integration: coordinator}"));
        Path out = run(scenario, "caps");
        List<List<JsonNode>> batches = server.batchInputs();
        assertTrue(batches.size() >= 2, server.linesPerBatch.toString());
        java.util.function.Predicate<JsonNode> coordinator = line -> line.path("body").path("messages").toString()
                .contains("Three analyses of the question");
        List<JsonNode> last = batches.get(batches.size() - 1);
        for (List<JsonNode> modules : batches.subList(0, batches.size() - 1)) {
            assertTrue(modules.stream().noneMatch(coordinator), "module batches hold no coordinator call");
        }
        assertTrue(last.stream().allMatch(coordinator), "the last batch holds only coordinator calls");
        int moduleCalls = batches.subList(0, batches.size() - 1).stream().mapToInt(List::size).sum();
        assertEquals(20 * 21 * 3, moduleCalls, "three module calls for each of 20 people x 21 items, all batched");
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        int disagreements = summary.at("/caps/coordinator_calls").asInt();
        assertTrue(disagreements > 0 && disagreements < 20 * 21, "some items disagree, some not: " + disagreements);
        assertEquals(disagreements, last.size(), "one batch of coordinator calls, one per disagreement");
        assertEquals(0, server.liveCalls.get());

        Path liveScenario = dir.resolve("caps-live.yaml");
        Files.writeString(liveScenario, Files.readString(scenario).replace("submit: batch", "submit: live")
                .replace("caps.db", "caps-live.db"));
        Path live = run(liveScenario, "caps-live");
        assertEquals(withoutLatency(live), withoutLatency(out), "the batched run answers as a live one");
    }

    @Test
    void anthropicMessageBatchesCarryThePromptCacheMarkAndItsUsageReachesTheManifest() throws Exception {
        // the key comes from an environment variable every test JVM has; the stand-in expects its value
        String key = System.getenv("PATH");
        java.util.Set<String> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
        try (AnthropicBatchStandIn claude = new AnthropicBatchStandIn(p -> Answers.anthropic(p, seen), key)) {
            Path scenario = scenario("claude", "batch", "claude.db");
            Files.writeString(scenario, Files.readString(scenario)
                    .replace("provider: openai-compatible", "provider: anthropic\n    api-key-env: PATH")
                    .replace(server.baseUrl(), claude.baseUrl() + "/")
                    .replace("{input: 0.40, cached-input: 0.10, output: 1.60}",
                            "{input: 1.00, cached-input: 0.10, cache-write: 1.25, output: 5.00}"));
            JsonNode m = manifest(run(scenario, "claude"));
            assertEquals(1, claude.created.get());
            assertEquals(0, claude.liveCalls.get());
            JsonNode params = claude.batchRequests().get(0).get(0).path("params");
            assertEquals("ephemeral", params.path("system").get(0).path("cache_control").path("type").asText());
            // 10 distinct personas: each one's first call writes its 1,100 prefix tokens, its 20 others read them
            assertEquals(10L * 1100, m.at("/models/local/cache_write_tokens").asLong());
            assertEquals(200L * 1100, m.at("/models/local/cached_input_tokens").asLong());
            assertEquals(210L * (20 + 1100), m.at("/models/local/tokens_in").asLong());
            double expected = (210 * 20 * 1.00 + 10 * 1100 * 1.25 + 200 * 1100 * 0.10 + 210 * 5.00) / 1e6 / 2;
            assertEquals(expected, m.at("/cost_usd").asDouble(), 1e-6);
        }
    }

    @Test
    void aRunKilledWhileItsBatchIsInProgressResumesWithoutASecondBatch() throws Exception {
        Path scenario = scenario("killed", "batch", "killed.db");
        server.hold(true);
        Path out = dir.resolve("killed");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Djava.io.tmpdir=" + dir,
                ValuesimCommand.class.getName(), "run", scenario.toString(), "--out", out.toString(), "--quiet")
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.out").toFile()).start();
        Path journal = out.resolve(BatchJournal.FILE);
        for (int i = 0; i < 6000 && child.isAlive()
                && !(Files.exists(journal) && Files.readString(journal).contains("\"submitted\"")); i++) {
            Thread.sleep(10);
        }
        assertTrue(child.isAlive(), Files.readString(dir.resolve("child.out")));
        Thread.sleep(100); // a few polls while in progress
        child.destroyForcibly();
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        assertEquals(1, server.created.get());
        assertEquals("running", manifest(out).at("/status").asText());

        server.hold(false);
        Cli resumed = Cli.run("run", scenario.toString(), "--resume", out.toString(), "--quiet");
        assertEquals(0, resumed.exit(), resumed.err());
        assertEquals(1, server.created.get(), "the resumed run re-attached: no second batch, nothing paid twice");
        assertEquals(1, server.uploads.get());
        assertEquals(0, server.liveCalls.get());
        assertTrue(Files.readString(journal).contains("\"reattached\""));
        JsonNode m = manifest(out);
        assertEquals("completed", m.at("/status").asText());
        assertEquals(420, m.at("/counts/ok_answers").asInt());
        Path live = run(scenario("whole", "live", "whole.db"), "whole");
        assertEquals(withoutLatency(live), withoutLatency(out));
    }

    @Test
    void aRefusedBatchIsOneLineExitOneAndTheRunResumes() throws Exception {
        Path scenario = scenario("refused", "batch", "refused.db");
        server.refuseUpload("File is too large: 210 requests is over this project's limit.");
        Path out = dir.resolve("refused");
        Cli cli = Cli.run("run", scenario.toString(), "--out", out.toString(), "--quiet");
        assertEquals(1, cli.exit(), cli.err());
        String first = cli.err().lines().findFirst().orElseThrow();
        assertEquals("error: the run stopped: model local: the provider refused batch 1 (210 requests, OpenAI Batch): "
                + "HTTP 400: File is too large: 210 requests is over this project's limit.", first);
        assertTrue(cli.err().contains("resume with: valuesim run " + scenario + " --resume " + out), cli.err());
        JsonNode m = manifest(out);
        assertEquals("failed", m.at("/status").asText());
        assertEquals(0, m.at("/counts/answers").asInt(), "no answer recorded as failed");

        server.refuseUpload(null);
        Cli resumed = Cli.run("run", scenario.toString(), "--resume", out.toString(), "--quiet");
        assertEquals(0, resumed.exit(), resumed.err());
        assertEquals(1, server.created.get());
        assertEquals(420, manifest(out).at("/counts/ok_answers").asInt());
    }
}
