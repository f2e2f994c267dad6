package org.valuesim.core.llm;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.valuesim.core.parallel.SlotQueue;
import org.valuesim.core.parallel.WorkerPool;

/**
 * Every model call goes through here: the cache first (a hit makes no call), then at most {@code max-in-flight}
 * calls at once (calls queue; no thread waits per agent), the endpoint with the fewest calls in flight (an endpoint
 * that keeps failing is benched for a while), and retries of timeouts, 429s, 5xx and dropped connections with
 * exponential backoff, jitter and the server's Retry-After. A call that still fails is a result with the reason,
 * never a lost one.
 *
 * <p>Where the backend {@linkplain ModelBackend#sendsWithoutBlocking sends without blocking} to every base URL and
 * no rate limit is set, calls hold a slot of a {@link SlotQueue}, not a thread: a thousand calls in flight cost a
 * thousand sockets on one selector thread, and their answers are read on a few workers (BENCHMARKS.md, "The
 * asynchronous live path"). Otherwise each call in flight blocks one of {@code max-in-flight} workers, started by a
 * thread of their own ({@link WorkerPool}).
 *
 * <p>Identical requests within one gateway's life share one call and one result (personas built around
 * the same value send the same prompt): every sharer sees the same provenance, whatever the timing, so
 * results stay deterministic, and the model is asked once. Once the cache holds a response, only the call's
 * provenance stays in memory; a later sharer reads the response back from the cache.
 *
 * <p>A call the cache cannot answer goes to the {@link Dispatcher}: the live path here, or a provider's batch API.
 * With a budget, each call reserves the most it can cost before it is made and is refused ({@link BudgetExceeded})
 * when that does not fit.
 */
public final class ModelGateway implements AutoCloseable {

    /** What the cache is used for: read and write, write only (--refresh-cache), or not at all. */
    public enum CacheMode { USE, REFRESH, OFF }

    private final ModelBackend backend;
    private final GatewayConfig config;
    private final CallCache cache;
    private final CacheMode mode;
    private final WorkerPool workers;
    /** Whether live calls go without a thread each ({@link ModelBackend#send}); then {@code slots} bounds them. */
    private final boolean sendsWithoutBlocking;
    private final SlotQueue slots;
    private final Endpoints endpoints;
    private final GatewayStats stats = new GatewayStats();
    private final RateLimit rateLimit;
    private final ConcurrentHashMap<String, Seen> seen = new ConcurrentHashMap<>();
    private final java.util.Map<String, Object> keyExtras;
    private volatile Dispatcher dispatcher;
    private volatile Spending spending;

    /** A request met before in this gateway's life: still in flight (or kept whole), or settled. */
    private sealed interface Seen permits InFlight, Settled {
    }

    private record InFlight(CompletableFuture<GatewayResult> future) implements Seen {
    }

    /**
     * A call whose response the cache holds: only its provenance stays here, so that a run of millions of distinct
     * prompts does not keep every response in memory, and a later sharer still gets the same result.
     */
    private record Settled(boolean cacheHit, int attempts, long latencyMs) implements Seen {
    }

    public ModelGateway(ModelBackend backend, GatewayConfig config, CallCache cache, CacheMode mode) {
        this.backend = backend;
        this.config = config;
        this.cache = cache;
        this.mode = mode;
        this.keyExtras = backend.keyExtras();
        this.rateLimit = new RateLimit(config.requestsPerMinute(), config.tokensPerMinute(), System::currentTimeMillis);
        // a rate limit waits for its slot on the calling thread, so limited calls keep a thread each
        this.sendsWithoutBlocking = !rateLimit.limited()
                && config.baseUrls().stream().allMatch(backend::sendsWithoutBlocking);
        // sent calls need threads only for their answers, not one each while in flight
        this.workers = new WorkerPool(sendsWithoutBlocking
                ? Math.min(config.maxInFlight(), Math.max(2, Runtime.getRuntime().availableProcessors()))
                : config.maxInFlight(), "valuesim-model");
        this.slots = new SlotQueue(config.maxInFlight());
        this.endpoints = new Endpoints(config.baseUrls().size(), config.benchAfterFailures(), config.benchFor());
    }

