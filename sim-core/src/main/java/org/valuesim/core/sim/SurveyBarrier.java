package org.valuesim.core.sim;

import java.util.ArrayList;
import java.util.List;
import org.valuesim.core.instrument.Instrument;
import org.valuesim.core.persona.Persona;
import org.valuesim.core.respond.Respondent;
import sim.engine.SimState;
import sim.engine.Steppable;

/**
 * Runs a survey phase in windows of agents, one window per time step: each window's agents step (ordering 0) and put
 * their questions in flight, then this barrier (ordering 1) hands the previous window's answers to the sink in agent
 * order and schedules the next window. Two windows are alive at once, the one answering and the one being written,
 * so the phase's memory does not grow with the number of agents. {@link ValueSimulation} makes a model-backed survey
 * one window, so that all its questions are in flight together. Results are written in agent order whatever order
 * the answers arrived in.
 */
final class SurveyBarrier implements Steppable {

    private static final long serialVersionUID = 1L;

    private final transient List<Persona> personas;
    private final transient Respondent respondent;
    private final transient List<Instrument> instruments;
    private final transient PhaseListener listener;
    private final transient AnswerSink sink;
    private final transient Runnable atBarrier;
    private final int window;
    /** The window whose answers are in flight, and the one before it, not yet written. */
    private transient List<SurveyAgent> answering = List.of();
    private transient List<SurveyAgent> previous = List.of();
    private int next;

    SurveyBarrier(List<Persona> personas, Respondent respondent, List<Instrument> instruments, PhaseListener listener,
                  AnswerSink sink, int window, Runnable atBarrier) {
        this.personas = personas;
        this.respondent = respondent;
        this.instruments = instruments;
        this.listener = listener;
        this.sink = sink;
        this.window = window;
        this.atBarrier = atBarrier;
    }

    /** How many time steps the phase takes: one per window (at least one). */
    static int steps(int agents, int window) {
        return Math.max(1, (agents + window - 1) / window);
    }

    /** Schedules the first window's agents and this barrier at {@code time}. */
    void schedule(SimState state, double time) {
        List<SurveyAgent> agents = new ArrayList<>(Math.min(window, personas.size() - next));
        for (int end = Math.min(personas.size(), next + window); next < end; next++) {
            SurveyAgent agent = new SurveyAgent(personas.get(next), respondent, instruments, listener);
            agents.add(agent);
            state.schedule.scheduleOnce(time, ValueSimulation.AGENT_ORDERING, agent);
        }
        previous = answering;
        answering = agents;
        state.schedule.scheduleOnce(time, ValueSimulation.BARRIER_ORDERING, this);
    }

    @Override
    public void step(SimState state) {
        atBarrier.run();
        write(previous);
        previous = List.of();
        if (next < personas.size()) {
            schedule(state, state.schedule.getTime() + 1);
        } else {
            write(answering);
            answering = List.of();
        }
    }

    private void write(List<SurveyAgent> agents) {
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
