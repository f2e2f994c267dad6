package org.valuesim.core.llm;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.valuesim.core.cost.Pricing;
import org.valuesim.core.cost.TokenUsage;

/**
 * A gateway's running accounting: calls, cache hits, retries, failures, tokens (with the provider's prompt-cache
 * reads and writes, and the share that went through a batch API), latencies and, with prices, the cost.
 */
public final class GatewayStats {

    final AtomicLong requests = new AtomicLong();
    final AtomicLong cacheHits = new AtomicLong();
    final AtomicLong shared = new AtomicLong();
    final AtomicLong calls = new AtomicLong();
    final AtomicLong retries = new AtomicLong();
    final AtomicLong failures = new AtomicLong();
    final AtomicLong tokensIn = new AtomicLong();
    final AtomicLong tokensOut = new AtomicLong();
    final AtomicLong cachedTokensIn = new AtomicLong();
    final AtomicLong cacheWriteTokens = new AtomicLong();
    final AtomicLong batchedCalls = new AtomicLong();
    final AtomicLong batchTokensIn = new AtomicLong();
    final AtomicLong batchCachedTokensIn = new AtomicLong();
    final AtomicLong batchCacheWriteTokens = new AtomicLong();
    final AtomicLong batchTokensOut = new AtomicLong();
    final AtomicLong batches = new AtomicLong();
    final AtomicLong batchRetried = new AtomicLong();
    final AtomicLong logprobsMissing = new AtomicLong();
    private final ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
    private volatile Pricing pricing;

    /** A response the model gave: its tokens, by route, and whether log-probabilities it was asked for came back. */
    void answered(ModelRequest request, ModelResponse response, boolean batched) {
        tokensIn.addAndGet(response.tokensIn());
        tokensOut.addAndGet(response.tokensOut());
        cachedTokensIn.addAndGet(response.cachedTokensIn());
        cacheWriteTokens.addAndGet(response.cacheWriteTokens());
        if (batched) {
            batchedCalls.incrementAndGet();
            batchTokensIn.addAndGet(response.tokensIn());
            batchTokensOut.addAndGet(response.tokensOut());
            batchCachedTokensIn.addAndGet(response.cachedTokensIn());
            batchCacheWriteTokens.addAndGet(response.cacheWriteTokens());
        }
        if (request.sampling().topLogprobs() > 0 && response.firstTokenLogprobs().isEmpty()) {
            logprobsMissing.incrementAndGet();
        }
    }

    /** Prices the accounting (cost_usd in the manifest). */
    public void pricing(Pricing prices) {
        this.pricing = prices;
    }

    /** A call refused log-probabilities (a reasoning model): counted with those that came back without them. */
    public void logprobsRefused() {
        logprobsMissing.incrementAndGet();
    }

    /** Calls that asked for log-probabilities and got none. */
    public long logprobsMissing() {
        return logprobsMissing.get();
    }

    /** Every token of the calls made, by both routes. */
    public TokenUsage usage() {
        return new TokenUsage(tokensIn.get(), cachedTokensIn.get(), cacheWriteTokens.get(), tokensOut.get());
    }

    /** The tokens of the calls answered through a batch API. */
    public TokenUsage batchUsage() {
        return new TokenUsage(batchTokensIn.get(), batchCachedTokensIn.get(), batchCacheWriteTokens.get(),
                batchTokensOut.get());
    }

    /** What the calls made cost at the model's prices (0 without prices). */
    public double cost() {
        Pricing p = pricing;
        if (p == null) {
            return 0;
        }
        TokenUsage batched = batchUsage();
        return p.cost(usage().minus(batched), false) + p.cost(batched, true);
    }

    void latency(long millis) {
        latencies.add(millis);
    }

    public long calls() {
        return calls.get();
    }

    public long cacheHits() {
        return cacheHits.get();
    }

    public long retries() {
        return retries.get();
    }

    public long failures() {
        return failures.get();
    }