    public ModelBackend backend() {
        return backend;
    }

    public GatewayStats stats() {
        return stats;
    }

    /** Sends the calls the cache cannot answer to this dispatcher (a batch API) instead of the live path. */
    public void dispatchTo(Dispatcher route) {
        this.dispatcher = route;
    }

    /** Checks every call against the run's budget before it is made. */
    public void spend(Spending budget) {
        this.spending = budget;
    }

    /** The cache key of a request, as this gateway computes it. */
    public String key(ModelRequest request) {
        return CacheKey.of(backend.provider(), backend.model(), keyExtras, request);
    }

    /**
     * A call on the live path (sent without blocking where the backend can, else on a worker; an endpoint; retries):
     * also where a batch sends what failed inside it.
     */
    public CompletableFuture<GatewayResult> live(String key, ModelRequest request) {
        if (!sendsWithoutBlocking) {
            return CompletableFuture.supplyAsync(() -> liveCall(key, request), workers);
        }
        Sent sent = new Sent(key, request);
        slots.submit(sent::begin);
        return sent.result;
    }

    /**
     * Reserves the budget for a call about to go into a batch; returns the reservation (0 without a budget).
     *
     * @throws BudgetExceeded when it does not fit
     */
    public double reserveBatched(ModelRequest request) {
        Spending s = spending;
        return s == null ? 0 : s.reserve(request, true);
    }

    /** Gives back a batched call's reservation unused (its line failed, or it was never sent). */
    public void releaseBatched(double reservation) {
        Spending s = spending;
        if (s != null) {
            s.settle(reservation, null, true);
        }
    }

    /** Records a response a batch brought back: accounting, budget and cache, as a live call's. */
    public GatewayResult answeredInBatch(String key, ModelRequest request, ModelResponse response, double reservation) {
        stats.calls.incrementAndGet();
        stats.answered(request, response, true);
        Spending s = spending;
        if (s != null) {
            s.settle(reservation, response, true);
        }
        if (mode != CacheMode.OFF) {
            cache.put(key, backend.provider(), backend.model(), response);
        }
        return new GatewayResult(response, key, false, 1, 0, "");
    }

    /** Counts a batch submitted, and a batched call that failed inside its batch and was retried live. */
    public void countBatch() {
        stats.batches.incrementAndGet();
    }

    public void countBatchRetry() {
        stats.batchRetried.incrementAndGet();
    }

    public CompletableFuture<GatewayResult> call(ModelRequest request) {
        stats.requests.incrementAndGet();
        String key = key(request);
        Seen earlier = seen.get(key);
        if (earlier != null) {
            stats.shared.incrementAndGet();
            return resolve(key, earlier);
        }
        // the cache is read outside the map's lock, so a disk read never blocks other keys
        Optional<ModelResponse> hit = mode == CacheMode.USE ? cache.get(key) : Optional.empty();
        CompletableFuture<GatewayResult> fresh = hit.isPresent()
                ? CompletableFuture.completedFuture(new GatewayResult(hit.get(), key, true, 0, 0, ""))
                : new CompletableFuture<>();
        AtomicBoolean created = new AtomicBoolean();
        Seen entry = seen.computeIfAbsent(key, k -> {
            created.set(true);
            return hit.isPresent() ? new Settled(true, 0, 0) : new InFlight(fresh);
        });
        if (!created.get()) {
            stats.shared.incrementAndGet();
            return resolve(key, entry);
        }
        if (hit.isPresent()) {
            stats.cacheHits.incrementAndGet();
            return fresh;
        }
        Dispatcher route = dispatcher;
        (route == null ? live(key, request) : route.dispatch(key, request)).whenComplete((r, e) -> {
            if (e != null) {
                fresh.completeExceptionally(e);
                return;
            }
            if (r.ok() && mode != CacheMode.OFF && cache.get(key).isPresent()) {
                seen.replace(key, entry, new Settled(false, r.attempts(), r.latencyMs()));
            }
            fresh.complete(r);
        });
        return fresh;
    }

