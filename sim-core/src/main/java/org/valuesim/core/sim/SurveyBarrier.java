package org.valuesim.core.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import org.valuesim.core.failure.SimulationException;
import org.valuesim.core.instrument.Instrument;
import org.valuesim.core.parallel.Slices;
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
 *
 * <p>With a pool of answering threads (a recomputable respondent's survey), a window's step hands its agents to the
 * pool in slices and returns: the window is answered on every core while the barrier writes the window before it.
 * Each answer is a pure function of the seed, the agent and the item, so the results are the same bits as when the
 * agents step one by one on the schedule.
 */
final class SurveyBarrier implements Steppable {

    private static final long serialVersionUID = 1L;

    private final transient PersonaSource personas;
    private final transient Respondent respondent;
    private final transient List<Instrument> instruments;
    private final transient PhaseListener listener;
    private final transient AnswerSink sink;
    private final transient Runnable atBarrier;
    private final transient ExecutorService answering;
    private final int window;
    /** The window whose answers are in flight, and the one before it, not yet written. */
    private transient Window current = Window.EMPTY;
    private transient Window previous = Window.EMPTY;
    private int next;

    /** A window's agents, and when they have all stepped (their questions are in flight or answered). */
    private record Window(List<SurveyAgent> agents, CompletableFuture<Void> stepped) {
        static final Window EMPTY = new Window(List.of(), CompletableFuture.completedFuture(null));
    }

    /**
     * @param answering the threads that answer a window's agents, or null: the agents step on the schedule, one by one,
     *                  in agent order (a model-backed survey, whose calls go out persona-major)
     */
    SurveyBarrier(PersonaSource personas, Respondent respondent, List<Instrument> instruments, PhaseListener listener,
                  AnswerSink sink, int window, Runnable atBarrier, ExecutorService answering) {
        this.personas = personas;
        this.respondent = respondent;
        this.instruments = instruments;
        this.listener = listener;
        this.sink = sink;
        this.window = window;
        this.atBarrier = atBarrier;
        this.answering = answering;
    }

    /** How many time steps the phase takes: one per window (at least one). */
    static int steps(int agents, int window) {
        return Math.max(1, (agents + window - 1) / window);
    }

    /** Schedules the first window's agents and this barrier at {@code time}. */
    void schedule(SimState state, double time) {
        int end = Math.min(personas.size(), next + window);
        List<SurveyAgent> agents = new ArrayList<>(end - next);
        for (Persona persona : personas.range(next, end)) {
            agents.add(new SurveyAgent(persona, respondent, instruments, listener));
        }
        next = end;
        previous = current;
        if (answering == null) {
            agents.forEach(agent -> state.schedule.scheduleOnce(time, ValueSimulation.AGENT_ORDERING, agent));
            current = new Window(agents, Window.EMPTY.stepped());
        } else {
            CompletableFuture<Void> stepped = new CompletableFuture<>();
            current = new Window(agents, stepped);
            state.schedule.scheduleOnce(time, ValueSimulation.AGENT_ORDERING, s -> stepInSlices(agents, s, stepped));
        }
        state.schedule.scheduleOnce(time, ValueSimulation.BARRIER_ORDERING, this);
    }

    /** Hands the window's agents to the answering threads, a slice each; {@code stepped} completes when all have. */
    private void stepInSlices(List<SurveyAgent> agents, SimState state, CompletableFuture<Void> stepped) {
        Slices.start(agents.size(), answering, (from, to) -> {
            for (int i = from; i < to; i++) {
                agents.get(i).step(state);
            }
        }).whenComplete((done, e) -> {
            if (e == null) {
                stepped.complete(null);
            } else {
                stepped.completeExceptionally(e);
            }
        });
    }

    @Override
    public void step(SimState state) {
        atBarrier.run();
        write(previous);
        previous = Window.EMPTY;
        if (next < personas.size()) {
            schedule(state, state.schedule.getTime() + 1);
        } else {
            write(current);
            current = Window.EMPTY;
        }
    }

    private void write(Window done) {
        try {
            done.stepped().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        for (SurveyAgent agent : done.agents()) {
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
