package org.valuesim.core.sim;

/**
 * Receives each agent's answers, in agent id order, once all of that agent's answers are in.
 * Implementations write results; the simulation does not keep answers after handing them over.
 */
@FunctionalInterface
public interface AnswerSink {

    void accept(AgentAnswers answers) throws Exception;
}
