package org.valuesim.core.sim;

/** Told as each agent's answers are recorded; drives progress display and accounting. */
@FunctionalInterface
public interface PhaseListener {

    PhaseListener NONE = answers -> { };

    void agentDone(AgentAnswers answers);
}
