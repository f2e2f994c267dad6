package org.valuesim.scenarios.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import java.io.Serializable;
import java.util.List;
import java.util.concurrent.Callable;
import org.valuesim.core.cluster.PersonaCodec;
import org.valuesim.core.cluster.Question;

/** One block of a run's questions, answered on the member it is sent to. */
final class BlockTask implements Callable<BlockAnswers>, Serializable, HazelcastInstanceAware {

    private static final long serialVersionUID = 1L;

    private final RunSpec spec;
    private final String personas;
    private final List<Question> questions;
    private transient HazelcastInstance member;

    BlockTask(RunSpec spec, String personas, List<Question> questions) {
        this.spec = spec;
        this.personas = personas;
        this.questions = List.copyOf(questions);
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance instance) {
        this.member = instance;
    }

    @Override
    public BlockAnswers call() throws Exception {
        MemberRun run = MemberRuns.of(member).run(spec, member);
        return run.answer(PersonaCodec.read(personas), questions);
    }
}
