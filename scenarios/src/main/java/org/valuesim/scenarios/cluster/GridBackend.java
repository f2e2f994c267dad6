package org.valuesim.scenarios.cluster;

import com.hazelcast.map.IMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.valuesim.core.llm.ModelBackend;
import org.valuesim.core.llm.ModelCallException;
import org.valuesim.core.llm.ModelRequest;
import org.valuesim.core.llm.ModelResponse;

/**
 * A member's backend behind the cluster's one-call-per-request guard (when the cache is in use): before calling, it
 * takes the map's lock on the request's cache key, and if another member answered the request meanwhile it returns
 * that response, paid elsewhere, instead of asking again; the gateway counts it as a shared request, as one machine
 * shares an identical request. The lock is the map's per-key lock (no CP subsystem needed); it is released when its
 * holder's call ends, or when the holder's member leaves the cluster, so a crashed member never blocks a request.
 */
final class GridBackend implements ModelBackend {

    /** Longest a lock is held: beyond any model call's timeout and retries, in case a holder hangs. */
    private static final long LEASE_MINUTES = 30;

    private final ModelBackend inner;
    private final IMap<String, String> grid;

    GridBackend(ModelBackend inner, IMap<String, String> grid) {
        this.inner = inner;
        this.grid = grid;
    }

    @Override
    public String provider() {
        return inner.provider();
    }

    @Override
    public String model() {
        return inner.model();
    }

    /** The model's own (its reasoning effort), so that a member's cache keys are those of one machine. */
    @Override
    public Map<String, Object> keyExtras() {
        return inner.keyExtras();
    }

    @Override
    public ModelResponse call(ModelRequest request, String baseUrl) throws ModelCallException {
        return inner.call(request, baseUrl);
    }

    @Override
    public Reply reply(String key, ModelRequest request, String baseUrl) throws ModelCallException {
        grid.lock(key, LEASE_MINUTES, TimeUnit.MINUTES);
        try {
            String answered = grid.get(key);
            if (answered != null) {
                return new Reply(GridCalls.read(answered).response(), true);
            }
            ModelResponse response = inner.call(request, baseUrl);
            grid.set(key, GridCalls.write(new GridCalls.Entry(provider(), model(), response)));
            return new Reply(response, false);
        } finally {
            grid.unlock(key);
        }
    }

    @Override
    public void close() {
        inner.close();
    }
}
