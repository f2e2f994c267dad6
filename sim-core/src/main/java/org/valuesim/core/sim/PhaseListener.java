package org.valuesim.core.sim;

/**
 * Told as each agent's answers are all in, in completion order and possibly from several threads at
 * once; drives the progress display.
 */
@FunctionalInterface
public interface PhaseListener {

    PhaseListener NONE = answers -> { };

    void agentDone(AgentAnswers answers);

    /** Told as each dilemma round is paid, in round order. */
    default void roundDone(org.valuesim.core.dilemma.RoundResult round) {
    }
}
