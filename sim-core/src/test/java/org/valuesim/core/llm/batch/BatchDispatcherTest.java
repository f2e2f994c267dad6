package org.valuesim.core.llm.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.valuesim.core.cache.SqliteCallCache;
import org.valuesim.core.cost.Budget;
import org.valuesim.core.cost.Pricing;
import org.valuesim.core.llm.AnthropicBackend;
import org.valuesim.core.llm.BudgetExceeded;
import org.valuesim.core.llm.GatewayConfig;
import org.valuesim.core.llm.GatewayResult;
import org.valuesim.core.llm.Message;
import org.valuesim.core.llm.ModelGateway;
import org.valuesim.core.llm.ModelOptions;
import org.valuesim.core.llm.ModelRequest;
import org.valuesim.core.llm.ModelResponse;
import org.valuesim.core.llm.OpenAiCompatibleBackend;
import org.valuesim.core.llm.Sampling;
import org.valuesim.core.llm.Spending;

/**
 * Calls through the providers' batch APIs against loopback stand-ins that speak them as documented: what a batch
 * brings back equals what a live call of the same response gives; batches split at the limits; failed, expired and
 * cancelled requests are asked again live and journaled; follow-up calls go as the next batch; a refused batch stops
 * every call; a new dispatcher re-attaches to an open batch instead of submitting its calls again.
 */
class BatchDispatcherTest {

    static final Duration POLL = Duration.ofMillis(5);
    static final String KEY = "sk-ant-test";

