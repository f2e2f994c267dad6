package org.valuesim.scenarios.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;

/** Starts a valuesim cluster member: a Hazelcast member that answers blocks of runs with its own models and cache file. */
public final class Worker {

    private Worker() {
    }

    /**
     * @param config    from {@link GridConfig#member}
     * @param cacheFile this member's model-call cache file
     */
    public static HazelcastInstance start(Config config, Path cacheFile) {
        MemberRuns runs = new MemberRuns(cacheFile);
        ConcurrentHashMap<String, Object> context = new ConcurrentHashMap<>();
        context.put(MemberRuns.KEY, runs);
        config.setUserContext(context);
        HazelcastInstance member = Hazelcast.newHazelcastInstance(config);
        member.getLifecycleService().addLifecycleListener(event -> {
            if (event.getState() == LifecycleEvent.LifecycleState.SHUTTING_DOWN) {
                runs.close();
            }
        });
        return member;
    }
}
