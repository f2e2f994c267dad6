package org.valuesim.scenarios.cluster;

import com.hazelcast.map.IMap;
import java.util.Optional;
import org.valuesim.core.llm.CallCache;
import org.valuesim.core.llm.ModelResponse;

/**
 * A member's model-call cache: its own cache (memory, then its SQLite file) first, then the cluster's map. A
 * response found in the map is kept in the member's file too; one the member's model answered goes to both, so an
 * identical request anywhere in the cluster finds it, and a restarted member finds its file's responses again.
 */
final class GridCallCache implements CallCache {

    private final IMap<String, String> grid;
    private final CallCache local;

    GridCallCache(IMap<String, String> grid, CallCache local) {
        this.grid = grid;
        this.local = local;
    }

    @Override
    public Optional<ModelResponse> get(String key) {
        Optional<ModelResponse> here = local.get(key);
        if (here.isPresent()) {
            return here;
        }
        String shared = grid.get(key);
        if (shared == null) {
            return Optional.empty();
        }
        GridCalls.Entry entry = GridCalls.read(shared);
        local.put(key, entry.provider(), entry.model(), entry.response());
        return Optional.of(entry.response());
    }

    @Override
    public void put(String key, String provider, String model, ModelResponse response) {
        local.put(key, provider, model, response);
        grid.set(key, GridCalls.write(new GridCalls.Entry(provider, model, response)));
    }

    @Override
    public void flush() {
        local.flush();
    }

    @Override
    public void close() {
        local.close();
    }
}