    @TempDir
    Path dir;
    final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
    }

    <T extends AutoCloseable> T closes(T c) {
        closing.add(c);
        return c;
    }

    static ModelRequest request(int persona, int item) {
        return new ModelRequest(List.of(Message.system("You are persona " + persona + " and you value benevolence."),
                Message.user("Item " + item + ": how much is this person like you? Answer 1-6.")),
                new Sampling(0, 8, 20), 0);
    }

    ModelGateway openAiGateway(OpenAiBatchStandIn server, Path cacheFile) throws Exception {
        OpenAiCompatibleBackend backend = new OpenAiCompatibleBackend("gpt-test", null, Duration.ofSeconds(10));
        SqliteCallCache cache = closes(SqliteCallCache.open(cacheFile, 1000));
        return closes(new ModelGateway(backend, GatewayConfig.of(List.of(server.baseUrl()), 8), cache,
                ModelGateway.CacheMode.USE));
    }

    BatchDispatcher dispatcher(ModelGateway gateway, BatchProtocol protocol, List<BatchProgress> seen) {
        BatchDispatcher d = closes(new BatchDispatcher("local", gateway, (org.valuesim.core.llm.WireCodec) gateway.backend(),
                protocol, new BatchJournal(dir), seen::add, POLL, Duration.ofSeconds(30)));
        gateway.dispatchTo(d);
        return d;
    }

    List<JsonNode> journal() throws Exception {
        List<JsonNode> events = new ArrayList<>();
        if (!Files.exists(dir.resolve(BatchJournal.FILE))) {
            return events;
        }
        for (String line : Files.readAllLines(dir.resolve(BatchJournal.FILE))) {
            events.add(new ObjectMapper().readTree(line));
        }
        return events;
    }

    static List<GatewayResult> join(List<CompletableFuture<GatewayResult>> futures) {
        return futures.stream().map(f -> f.orTimeout(30, TimeUnit.SECONDS).join()).toList();
    }

    @Test
    void anOpenAiBatchAnswersExactlyAsLiveCallsAndRetriesItsFailuresLive() throws Exception {
        OpenAiBatchStandIn server = closes(new OpenAiBatchStandIn(Answers::openAi));
        ModelGateway gateway = openAiGateway(server, dir.resolve("cache.db"));
        List<BatchProgress> seen = new CopyOnWriteArrayList<>();
        BatchDispatcher batches = dispatcher(gateway, new OpenAiBatchProtocol(server.baseUrl(), "sk-test", 3,
                Duration.ofMillis(10)), seen);
        List<ModelRequest> requests = new ArrayList<>();
        for (int p = 0; p < 5; p++) {
            for (int i = 0; i < 6; i++) {
                requests.add(request(p, i));
            }
        }
        List<String> failing = List.of(gateway.key(requests.get(3)), gateway.key(requests.get(17)));
        String expiring = gateway.key(requests.get(29));
        server.fate(id -> failing.contains(id) ? OpenAiBatchStandIn.Fate.SERVER_ERROR
                : id.equals(expiring) ? OpenAiBatchStandIn.Fate.EXPIRED : OpenAiBatchStandIn.Fate.ANSWERED);
        List<CompletableFuture<GatewayResult>> futures = requests.stream().map(gateway::call).toList();
        Thread.sleep(50);
        assertEquals(0, server.created.get(), "nothing is submitted before the barrier");
        batches.flush();
        List<GatewayResult> results = join(futures);

        assertEquals(1, server.uploads.get());
        assertEquals(1, server.created.get());
        assertEquals(List.of(30), server.linesPerBatch);
        List<JsonNode> lines = server.batchInputs().get(0);
        for (int k = 0; k < 30; k++) {
            assertEquals(gateway.key(requests.get(k)), lines.get(k).path("custom_id").asText(), "asked order kept");
        }
        assertEquals(3, server.liveCalls.get(), "two server errors and one expired request asked again live");
        OpenAiCompatibleBackend live = new OpenAiCompatibleBackend("gpt-test", null, Duration.ofSeconds(10));
        for (int k = 0; k < 30; k++) {
            GatewayResult r = results.get(k);
            assertTrue(r.ok(), r.failure());
            assertEquals(live.call(requests.get(k), server.baseUrl()), r.response(), "batched = live, call " + k);
            assertEquals(failing.contains(r.key()) || r.key().equals(expiring) ? 2 : 1, r.attempts());
        }
        var stats = gateway.stats().snapshot();
        assertEquals(1, stats.batches());
        assertEquals(27, stats.batchedCalls());
        assertEquals(3, stats.batchFailuresRetried());
        assertEquals(30, stats.modelCalls());
        assertTrue(stats.cachedInputTokens() > 0, "cached_tokens read from prompt_tokens_details");

        List<JsonNode> events = journal();
        assertEquals(List.of("submitting", "uploaded", "submitted", "ended", "retried", "retried", "retried",
                "collected"), events.stream().map(e -> e.path("event").asText()).toList());
        assertTrue(events.stream().anyMatch(e -> e.path("custom_id").asText().equals(expiring)
                && e.path("reason").asText().startsWith("batch_expired")), events.toString());
        assertTrue(events.stream().anyMatch(e -> failing.contains(e.path("custom_id").asText())
                && e.path("reason").asText().contains("HTTP 500")), events.toString());
        assertTrue(seen.stream().anyMatch(p -> p.status().equals("in_progress") && p.total() == 30), seen.toString());
        assertEquals("collected", seen.get(seen.size() - 1).status());
        assertFalse(Files.exists(dir.resolve(BatchJournal.FOLDER).resolve("local-1.jsonl")), "input removed once sent");
        assertEquals(30, Files.readAllLines(dir.resolve(BatchJournal.FOLDER).resolve("local-1.ids")).size());

        // a second request for the same prompts is answered by the cache: no batch, no call
        batches.flush();
        assertTrue(gateway.call(requests.get(0)).join().ok());
        assertEquals(1, server.created.get());
    }

    @Test
    void batchesSplitAtTheLimitAndFollowUpCallsGoAsTheNextBatch() throws Exception {
        OpenAiBatchStandIn server = closes(new OpenAiBatchStandIn(Answers::openAi));
        ModelGateway gateway = openAiGateway(server, dir.resolve("cache.db"));
        BatchDispatcher batches = dispatcher(gateway, new OpenAiBatchProtocol(server.baseUrl(), null, 3,
                Duration.ofMillis(10), 4, 200_000_000L), new ArrayList<>());
        List<CompletableFuture<GatewayResult>> followUps = new CopyOnWriteArrayList<>();
        List<CompletableFuture<GatewayResult>> nextPhase = new CopyOnWriteArrayList<>();
        List<CompletableFuture<GatewayResult>> first = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            int item = i;
            first.add(gateway.call(request(0, i)).whenComplete((r, e) -> {
                if (item % 3 == 0) { // as a repair call follows an unreadable answer
                    followUps.add(gateway.call(request(1, item)));
                } else if (item % 3 == 1) { // as the simulation asks the next phase's calls meanwhile, on its thread
                    CompletableFuture.runAsync(() -> nextPhase.add(gateway.call(request(2, item))));
                }
            }));
        }
        batches.flush();
        join(first);
        for (int i = 0; i < 2000 && (followUps.size() < 4 || nextPhase.size() < 3); i++) {
            Thread.sleep(5);
        }
        assertEquals(4, followUps.size());
        join(followUps);
        assertEquals(List.of(4, 4, 2, 4), server.linesPerBatch, "ten calls split at four, then the follow-ups");
        assertEquals(3, nextPhase.size());
        assertTrue(nextPhase.stream().noneMatch(CompletableFuture::isDone), "the next phase's calls wait for its barrier");
        batches.flush();
        join(nextPhase);
        assertEquals(List.of(4, 4, 2, 4, 3), server.linesPerBatch);
    }

    @Test
    void aBatchTheProviderRefusesStopsEveryCallWithItsMessage() throws Exception {
        OpenAiBatchStandIn server = closes(new OpenAiBatchStandIn(Answers::openAi));
        server.refuseUpload("File is too large.");
        ModelGateway gateway = openAiGateway(server, dir.resolve("cache.db"));
        BatchDispatcher batches = dispatcher(gateway, new OpenAiBatchProtocol(server.baseUrl(), null, 3,
                Duration.ofMillis(10)), new ArrayList<>());
        List<CompletableFuture<GatewayResult>> futures = List.of(gateway.call(request(0, 0)), gateway.call(request(0, 1)));
        batches.flush();
        CompletionException e = assertThrows(CompletionException.class,
                () -> futures.get(1).orTimeout(30, TimeUnit.SECONDS).join());
        BatchRejected rejected = assertInstanceOf(BatchRejected.class, e.getCause());
        assertTrue(rejected.getMessage().startsWith("model local: the provider refused batch 1 (2 requests, OpenAI Batch)"),
                rejected.getMessage());
        assertTrue(rejected.getMessage().endsWith("File is too large."), rejected.getMessage());
        assertTrue(journal().stream().anyMatch(j -> j.path("event").asText().equals("rejected")));
        assertThrows(CompletionException.class, () -> gateway.call(request(0, 2)).join(), "the stop is final");
        assertEquals(0, server.liveCalls.get());
    }

    @Test
    void aBatchThatFailsValidationStopsTheCallsWithTheProvidersErrors() throws Exception {
        OpenAiBatchStandIn server = closes(new OpenAiBatchStandIn(Answers::openAi));
        server.failValidation("The model `gpt-test` does not exist or you do not have access to it.");
        ModelGateway gateway = openAiGateway(server, dir.resolve("cache.db"));
        BatchDispatcher batches = dispatcher(gateway, new OpenAiBatchProtocol(server.baseUrl(), null, 3,
                Duration.ofMillis(10)), new ArrayList<>());
        CompletableFuture<GatewayResult> f = gateway.call(request(0, 0));
        batches.flush();
        CompletionException e = assertThrows(CompletionException.class, () -> f.orTimeout(30, TimeUnit.SECONDS).join());
        assertTrue(e.getCause().getMessage().contains("the provider failed batch batch_2: line 1: The model `gpt-test` "
                + "does not exist"), e.getCause().getMessage());
    }

    @Test
    void aNewRunReattachesToTheOpenBatchInsteadOfPayingAgain() throws Exception {
        OpenAiBatchStandIn server = closes(new OpenAiBatchStandIn(Answers::openAi));
        server.hold(true);
        ModelGateway first = openAiGateway(server, dir.resolve("first.db"));
        BatchDispatcher crashed = dispatcher(first, new OpenAiBatchProtocol(server.baseUrl(), null, 3,
                Duration.ofMillis(10)), new ArrayList<>());
        List<ModelRequest> requests = List.of(request(0, 0), request(0, 1), request(0, 2));
        requests.forEach(first::call);
        crashed.flush();
        for (int i = 0; i < 2000 && journal().stream().noneMatch(j -> j.path("event").asText().equals("submitted")); i++) {
            Thread.sleep(5);
        }
        crashed.close(); // the run dies while its batch is in progress

        ModelGateway second = openAiGateway(server, dir.resolve("second.db"));
        BatchDispatcher resumed = dispatcher(second, new OpenAiBatchProtocol(server.baseUrl(), null, 3,
                Duration.ofMillis(10)), new ArrayList<>());
        List<CompletableFuture<GatewayResult>> futures = requests.stream().map(second::call).toList();
        resumed.flush();
        Thread.sleep(50);
        server.hold(false);
        List<GatewayResult> results = join(futures);
        assertTrue(results.stream().allMatch(GatewayResult::ok));
        assertEquals(1, server.created.get(), "no second batch");
        assertEquals(1, server.uploads.get());
        assertEquals(0, server.liveCalls.get());
        assertTrue(journal().stream().anyMatch(j -> j.path("event").asText().equals("reattached")
                && j.path("needed").asInt() == 3));
    }

    @Test
    void aRunStoppedBetweenUploadAndBatchIdFindsTheBatchByItsInputFile() throws Exception {
        OpenAiBatchStandIn server = closes(new OpenAiBatchStandIn(Answers::openAi));
        ModelGateway gateway = openAiGateway(server, dir.resolve("cache.db"));
        ModelRequest request = request(3, 3);
        OpenAiBatchProtocol protocol = new OpenAiBatchProtocol(server.baseUrl(), null, 3, Duration.ofMillis(10));
        // an earlier invocation uploaded and created the batch, but died before writing its id
        BatchJournal journal = new BatchJournal(dir);
        journal.writeIds("local", 1, List.of(gateway.key(request)));
        journal.record("submitting", "local", 1, java.util.Map.of("requests", 1));
        Path lines = dir.resolve("lines.jsonl");
        Files.write(lines, protocol.line(gateway.key(request),
                ((org.valuesim.core.llm.WireCodec) gateway.backend()).requestBody(request)));
        String[] fileId = new String[1];
        protocol.submit(lines, 1, id -> fileId[0] = id);
        journal.record("uploaded", "local", 1, java.util.Map.of("input_file_id", fileId[0]));

        BatchDispatcher batches = dispatcher(gateway, protocol, new ArrayList<>());
        CompletableFuture<GatewayResult> f = gateway.call(request);
        batches.flush();
        assertTrue(f.orTimeout(30, TimeUnit.SECONDS).join().ok());
        assertEquals(1, server.created.get(), "found by its input file, not created again");
        assertTrue(journal().stream().anyMatch(j -> j.path("recovered").asBoolean()));
    }

    @Test
    void anthropicMessageBatchesWithErroredExpiredAndCanceledLinesAndThePersonaCached() throws Exception {
        AnthropicBatchStandIn server = closes(new AnthropicBatchStandIn(Answers::anthropic, KEY));
        AnthropicBackend backend = new AnthropicBackend("claude-test", KEY, Duration.ofSeconds(10),
                new ModelOptions(true, null, 0, true));
        ModelGateway gateway = closes(new ModelGateway(backend, GatewayConfig.of(List.of(server.baseUrl() + "/"), 8),
                closes(SqliteCallCache.open(dir.resolve("cache.db"), 1000)), ModelGateway.CacheMode.USE));
        BatchDispatcher batches = dispatcher(gateway, new AnthropicBatchProtocol(server.baseUrl() + "/", KEY, 3,
                Duration.ofMillis(10)), new ArrayList<>());
        List<ModelRequest> requests = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            requests.add(new ModelRequest(request(i / 4, i).messages(), new Sampling(0, 8, 0), 0));
        }
        String errored = gateway.key(requests.get(1));
        String expired = gateway.key(requests.get(5));
        String canceled = gateway.key(requests.get(9));
        server.fate(id -> id.equals(errored) ? AnthropicBatchStandIn.Fate.ERRORED
                : id.equals(expired) ? AnthropicBatchStandIn.Fate.EXPIRED
                : id.equals(canceled) ? AnthropicBatchStandIn.Fate.CANCELED : AnthropicBatchStandIn.Fate.SUCCEEDED);
        List<CompletableFuture<GatewayResult>> futures = requests.stream().map(gateway::call).toList();
        batches.flush();
        List<GatewayResult> results = join(futures);

        assertEquals(1, server.created.get());
        JsonNode params = server.batchRequests().get(0).get(0).path("params");
        assertEquals("ephemeral", params.path("system").get(0).path("cache_control").path("type").asText(),
                "the persona's system block is marked cacheable");
        assertEquals(3, server.liveCalls.get(), "errored, expired and canceled requests asked again live");
        for (int k = 0; k < 12; k++) {
            assertEquals(String.valueOf(Answers.digit(requests.get(k).messages().get(1).content())),
                    results.get(k).response().text());
        }
        ModelResponse one = results.get(0).response();
        assertEquals(20 + 1100, one.tokensIn(), "uncached, written and read tokens make the prompt");
        assertEquals(1100, one.cachedTokensIn());
        assertEquals(1100L * 12, gateway.stats().snapshot().cachedInputTokens());
        List<String> reasons = journal().stream().filter(j -> j.path("event").asText().equals("retried"))
                .map(j -> j.path("reason").asText()).sorted().toList();
        assertEquals(List.of("canceled", "errored: overloaded_error: Overloaded", "expired"), reasons);
    }

    @Test
    void aBatchTakesWhatTheBudgetAllowsAndStopsTheRest() throws Exception {
        OpenAiBatchStandIn server = closes(new OpenAiBatchStandIn(Answers::openAi));
        ModelGateway gateway = openAiGateway(server, dir.resolve("cache.db"));
        Pricing pricing = new Pricing(10, 10, 10, 10, 0.5);
        ModelRequest probe = request(0, 0);
        // every prompt byte a token, 16 template tokens per message and per call: the ceiling Spending reserves
        long bound = 16 + probe.messages().stream().mapToLong(m -> m.content().length() + 16).sum();
        gateway.spend(new Spending("local", pricing, new Budget(pricing.ceiling(bound, 8, true) * 2.5, 0)));
        BatchDispatcher batches = dispatcher(gateway, new OpenAiBatchProtocol(server.baseUrl(), null, 3,
                Duration.ofMillis(10)), new ArrayList<>());
        List<CompletableFuture<GatewayResult>> futures = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            futures.add(gateway.call(request(0, i)));
        }
        batches.flush();
        int answered = 0;
        int stopped = 0;
        for (CompletableFuture<GatewayResult> f : futures) {
            try {
                assertTrue(f.orTimeout(30, TimeUnit.SECONDS).join().ok());
                answered++;
            } catch (CompletionException e) {
                assertInstanceOf(BudgetExceeded.class, e.getCause());
                stopped++;
            }
        }
        assertEquals(2, answered, "two calls' ceilings fit the budget");
        assertEquals(4, stopped);
        assertEquals(List.of(2), server.linesPerBatch, "only what fits was submitted");
    }
}
