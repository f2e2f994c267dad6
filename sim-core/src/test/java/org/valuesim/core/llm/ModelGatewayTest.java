package org.valuesim.core.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.valuesim.core.cache.SqliteCallCache;

class ModelGatewayTest {

    /** The stand-in server's threads of {@link Scripted#send}: one per call in flight, as long as it takes. */
    static final java.util.concurrent.ExecutorService SERVER = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "scripted-server");
        t.setDaemon(true);
        return t;
    });

    @TempDir
    Path dir;

    /**
     * A backend that replays a script of outcomes (null = answer) and records where calls went. With {@code sends},
     * it also {@link #send}s without blocking, the gateway's other live path: each call runs on a thread of a
     * stand-in "server" pool (as a selector thread completes a response), then its outcome goes to the gateway's
     * completions.
     */
    static class Scripted implements ModelBackend {
        final Queue<ModelCallException> script = new ConcurrentLinkedQueue<>();
        final List<String> urls = java.util.Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger peak = new AtomicInteger();
        final AtomicInteger sent = new AtomicInteger();
        long sleepMillis;
        boolean sends;

        @Override
        public boolean sendsWithoutBlocking(String baseUrl) {
            return sends;
        }

        @Override
        public CompletableFuture<ModelResponse> send(ModelRequest request, String baseUrl, Executor completions) {
            sent.incrementAndGet();
            return CompletableFuture.supplyAsync(() -> {
                try {
                    return call(request, baseUrl);
                } catch (ModelCallException e) {
                    throw new CompletionException(e);
                }
            }, SERVER).whenCompleteAsync((r, e) -> { }, completions);
        }

        @Override
        public String provider() {
            return "scripted";
        }

        @Override
        public String model() {
            return "m";
        }

        @Override
        public ModelResponse call(ModelRequest request, String baseUrl) throws ModelCallException {
            urls.add(baseUrl);
            peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                if (sleepMillis > 0) {
                    Thread.sleep(sleepMillis);
                }
                ModelCallException next = script.poll();
                if (next != null) {
                    throw next;
                }
                return new ModelResponse("5", List.of(new TokenLogprob("5", -0.1)), 10, 1);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            } finally {
                inFlight.decrementAndGet();
            }
        }
    }

    /** A cache in a map, to watch the cache modes without a file. */
    static final class InMemory implements CallCache {
        final java.util.Map<String, ModelResponse> map = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public java.util.Optional<ModelResponse> get(String key) {
            return java.util.Optional.ofNullable(map.get(key));
        }

        @Override
        public void put(String key, String provider, String model, ModelResponse response) {
            map.put(key, response);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    static GatewayConfig config(int maxInFlight, String... urls) {
        return new GatewayConfig(List.of(urls), maxInFlight, 3, Duration.ofMillis(1), Duration.ofMillis(5), 2,
                Duration.ofMinutes(1));
    }

    static ModelRequest request(String text, int sample) {
        return new ModelRequest(List.of(Message.user(text)), new Sampling(0, 4, 5), sample);
    }

    static ModelCallException retryable() {
        return new ModelCallException("HTTP 503", true, null, null);
    }

    @ParameterizedTest(name = "sends without blocking: {0}")
    @ValueSource(booleans = {false, true})
    void aSecondIdenticalCallComesFromTheCacheWithoutCallingTheModel(boolean sends) throws Exception {
        Scripted backend = new Scripted();
        backend.sends = sends;
        try (SqliteCallCache cache = SqliteCallCache.open(dir.resolve("c.db"), 100)) {
            GatewayResult first = new ModelGateway(backend, config(4, "http://a"), cache, ModelGateway.CacheMode.USE)
                    .call(request("q", 0)).join();
            // a second run: a new gateway over the same cache
            ModelGateway gateway = new ModelGateway(backend, config(4, "http://a"), cache, ModelGateway.CacheMode.USE);
            GatewayResult second = gateway.call(request("q", 0)).join();
            assertFalse(first.cacheHit());
            assertTrue(second.cacheHit());
            assertEquals(0, second.attempts());
            assertEquals(first.response(), second.response());
            assertEquals(1, backend.urls.size());
            assertEquals(1, gateway.stats().cacheHits());
            // another sample index or temperature is another call
            assertNotEquals(first.key(), gateway.call(request("q", 1)).join().key());
            assertEquals(2, backend.urls.size());
        }
    }

    /**
     * A response another caller paid for (a cluster member waited for another member's identical call) is a shared
     * request: no call, tokens, latency or cost, and the budget's reservation goes back unspent; a call is all of them.
     */
    @Test
    void aResponsePaidElsewhereIsCountedAsSharedAndCostsNothing() {
        Scripted backend = new Scripted() {
            @Override
            public Reply reply(String key, ModelRequest request, String baseUrl) throws ModelCallException {
                return new Reply(call(request, baseUrl), request.sampleIndex() == 1);
            }
        };
        ModelGateway gateway = new ModelGateway(backend, config(1, "http://a"), CallCache.NONE,
                ModelGateway.CacheMode.OFF);
        gateway.stats().pricing(new org.valuesim.core.cost.Pricing(1, 1, 1, 1, 0.5));
        org.valuesim.core.cost.Budget budget = new org.valuesim.core.cost.Budget(1.0, 0);
        gateway.spend(new Spending("m", new org.valuesim.core.cost.Pricing(1, 1, 1, 1, 0.5), budget));

        assertTrue(gateway.call(request("q", 1)).join().ok());
        GatewayStats.Tally elsewhere = gateway.stats().drain();
        assertEquals(List.of(1L, 1L, 0L, 0L, 0L, 0L), List.of(elsewhere.requests(), elsewhere.shared(),
                elsewhere.calls(), elsewhere.tokensIn(), elsewhere.tokensOut(), (long) elsewhere.latenciesMs().length));
        assertEquals(0.0, budget.spent());

        assertTrue(gateway.call(request("q", 0)).join().ok());
        GatewayStats.Tally here = gateway.stats().drain();
        assertEquals(List.of(1L, 0L, 1L, 10L, 1L, 1L), List.of(here.requests(), here.shared(), here.calls(),
                here.tokensIn(), here.tokensOut(), (long) here.latenciesMs().length));
        assertEquals(11e-6, budget.spent(), 1e-12);
        assertTrue(budget.reserve(1.0 - 11e-6 - 1e-9), "every reservation was given back");
    }

    /**
     * A reply that throws instead of answering (a cluster member's lock or map failed) still gives its reservation
     * back, unspent: otherwise the run's budget would stay short of it and refuse a later call that fits.
     */
    @Test
    void aReplyThatThrowsGivesItsReservationBack() {
        Scripted backend = new Scripted() {
            @Override
            public Reply reply(String key, ModelRequest request, String baseUrl) throws ModelCallException {
                if (request.sampleIndex() == 0) {
                    throw new IllegalStateException("the cluster's lock failed");
                }
                return super.reply(key, request, baseUrl);
            }
        };
        firstCallFailsOutsideTheModelAndGivesItsReservationBack(backend);
    }

    /**
     * The backend's call of sample 0 throws an IllegalStateException instead of answering: the call's future fails
     * with it, nothing is billed, and the next call fits a budget with room for one call's ceiling, not two.
     */
    private static void firstCallFailsOutsideTheModelAndGivesItsReservationBack(Scripted backend) {
        org.valuesim.core.cost.Pricing pricing = new org.valuesim.core.cost.Pricing(1, 1, 1, 1, 0.5);
        double ceiling = new Spending("m", pricing, new org.valuesim.core.cost.Budget(1.0, 0))
                .reserve(request("q", 0), false);
        org.valuesim.core.cost.Budget budget = new org.valuesim.core.cost.Budget(1.5 * ceiling, 0);
        ModelGateway gateway = new ModelGateway(backend, config(1, "http://a"), CallCache.NONE,
                ModelGateway.CacheMode.OFF);
        gateway.spend(new Spending("m", pricing, budget));

        CompletionException thrown = assertThrows(CompletionException.class, () -> gateway.call(request("q", 0)).join());
        assertInstanceOf(IllegalStateException.class, thrown.getCause());
        assertEquals(0.0, budget.spent());
        assertTrue(gateway.call(request("q", 1)).join().ok(), "the next call fits the budget and gets the slot");
        assertEquals(11e-6, budget.spent(), 1e-12);
        assertFalse(budget.stopped());
    }

    /** A call the model answered is billed even when the cache cannot keep its response. */
    @ParameterizedTest(name = "sends without blocking: {0}")
    @ValueSource(booleans = {false, true})
    void aPaidCallIsBilledEvenIfItsCacheWriteFails(boolean sends) {
        CallCache failing = new CallCache() {
            @Override
            public java.util.Optional<ModelResponse> get(String key) {
                return java.util.Optional.empty();
            }

            @Override
            public void put(String key, String provider, String model, ModelResponse response) {
                throw new IllegalStateException("disk full");
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        org.valuesim.core.cost.Pricing pricing = new org.valuesim.core.cost.Pricing(1, 1, 1, 1, 0.5);
        org.valuesim.core.cost.Budget budget = new org.valuesim.core.cost.Budget(1.0, 0);
        Scripted backend = new Scripted();
        backend.sends = sends;
        ModelGateway gateway = new ModelGateway(backend, config(1, "http://a"), failing,
                ModelGateway.CacheMode.USE);
        gateway.spend(new Spending("m", pricing, budget));

        assertThrows(CompletionException.class, () -> gateway.call(request("q", 0)).join());
        assertEquals(11e-6, budget.spent(), 1e-12);
        assertTrue(budget.reserve(1.0 - 11e-6 - 1e-9), "the reservation was given back");
        assertEquals(sends ? 1 : 0, backend.sent.get(), "the path taken");
    }

    /** A scripted backend whose requests of sample 1 come back paid by another caller, without asking the model. */
    static final class PaidElsewhereForSampleOne extends Scripted {
        @Override
        public Reply reply(String key, ModelRequest request, String baseUrl) throws ModelCallException {
            if (request.sampleIndex() == 1) {
                return new Reply(new ModelResponse("5", List.of(), 10, 1), true);
            }
            return super.reply(key, request, baseUrl);
        }
    }

    /**
     * A response paid elsewhere is no request to the endpoint: it leaves no mark on the requests per minute (with
     * one a minute, the real call after it starts at once instead of a minute later).
     */
    @Test
    void aResponsePaidElsewhereTakesNoRateLimitSlot() throws Exception {
        PaidElsewhereForSampleOne backend = new PaidElsewhereForSampleOne();
        ModelGateway gateway = new ModelGateway(backend, config(1, "http://a").withRateLimits(1, 0), CallCache.NONE,
                ModelGateway.CacheMode.OFF);
        assertTrue(gateway.call(request("q", 1)).join().ok());
        // a deadline well under the minute the slot would hold, so that a regression fails instead of waiting
        assertTrue(gateway.call(request("q", 0)).get(20, java.util.concurrent.TimeUnit.SECONDS).ok());
        assertEquals(List.of("http://a"), backend.urls);
    }

    /**
     * A response paid elsewhere says nothing of the endpoint it was routed to: a failing endpoint's count of
     * consecutive failures goes on, and it is benched after its second failure as if nothing came between.
     */
    @Test
    void aResponsePaidElsewhereLeavesTheEndpointsFailuresStanding() {
        PaidElsewhereForSampleOne backend = new PaidElsewhereForSampleOne();
        ModelCallException refused = new ModelCallException("HTTP 500", false, null, null);
        backend.script.add(refused);
        backend.script.add(refused);
        ModelGateway gateway = new ModelGateway(backend, config(1, "http://a", "http://b"), CallCache.NONE,
                ModelGateway.CacheMode.OFF);
        assertFalse(gateway.call(request("first", 0)).join().ok());
        assertTrue(gateway.call(request("shared", 1)).join().ok());
        assertFalse(gateway.call(request("second", 0)).join().ok());
        assertTrue(gateway.call(request("third", 0)).join().ok());
        assertEquals(List.of("http://a", "http://a", "http://b"), backend.urls, "a is benched after two failures");
    }

    @ParameterizedTest(name = "sends without blocking: {0}")
    @ValueSource(booleans = {false, true})
    void refreshCallsAgainAndOffNeitherReadsNorWrites(boolean sends) {
        Scripted backend = new Scripted();
        backend.sends = sends;
        CallCache memory = new InMemory();
        new ModelGateway(backend, config(1, "http://a"), memory, ModelGateway.CacheMode.USE).call(request("q", 0)).join();
        GatewayResult refreshed = new ModelGateway(backend, config(1, "http://a"), memory, ModelGateway.CacheMode.REFRESH)
                .call(request("q", 0)).join();
        assertFalse(refreshed.cacheHit());
        GatewayResult off = new ModelGateway(backend, config(1, "http://a"), memory, ModelGateway.CacheMode.OFF)
                .call(request("q", 0)).join();
        assertFalse(off.cacheHit());
        assertEquals(3, backend.urls.size());
    }

    @ParameterizedTest(name = "sends without blocking: {0}")
    @ValueSource(booleans = {false, true})
    void identicalRequestsInOneRunShareOneCallAndOneResult(boolean sends) {
        Scripted backend = new Scripted();
        backend.sends = sends;
        backend.sleepMillis = 30;
        ModelGateway gateway = new ModelGateway(backend, config(8, "http://a"), CallCache.NONE, ModelGateway.CacheMode.OFF);
        List<CompletableFuture<GatewayResult>> calls = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            calls.add(gateway.call(request("same", 0)));
        }
        GatewayResult first = calls.get(0).join();
        calls.forEach(c -> assertEquals(first, c.join()));
        assertEquals(1, backend.urls.size());
        assertEquals(9L, gateway.stats().snapshot().sharedRequests());
    }

    /** A cache whose memory level can be emptied while its writes still wait for the disk (until flush). */
    static final class Evicting implements CallCache {
        final java.util.Map<String, ModelResponse> memory = new java.util.concurrent.ConcurrentHashMap<>();
        final java.util.Map<String, ModelResponse> pending = new java.util.concurrent.ConcurrentHashMap<>();
        final java.util.Map<String, ModelResponse> disk = new java.util.concurrent.ConcurrentHashMap<>();
        final AtomicInteger flushes = new AtomicInteger();

        @Override
        public java.util.Optional<ModelResponse> get(String key) {
            ModelResponse r = memory.get(key);
            return java.util.Optional.ofNullable(r != null ? r : disk.get(key));
        }

        @Override
        public void put(String key, String provider, String model, ModelResponse response) {
            memory.put(key, response);
            pending.put(key, response);
        }

        @Override
        public void flush() {
            flushes.incrementAndGet();
            disk.putAll(pending);
            pending.clear();
        }

        @Override
        public void close() {
        }
    }

    @Test
    void aSettledCallKeepsOnlyItsProvenanceAndALaterSharerGetsTheSameResult() {
        Scripted backend = new Scripted();
        Evicting cache = new Evicting();
        ModelGateway gateway = new ModelGateway(backend, config(2, "http://a"), cache, ModelGateway.CacheMode.USE);
        GatewayResult first = gateway.call(request("q", 0)).join();
        assertEquals(0, gateway.heldWhole(), "the response lives in the cache only");
        GatewayResult again = gateway.call(request("q", 0)).join();
        assertEquals(first, again, "same response and provenance: not a cache hit, one attempt");
        assertFalse(again.cacheHit());
        // evicted from memory before its write reached the disk: the sharer waits for the write
        cache.memory.clear();
        assertEquals(first, gateway.call(request("q", 0)).join());
        assertEquals(1, cache.flushes.get());
        assertEquals(1, backend.urls.size());
        assertEquals(2L, gateway.stats().snapshot().sharedRequests());
        // without a cache the whole result is kept, so sharers still get it
        ModelGateway uncached = new ModelGateway(backend, config(2, "http://a"), CallCache.NONE, ModelGateway.CacheMode.OFF);
        GatewayResult once = uncached.call(request("q", 0)).join();
        assertEquals(1, uncached.heldWhole());
        assertEquals(once, uncached.call(request("q", 0)).join());
    }

    @ParameterizedTest(name = "sends without blocking: {0}")
    @ValueSource(booleans = {false, true})
    void retryableFailuresAreRetriedThenSucceedOrAreRecordedWithTheReason(boolean sends) {
        Scripted backend = new Scripted();
        backend.sends = sends;
        backend.script.add(retryable());
        backend.script.add(retryable());
        ModelGateway gateway = new ModelGateway(backend, config(2, "http://a"), CallCache.NONE, ModelGateway.CacheMode.OFF);
        GatewayResult ok = gateway.call(request("q", 0)).join();
        assertTrue(ok.ok());
        assertEquals(3, ok.attempts());
        assertEquals(2, gateway.stats().retries());
        for (int i = 0; i < 3; i++) {
            backend.script.add(retryable());
        }
        GatewayResult failed = gateway.call(request("r", 0)).join();
        assertFalse(failed.ok());
        assertEquals(3, failed.attempts());
        assertEquals("HTTP 503", failed.failure());
        backend.script.add(new ModelCallException("HTTP 401 bad key", false, null, null));
        GatewayResult fatal = gateway.call(request("s", 0)).join();
        assertEquals(1, fatal.attempts(), "a bad key is not retried");
        assertEquals(2, gateway.stats().failures());
    }

    @Test
    void backoffDoublesWithJitterAndRetryAfterWins() {
        ModelGateway gateway = new ModelGateway(new Scripted(), new GatewayConfig(List.of("http://a"), 1, 5,
                Duration.ofMillis(100), Duration.ofMillis(350), 3, Duration.ofSeconds(1)), CallCache.NONE,
                ModelGateway.CacheMode.OFF);
        for (int i = 0; i < 50; i++) {
            long first = gateway.backoff(1, null).toMillis();
            long third = gateway.backoff(3, null).toMillis();
            assertTrue(first >= 50 && first < 100, "first " + first);
            assertTrue(third >= 175 && third < 350, "capped third " + third);
        }
        assertEquals(Duration.ofSeconds(7), gateway.backoff(2, Duration.ofSeconds(7)));
    }

    @ParameterizedTest(name = "sends without blocking: {0}")
    @ValueSource(booleans = {false, true})
    void atMostMaxInFlightCallsRunAtOnceWhileManyAreQueued(boolean sends) {
        Scripted backend = new Scripted();
        backend.sends = sends;
        backend.sleepMillis = 20;
        ModelGateway gateway = new ModelGateway(backend, config(4, "http://a"), CallCache.NONE, ModelGateway.CacheMode.OFF);
        List<CompletableFuture<GatewayResult>> calls = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            calls.add(gateway.call(request("q" + i, 0)));
        }
        calls.forEach(CompletableFuture::join);
        assertEquals(4, backend.peak.get());
        assertEquals(40, backend.urls.size());
        assertEquals(sends ? 40 : 0, backend.sent.get(), "the path taken");
    }

    @ParameterizedTest(name = "sends without blocking: {0}")
    @ValueSource(booleans = {false, true})
    void aFailingEndpointIsBenchedAndCallsGoToTheOther(boolean sends) {
        Scripted backend = new Scripted() {
            @Override
            public ModelResponse call(ModelRequest request, String baseUrl) throws ModelCallException {
                if (baseUrl.equals("http://down")) {
                    urls.add(baseUrl);
                    throw retryable();
                }
                return super.call(request, baseUrl);
            }
        };
        backend.sends = sends;
        ModelGateway gateway = new ModelGateway(backend, config(1, "http://down", "http://up"), CallCache.NONE,
                ModelGateway.CacheMode.OFF);
        for (int i = 0; i < 10; i++) {
            assertTrue(gateway.call(request("q" + i, 0)).join().ok());
        }
        assertEquals(sends ? 12 : 0, backend.sent.get(), "the path taken");
        long down = backend.urls.stream().filter(u -> u.equals("http://down")).count();
        assertEquals(2, down, "benched after two consecutive failures");
    }

    /** An only endpoint benched after its failures is still the one called: the retry after the bench succeeds. */
    @ParameterizedTest(name = "sends without blocking: {0}")
    @ValueSource(booleans = {false, true})
    void anOnlyEndpointBenchedIsStillCalled(boolean sends) {
        Scripted backend = new Scripted();
        backend.sends = sends;
        backend.script.add(retryable());
        backend.script.add(retryable());
        ModelGateway gateway = new ModelGateway(backend, config(1, "http://only"), CallCache.NONE,
                ModelGateway.CacheMode.OFF);
        GatewayResult result = gateway.call(request("q", 0)).join();
        assertTrue(result.ok());
        assertEquals(3, result.attempts());
        assertEquals(List.of("http://only", "http://only", "http://only"), backend.urls);
        assertEquals(2, gateway.stats().retries());
        assertEquals(3, gateway.stats().calls());
    }

    /**
     * A sent call the budget refuses fails with the refusal and gives its slot back: with one slot, the next call
     * is refused too instead of waiting for ever.
     */
    @Test
    void aSentCallTheBudgetRefusesGivesItsSlotBack() throws Exception {
        Scripted backend = new Scripted();
        backend.sends = true;
        org.valuesim.core.cost.Pricing pricing = new org.valuesim.core.cost.Pricing(1, 1, 1, 1, 0.5);
        ModelGateway gateway = new ModelGateway(backend, config(1, "http://a"), CallCache.NONE,
                ModelGateway.CacheMode.OFF);
        gateway.spend(new Spending("m", pricing, new org.valuesim.core.cost.Budget(1e-9, 0)));
        for (String text : List.of("q", "r")) {
            java.util.concurrent.ExecutionException refused = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> gateway.call(request(text, 0)).get(20, java.util.concurrent.TimeUnit.SECONDS));
            assertInstanceOf(BudgetExceeded.class, refused.getCause(), refused.toString());
        }
        assertEquals(0, backend.sent.get());
    }

    /** A send whose answer fails outside the model (a bug, a refused executor) gives its reservation back. */
    @Test
    void aSendThatFailsOutsideTheModelGivesItsReservationBack() {
        Scripted backend = new Scripted() {
            @Override
            public CompletableFuture<ModelResponse> send(ModelRequest request, String baseUrl, Executor completions) {
                if (request.sampleIndex() == 0) {
                    return CompletableFuture.failedFuture(new IllegalStateException("the selector broke"));
                }
                return super.send(request, baseUrl, completions);
            }
        };
        backend.sends = true;
        firstCallFailsOutsideTheModelAndGivesItsReservationBack(backend);
    }

    /** A rate limit waits for its slot on the calling thread: a limited gateway keeps the blocking path. */
    @Test
    void aRateLimitedGatewayCallsOnWorkers() {
        Scripted backend = new Scripted();
        backend.sends = true;
        ModelGateway gateway = new ModelGateway(backend, config(2, "http://a").withRateLimits(6000, 0), CallCache.NONE,
                ModelGateway.CacheMode.OFF);
        assertTrue(gateway.call(request("q", 0)).join().ok());
        assertEquals(0, backend.sent.get());
        assertEquals(1, backend.urls.size());
    }

    /** Closing the gateway waits for the sent calls in flight: they end answered, not cut off. */
    @Test
    void closeWaitsForSentCallsInFlight() {
        Scripted backend = new Scripted();
        backend.sends = true;
        backend.sleepMillis = 300;
        ModelGateway gateway = new ModelGateway(backend, config(4, "http://a"), CallCache.NONE,
                ModelGateway.CacheMode.OFF);
        List<CompletableFuture<GatewayResult>> calls = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            calls.add(gateway.call(request("q" + i, 0)));
        }
        gateway.close();
        for (CompletableFuture<GatewayResult> call : calls) {
            assertTrue(call.isDone(), "answered before close returned");
            assertTrue(call.join().ok());
        }
        assertEquals(6, backend.sent.get());
    }
}
