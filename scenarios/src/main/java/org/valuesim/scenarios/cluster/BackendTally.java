package org.valuesim.scenarios.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.valuesim.core.llm.GatewayStats;
import org.valuesim.core.llm.ModelRequest;
import org.valuesim.core.llm.ModelResponse;

/**
 * What one model's backend did on a member beside what its gateway counts: the latency of each call it made, and
 * the responses it did not call for because another member was making the identical call ({@link GridBackend}). The
 * gateway counts such a response as a call with its tokens; one machine would have shared the first request's
 * answer, so the member's report moves it to shared requests without its tokens, and takes the latencies from here
 * (a wait for another member's call is no model latency).
 */
final class BackendTally {

    private final ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
    private final AtomicLong waited = new AtomicLong();
    private final AtomicLong tokensIn = new AtomicLong();
    private final AtomicLong tokensOut = new AtomicLong();
    private final AtomicLong cachedTokensIn = new AtomicLong();
    private final AtomicLong cacheWriteTokens = new AtomicLong();
    private final AtomicLong logprobsMissing = new AtomicLong();

    /** A call the backend made, answered after this long. */
    void called(long millis) {
        latencies.add(millis);
    }

    /** A response another member's identical call brought. */
    void waited(ModelRequest request, ModelResponse response) {
        waited.incrementAndGet();
        tokensIn.addAndGet(response.tokensIn());
        tokensOut.addAndGet(response.tokensOut());
        cachedTokensIn.addAndGet(response.cachedTokensIn());
        cacheWriteTokens.addAndGet(response.cacheWriteTokens());
        // counted as the gateway counts a response without the log-probabilities it asked for
        if (request.sampling().topLogprobs() > 0 && response.firstTokenLogprobs().isEmpty()) {
            logprobsMissing.incrementAndGet();
        }
    }

    /** The gateway's figures as drained, corrected by what was noted here since the last report. */
    GatewayStats.Tally correct(GatewayStats.Tally g) {
        long w = waited.getAndSet(0);
        List<Long> taken = new ArrayList<>();
        for (Long sample = latencies.poll(); sample != null; sample = latencies.poll()) {
            taken.add(sample);
        }
        return new GatewayStats.Tally(g.requests(), g.cacheHits(), g.shared() + w, g.calls() - w, g.retries(),
                g.failures(), g.tokensIn() - tokensIn.getAndSet(0), g.tokensOut() - tokensOut.getAndSet(0),
                g.cachedTokensIn() - cachedTokensIn.getAndSet(0), g.cacheWriteTokens() - cacheWriteTokens.getAndSet(0),
                g.batchedCalls(), g.batchTokensIn(), g.batchCachedTokensIn(), g.batchCacheWriteTokens(),
                g.batchTokensOut(), g.batches(), g.batchRetried(), g.logprobsMissing() - logprobsMissing.getAndSet(0),
                taken.stream().mapToLong(Long::longValue).toArray());
    }
}
