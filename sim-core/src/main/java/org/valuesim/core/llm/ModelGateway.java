package org.valuesim.core.llm;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import org.valuesim.core.parallel.WorkerPool;

/**
 * Every model call goes through here: the cache first (a hit makes no call), then a pool of
 * {@code max-in-flight} workers (calls queue for a worker; no thread waits per agent; the workers are started by a
 * thread of their own, see {@link WorkerPool}), the endpoint
 * with the fewest calls in flight (an endpoint that keeps failing is benched for a while), and retries
 * of timeouts, 429s, 5xx and dropped connections with exponential backoff, jitter and the server's
 * Retry-After. A call that still fails is a result with the reason, never a lost one.
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
    private final AtomicInteger[] inFlight;
    private final AtomicInteger[] consecutiveFailures;
    /** Until when (epoch ms) each endpoint is benched; read by every call without a lock. */
    private final AtomicLongArray benchedUntil;
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
        this.workers = new WorkerPool(config.maxInFlight(), "valuesim-model");
        this.rateLimit = new RateLimit(config.requestsPerMinute(), config.tokensPerMinute(), System::currentTimeMillis);
        int n = config.baseUrls().size();
        this.inFlight = new AtomicInteger[n];
        this.consecutiveFailures = new AtomicInteger[n];
        this.benchedUntil = new AtomicLongArray(n);
        for (int i = 0; i < n; i++) {
            inFlight[i] = new AtomicInteger();
            consecutiveFailures[i] = new AtomicInteger();
        }
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

    /** A call on the live path (a worker, an endpoint, retries): also where a batch sends what failed inside it. */
    public CompletableFuture<GatewayResult> live(String key, ModelRequest request) {
        return CompletableFuture.supplyAsync(() -> liveCall(key, request), workers);
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
            if (s != null) {
                // settled even when the reply threw (a cluster's lock or map failed): a reservation left held would
                // shrink the run's budget for good; such a reply brought no response, so nothing is billed
                s.settle(ceiling, made == null ? null : made.billed(), false);
            }
        }
        GatewayResult result = made.result();
        // after the settlement, so that a paid call is billed even if its cache write fails
        if (result.ok() && mode != CacheMode.OFF) {
            cache.put(key, backend.provider(), backend.model(), result.response());
        }
        return result;
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
            int endpoint = pickEndpoint();
            inFlight[endpoint].incrementAndGet();
            long start = System.nanoTime();
            boolean called = true;
            try {
                ModelBackend.Reply reply = backend.reply(key, request, config.baseUrls().get(endpoint));
                ModelResponse response = reply.response();
                long millis = (System.nanoTime() - start) / 1_000_000;
                spent += millis;
                called = !reply.paidElsewhere();
                if (called) {
                    consecutiveFailures[endpoint].set(0);
                    if (slot != null) {
                        rateLimit.used(slot, response.tokensIn() + response.tokensOut());
                    }
                    stats.latency(millis);
                    stats.answered(request, response, false);
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
                if (consecutiveFailures[endpoint].incrementAndGet() >= config.benchAfterFailures()) {
                    benchedUntil.set(endpoint, System.currentTimeMillis() + config.benchFor().toMillis());
                }
                if (!e.retryable() || attempt == config.maxAttempts()) {
                    break;
                }
                sleep(backoff(attempt, e.retryAfter()));
            } finally {
                // counted before the result completes, so a drain after a request's answer holds its calls
                if (called) {
                    stats.calls.incrementAndGet();
                }
                inFlight[endpoint].decrementAndGet();
            }
        }
        stats.failures.incrementAndGet();
        return new Attempts(new GatewayResult(null, key, false, made, spent, failure), null);
    }

    /** The endpoint with the fewest calls in flight among those not benched (all of them if all are). */
    private int pickEndpoint() {
        long now = System.currentTimeMillis();
        int best = -1;
        for (int i = 0; i < inFlight.length; i++) {
            if (benchedUntil.get(i) <= now && (best < 0 || inFlight[i].get() < inFlight[best].get())) {
                best = i;
            }
        }
        if (best < 0) {
            best = 0;
            for (int i = 1; i < inFlight.length; i++) {
                if (inFlight[i].get() < inFlight[best].get()) {
                    best = i;
                }
            }
        }
        return best;
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
