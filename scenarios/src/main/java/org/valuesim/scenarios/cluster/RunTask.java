package org.valuesim.scenarios.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import java.io.Serializable;
import java.util.concurrent.Callable;

/**
 * Sets a run up on a member before any block is sent (so that a member missing an API key or a scenario file is
 * named before anything is written), or closes it once the run is over. Returns null, or the problem in one line.
 */
final class RunTask implements Callable<String>, Serializable, HazelcastInstanceAware {

    private static final long serialVersionUID = 1L;

    private final RunSpec spec;
    private final boolean end;
    private transient HazelcastInstance member;

    private RunTask(RunSpec spec, boolean end) {
        this.spec = spec;
        this.end = end;
    }

    static RunTask prepare(RunSpec spec) {
        return new RunTask(spec, false);
    }

    static RunTask end(RunSpec spec) {
        return new RunTask(spec, true);
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance instance) {
        this.member = instance;
    }

    @Override
    public String call() {
        MemberRuns runs = MemberRuns.of(member);
        if (end) {
            runs.end(spec.runId());
            return null;
        }
        try {
            runs.run(spec, member);
            return null;
        } catch (Exception e) {
            return String.valueOf(e.getMessage());
        }
    }
}
