package org.valuesim.core.sim;

import java.util.List;
import sim.engine.SimState;
import sim.engine.Steppable;

/**
 * Ends a survey phase: scheduled after every agent's survey step, it waits for each agent's answers
 * in agent order and hands them to the sink, so results are written in the same order whatever
 * order the answers arrived in.
 */
final class SurveyBarrier implements Steppable {

    private static final long serialVersionUID = 1L;

    private final transient List<SurveyAgent> agents;
    private final transient AnswerSink sink;
    private final transient Runnable atBarrier;

    SurveyBarrier(List<SurveyAgent> agents, AnswerSink sink, Runnable atBarrier) {
        this.agents = agents;
        this.sink = sink;
        this.atBarrier = atBarrier;
    }

    @Override
    public void step(SimState state) {
        atBarrier.run();
        for (SurveyAgent agent : agents) {
            AgentAnswers answers = agent.pending().join();
            agent.clearPending();
            try {
                sink.accept(answers);
            } catch (Exception e) {
                throw new SimulationException("could not record the answers of agent " + agent.persona().id(), e);
            }
        }
    }
}