    /** The result a sharer of an earlier request gets: the same one, its response read back from the cache. */
    private CompletableFuture<GatewayResult> resolve(String key, Seen entry) {
        if (entry instanceof InFlight inFlight) {
            return inFlight.future();
        }
        Settled settled = (Settled) entry;
        Optional<ModelResponse> response = cache.get(key);
        if (response.isEmpty()) {
            // left the memory level before its write reached the disk
            cache.flush();
            response = cache.get(key);
        }
        ModelResponse kept = response.orElseThrow(() -> new IllegalStateException("the cache lost the response of "
                + "call " + key + " within this run"));
        return CompletableFuture.completedFuture(new GatewayResult(kept, key, settled.cacheHit(), settled.attempts(),
                settled.latencyMs(), ""));
    }

    /** Requests held with their whole result (in flight, failed, or uncached); for tests. */
    long heldWhole() {
        return seen.values().stream().filter(InFlight.class::isInstance).count();
    }

    /** A live call within the budget: its ceiling reserved first, what it cost settled after. */
    private GatewayResult liveCall(String key, ModelRequest request) {
        Spending s = spending;
        double ceiling = s == null ? 0 : s.reserve(request, false);
        Attempts made = null;
        try {
            made = callWithRetries(key, request);
        } finally {
            if (made == null && s != null) {
                // settled even when the reply threw (a cluster's lock or map failed): a reservation left held would
                // shrink the run's budget for good; such a reply brought no response, so nothing is billed
                s.settle(ceiling, null, false);
            }
        }
        return settled(key, s, ceiling, made);
    }

    /** Settles a live call's reservation with what it is billed for, then caches its response. */
    private GatewayResult settled(String key, Spending s, double ceiling, Attempts made) {
        if (s != null) {
            s.settle(ceiling, made.billed(), false);
        }
        GatewayResult result = made.result();
        // after the settlement, so that a paid call is billed even if its cache write fails
        if (result.ok() && mode != CacheMode.OFF) {
            cache.put(key, backend.provider(), backend.model(), result.response());
        }
        return result;
    }

    /** A call answered by its endpoint: the endpoint's failures end, and the call is counted. */
    private void answered(int endpoint, ModelRequest request, ModelResponse response, long millis) {
        endpoints.answered(endpoint);
        stats.latency(millis);
        stats.answered(request, response, false);
    }

    /**
     * A live call sent without blocking ({@link ModelBackend#send}): each attempt's answer comes on a worker, which
     * makes the next attempt after the backoff (on a timer, not a sleeping thread) or settles the call. It holds its
     * slot from its first attempt to its result, as a blocking call holds its worker.
     */
    private final class Sent {
        final String key;
        final ModelRequest request;
        final CompletableFuture<GatewayResult> result = new CompletableFuture<>();
        final Spending budget = spending;
        double ceiling;
        long spent;

        Sent(String key, ModelRequest request) {
            this.key = key;
            this.request = request;
        }

        /** Runs in its slot: the ceiling reserved, then the first attempt; never throws (the slot would be lost). */
        void begin() {
            try {
                ceiling = budget == null ? 0 : budget.reserve(request, false);
            } catch (RuntimeException refused) {
                slots.release();
                result.completeExceptionally(refused);
                return;
            }
            attempt(1);
        }

        void attempt(int attempt) {
            if (attempt > 1) {
                stats.retries.incrementAndGet();
            }
            int endpoint = endpoints.begin();
            long start = System.nanoTime();
            CompletableFuture<ModelResponse> answer;
            try {
                answer = backend.send(request, config.baseUrls().get(endpoint), workers);
            } catch (RuntimeException e) {
                answer = CompletableFuture.failedFuture(e);
            }
            answer.whenComplete((response, error) -> came(attempt, endpoint, start, response, error));
        }

