package org.valuesim.scenarios.cluster;

import com.hazelcast.map.IMap;
import java.util.concurrent.TimeUnit;
import org.valuesim.core.llm.CacheKey;
import org.valuesim.core.llm.ModelBackend;
import org.valuesim.core.llm.ModelCallException;
import org.valuesim.core.llm.ModelRequest;
import org.valuesim.core.llm.ModelResponse;

/**
 * A member's backend behind the cluster's one-call-per-request guard: before calling, it takes the map's lock on the
 * request's cache key, and if another member answered the request meanwhile it returns that response instead of
 * asking again. The lock is the map's per-key lock (no CP subsystem needed); it is released when its holder's call
 * ends, or when the holder's member leaves the cluster, so a crashed member never blocks a request. Without the
 * cache (--no-cache, --refresh-cache) it only notes each call's latency.
 */
final class GridBackend implements ModelBackend {

    /** Longest a lock is held: beyond any model call's timeout and retries, in case a holder hangs. */
    private static final long LEASE_MINUTES = 30;

    private final ModelBackend inner;
    private final IMap<String, String> grid;
    private final boolean guarded;
    private final BackendTally tally;
    private final PaidElsewhere paidElsewhere;

    /**
     * @param guarded whether identical requests wait for each other across the cluster (when the cache is in use)
     * @param tally   told of each call made and each response another member's call brought
     * @param paidElsewhere told when a response comes from another member's call
     */
    GridBackend(ModelBackend inner, IMap<String, String> grid, boolean guarded, BackendTally tally,
                PaidElsewhere paidElsewhere) {
        this.inner = inner;
        this.grid = grid;
        this.guarded = guarded;
        this.tally = tally;
        this.paidElsewhere = paidElsewhere;
    }

    @Override
    public String provider() {
        return inner.provider();
    }

    @Override
    public String model() {
        return inner.model();
    }

    @Override
    public ModelResponse call(ModelRequest request, String baseUrl) throws ModelCallException {
        if (!guarded) {
            return timed(request, baseUrl);
        }
        String key = CacheKey.of(provider(), model(), request);
        grid.lock(key, LEASE_MINUTES, TimeUnit.MINUTES);
        try {
            String answered = grid.get(key);
            if (answered != null) {
                paidElsewhere.mark();
                ModelResponse response = GridCalls.read(answered).response();
                tally.waited(request, response);
                return response;
            }
            ModelResponse response = timed(request, baseUrl);
            grid.set(key, GridCalls.write(new GridCalls.Entry(provider(), model(), response)));
            return response;
        } finally {
            grid.unlock(key);
        }
    }

    private ModelResponse timed(ModelRequest request, String baseUrl) throws ModelCallException {
        long start = System.nanoTime();
        ModelResponse response = inner.call(request, baseUrl);
        tally.called((System.nanoTime() - start) / 1_000_000);
        return response;
    }
}
