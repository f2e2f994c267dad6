package org.valuesim.scenarios.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.valuesim.scenarios.scenario.InputException;

/**
 * The runs a member is answering, by run id, kept in the member's user context so that tasks find them. A run is
 * set up by its first task and closed when its coordinator says the run is over, or after an hour without tasks
 * (its coordinator was stopped).
 */
final class MemberRuns implements AutoCloseable {

    /** The key of this object in the member's user context. */
    static final String KEY = "valuesim.runs";

    private static final long IDLE_NANOS = TimeUnit.HOURS.toNanos(1);

    private final Path cacheFile;
    private final Map<String, MemberRun> runs = new ConcurrentHashMap<>();

    /** @param cacheFile this member's cache file */
    MemberRuns(Path cacheFile) {
        this.cacheFile = cacheFile;
    }

    static MemberRuns of(HazelcastInstance member) {
        Object runs = member.getUserContext().get(KEY);
        if (!(runs instanceof MemberRuns found)) {
            throw new IllegalStateException("this cluster member was not started by valuesim worker");
        }
        return found;
    }

    /** The run, set up here on first use. */
    MemberRun run(RunSpec spec, HazelcastInstance member) throws InputException {
        MemberRun run = runs.get(spec.runId());
        if (run != null) {
            return run;
        }
        synchronized (this) {
            closeIdle();
            run = runs.get(spec.runId());
            if (run == null) {
                IMap<String, String> grid = member.getMap(GridCalls.MAP);
                run = MemberRun.open(spec, cacheFile, grid, member.getMap(GridBudget.MAP));
                runs.put(spec.runId(), run);
            }
            return run;
        }
    }

    /** Closes a run its coordinator finished. */
    void end(String runId) {
        MemberRun run = runs.remove(runId);
        if (run != null) {
            run.close();
        }
    }

    private void closeIdle() {
        runs.entrySet().removeIf(e -> {
            if (e.getValue().idleNanos() > IDLE_NANOS) {
                e.getValue().close();
                return true;
            }
            return false;
        });
    }

    @Override
    public void close() {
        runs.values().forEach(MemberRun::close);
        runs.clear();
    }
}