    /** The accounting so far, as manifest.json records it (the cost only with prices). */
    public ModelAccounting snapshot() {
        List<Long> sorted = new ArrayList<>(latencies);
        sorted.sort(Long::compare);
        Pricing prices = pricing;
        ModelCost cost = null;
        if (prices != null) {
            TokenUsage batched = batchUsage();
            cost = new ModelCost(usd(prices.cost(usage().minus(batched), false)), usd(prices.cost(batched, true)),
                    usd(cost()));
        }
        return new ModelAccounting(requests.get(), cacheHits.get(), shared.get(), calls.get(), retries.get(),
                failures.get(), tokensIn.get(), tokensOut.get(), percentile(sorted, 50), percentile(sorted, 90),
                percentile(sorted, 99), cachedTokensIn.get(), cacheWriteTokens.get(), batches.get(), batchedCalls.get(),
                batchRetried.get(), logprobsMissing.get(), cost, null);
    }

    private static long percentile(List<Long> sorted, int p) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    /**
     * Every figure as counted, for moving between machines: the latencies as samples, so that percentiles over
     * several gateways' figures are exact. Pricing is not part of it (the receiving side prices its own figures).
     */
    public record Tally(long requests, long cacheHits, long shared, long calls, long retries, long failures,
                        long tokensIn, long tokensOut, long cachedTokensIn, long cacheWriteTokens, long batchedCalls,
                        long batchTokensIn, long batchCachedTokensIn, long batchCacheWriteTokens, long batchTokensOut,
                        long batches, long batchRetried, long logprobsMissing, long[] latenciesMs)
            implements Serializable {

        /** Whether nothing at all was counted (a drain may hold a request's later counts without the request). */
        public boolean empty() {
            return latenciesMs.length == 0 && java.util.stream.LongStream.of(requests, cacheHits, shared, calls, retries,
                    failures, tokensIn, tokensOut, cachedTokensIn, cacheWriteTokens, batchedCalls, batchTokensIn,
                    batchCachedTokensIn, batchCacheWriteTokens, batchTokensOut, batches, batchRetried,
                    logprobsMissing).allMatch(v -> v == 0);
        }
    }

    /**
     * Takes what was counted since the last drain and leaves zeros (a cluster member reports its figures per block
     * this way). Each count lands in exactly one drain even while calls go on, though one drain's figures may be
     * taken a moment apart.
     */
    public Tally drain() {
        List<Long> taken = new ArrayList<>();
        for (Long sample = latencies.poll(); sample != null; sample = latencies.poll()) {
            taken.add(sample);
        }
        return new Tally(requests.getAndSet(0), cacheHits.getAndSet(0), shared.getAndSet(0), calls.getAndSet(0),
                retries.getAndSet(0), failures.getAndSet(0), tokensIn.getAndSet(0), tokensOut.getAndSet(0),
                cachedTokensIn.getAndSet(0), cacheWriteTokens.getAndSet(0), batchedCalls.getAndSet(0),
                batchTokensIn.getAndSet(0), batchCachedTokensIn.getAndSet(0), batchCacheWriteTokens.getAndSet(0),
                batchTokensOut.getAndSet(0), batches.getAndSet(0), batchRetried.getAndSet(0),
                logprobsMissing.getAndSet(0), taken.stream().mapToLong(Long::longValue).toArray());
    }

    /** Adds another gateway's figures (a cluster member's) to these. */
    public void add(Tally t) {
        requests.addAndGet(t.requests());
        cacheHits.addAndGet(t.cacheHits());
        shared.addAndGet(t.shared());
        calls.addAndGet(t.calls());
        retries.addAndGet(t.retries());
        failures.addAndGet(t.failures());
        tokensIn.addAndGet(t.tokensIn());
        tokensOut.addAndGet(t.tokensOut());
        cachedTokensIn.addAndGet(t.cachedTokensIn());
        cacheWriteTokens.addAndGet(t.cacheWriteTokens());
        batchedCalls.addAndGet(t.batchedCalls());
        batchTokensIn.addAndGet(t.batchTokensIn());
        batchCachedTokensIn.addAndGet(t.batchCachedTokensIn());
        batchCacheWriteTokens.addAndGet(t.batchCacheWriteTokens());
        batchTokensOut.addAndGet(t.batchTokensOut());
        batches.addAndGet(t.batches());
        batchRetried.addAndGet(t.batchRetried());
        logprobsMissing.addAndGet(t.logprobsMissing());
        for (long sample : t.latenciesMs()) {
            latencies.add(sample);
        }
    }

    /** Dollars to the micro-dollar, as plain decimals. */
    static java.math.BigDecimal usd(double dollars) {
        return java.math.BigDecimal.valueOf(Math.round(dollars * 1e6), 6);
    }
}
