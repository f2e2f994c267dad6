package org.valuesim.core.llm;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/** A gateway's running accounting: calls, cache hits, retries, failures, tokens and latencies. */
public final class GatewayStats {

    final AtomicLong requests = new AtomicLong();
    final AtomicLong cacheHits = new AtomicLong();
    final AtomicLong shared = new AtomicLong();
    final AtomicLong calls = new AtomicLong();
    final AtomicLong retries = new AtomicLong();
    final AtomicLong failures = new AtomicLong();
    final AtomicLong tokensIn = new AtomicLong();
    final AtomicLong tokensOut = new AtomicLong();
    private final ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();

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

    /** The accounting so far, as manifest.json records it. */
    public ModelAccounting snapshot() {
        List<Long> sorted = new ArrayList<>(latencies);
        sorted.sort(Long::compare);
        return new ModelAccounting(requests.get(), cacheHits.get(), shared.get(), calls.get(), retries.get(),
                failures.get(), tokensIn.get(), tokensOut.get(), percentile(sorted, 50), percentile(sorted, 90),
                percentile(sorted, 99));
    }

    private static long percentile(List<Long> sorted, int p) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