        private void came(int attempt, int endpoint, long start, ModelResponse response, Throwable error) {
            long millis = (System.nanoTime() - start) / 1_000_000;
            spent += millis;
            // counted before the result completes, so a drain after a request's answer holds its calls
            stats.calls.incrementAndGet();
            endpoints.done(endpoint);
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause == null) {
                answered(endpoint, request, response, millis);
                end(new Attempts(new GatewayResult(response, key, false, attempt, spent, ""), response));
            } else if (cause instanceof ModelCallException e) {
                endpoints.failed(endpoint);
                if (e.retryable() && attempt < config.maxAttempts()) {
                    Duration wait = backoff(attempt, e.retryAfter());
                    CompletableFuture.delayedExecutor(wait.toMillis(), TimeUnit.MILLISECONDS, workers)
                            .execute(() -> attempt(attempt + 1));
                } else {
                    stats.failures.incrementAndGet();
                    end(new Attempts(new GatewayResult(null, key, false, attempt, spent, e.getMessage()), null));
                }
            } else {
                // not a model's failure (a bug, a refused executor): the call's future fails, as a worker's would
                end(cause);
            }
        }

        private void end(Attempts made) {
            GatewayResult settled;
            try {
                settled = settled(key, budget, ceiling, made);
            } catch (RuntimeException e) {
                slots.release();
                result.completeExceptionally(e);
                return;
            }
            slots.release();
            result.complete(settled);
        }

        private void end(Throwable failure) {
            if (budget != null) {
                budget.settle(ceiling, null, false);
            }
            slots.release();
            result.completeExceptionally(failure);
        }
    }

    /** A live call's result, and the response it is billed for: null when it failed or another caller paid. */
    private record Attempts(GatewayResult result, ModelResponse billed) {
    }

    private Attempts callWithRetries(String key, ModelRequest request) {
        long spent = 0;
        String failure = "";
        int made = 0;
        for (int attempt = 1; attempt <= config.maxAttempts(); attempt++) {
            made = attempt;
            if (attempt > 1) {
                stats.retries.incrementAndGet();
            }
            long[] slot = null;
            if (rateLimit.limited()) {
                try {
                    slot = rateLimit.acquire();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failure = "interrupted while waiting for the rate limit";
                    break;
                }
            }
            int endpoint = endpoints.begin();
            long start = System.nanoTime();
            boolean called = true;
            try {
                ModelBackend.Reply reply = backend.reply(key, request, config.baseUrls().get(endpoint));
                ModelResponse response = reply.response();
                long millis = (System.nanoTime() - start) / 1_000_000;
                spent += millis;
                called = !reply.paidElsewhere();
                if (called) {
                    if (slot != null) {
                        rateLimit.used(slot, response.tokensIn() + response.tokensOut());
                    }
                    answered(endpoint, request, response, millis);
                } else {
                    // the endpoint was not asked: its failures stand, and the slot taken before the backend knew
                    // (a cluster member learns under the grid's lock, inside reply) goes back to the rate limit
                    if (slot != null) {
                        rateLimit.release(slot);
                    }
                    stats.shared.incrementAndGet();
                }
                return new Attempts(new GatewayResult(response, key, false, attempt, spent, ""),
                        called ? response : null);
            } catch (ModelCallException e) {
                spent += (System.nanoTime() - start) / 1_000_000;
                failure = e.getMessage();
                endpoints.failed(endpoint);
                if (!e.retryable() || attempt == config.maxAttempts()) {
                    break;
                }
                sleep(backoff(attempt, e.retryAfter()));
            } finally {
                // counted before the result completes, so a drain after a request's answer holds its calls
                if (called) {
                    stats.calls.incrementAndGet();
                }
                endpoints.done(endpoint);
            }
        }
        stats.failures.incrementAndGet();
        return new Attempts(new GatewayResult(null, key, false, made, spent, failure), null);
    }

    /** Retry-After when the server gave one, else initial * 2^(attempt-1) capped, times a jitter in [0.5, 1). */
    Duration backoff(int attempt, Duration retryAfter) {
        if (retryAfter != null) {
            return retryAfter;
        }
        long base = Math.min(config.maxBackoff().toMillis(),
                config.initialBackoff().toMillis() << Math.min(20, attempt - 1));
        return Duration.ofMillis((long) (base * (0.5 + 0.5 * ThreadLocalRandom.current().nextDouble())));
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        try {
            // sent calls still in flight answer on the workers: they end before the workers do
            slots.awaitIdle(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workers.shutdown();
        try {
            workers.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        cache.flush();
        backend.close();
    }
}
