package org.valuesim.core.llm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /** The accounting as written into manifest.json. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("requests", requests.get());
        m.put("cache_hits", cacheHits.get());
        m.put("shared_requests", shared.get());
        m.put("model_calls", calls.get());
        m.put("retries", retries.get());
        m.put("failed_requests", failures.get());
        m.put("tokens_in", tokensIn.get());
        m.put("tokens_out", tokensOut.get());
        List<Long> sorted = new ArrayList<>(latencies);
        sorted.sort(Long::compare);
        for (int p : new int[] {50, 90, 99}) {
            m.put("latency_p" + p + "_ms", sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1,
                    (int) Math.ceil(p / 100.0 * sorted.size()) - 1)));
        }
        return m;
    }
}
