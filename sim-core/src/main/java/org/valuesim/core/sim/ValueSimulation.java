package org.valuesim.core.sim;

import java.util.List;
import java.util.concurrent.ExecutorService;
import org.valuesim.core.dilemma.Dilemma;
import org.valuesim.core.dilemma.DilemmaPhase;
import org.valuesim.core.dilemma.RoundSink;
import org.valuesim.core.instrument.Instrument;
import org.valuesim.core.parallel.Slices;
import org.valuesim.core.respond.Prompts;
import org.valuesim.core.persona.Persona;
import org.valuesim.core.respond.Respondent;
import sim.engine.SimState;

/**
 * The MASON model of a run: one {@link SurveyAgent} per persona. The survey phase runs in windows of agents
 * ({@link #WINDOW} for an embedded respondent, all agents for a model) from time 0, one window per time step: the
 * window's agents step (ordering 0) and put their questions in flight, then the barrier (ordering 1) writes the
 * window before in agent order (see {@link SurveyBarrier}). A recomputable respondent's window is answered on one
 * thread per core while the barrier writes the window before; a model-backed survey's agents step one by one on the
 * schedule, so its calls go out persona-major. The dilemmas follow one after another, one round per time step (see
 * {@link DilemmaPhase}); a recomputable respondent's moves are made and recorded on the same threads.
 */
public final class ValueSimulation extends SimState {

    private static final long serialVersionUID = 1L;

    /** Ordering of agent steps within a phase time step. */
    static final int AGENT_ORDERING = 0;
    /** Ordering of the barrier that closes a phase. */
    static final int BARRIER_ORDERING = 1;
    /**
     * Agents per survey window of a recomputable (embedded) respondent: two windows of answers take tens of megabytes.
     * A model-backed respondent's survey is one window, so all its questions are in flight together, reach the server
     * persona-major and go into one batch submission per phase.
     */
    static final int WINDOW = 4096;

    private final transient SurveyBarrier survey;
    /** The threads that answer a recomputable respondent's survey windows; null for a model-backed survey. */
    private final transient ExecutorService answering;
    private final int surveySteps;
    private final transient List<DilemmaPhase> dilemmas;

    public ValueSimulation(long seed, List<Persona> personas, Respondent respondent, List<Instrument> instruments,
                           AnswerSink sink, PhaseListener listener) {
        this(seed, personas, respondent, instruments, sink, listener, List.of(), null, RoundSink.NONE);
    }

    /**
     * @param dilemmas   played in this order after the survey
     * @param prompts    the texts dilemma moves are asked with
     * @param roundSink  receives each dilemma round once it is paid
     */
    public ValueSimulation(long seed, List<Persona> personas, Respondent respondent, List<Instrument> instruments,
                           AnswerSink sink, PhaseListener listener, List<Dilemma> dilemmas, Prompts prompts,
                           RoundSink roundSink) {
        this(seed, personas, respondent, instruments, sink, listener, dilemmas, prompts, roundSink, () -> { });
    }

    /**
     * @param atBarrier run as each phase's barrier starts waiting (each survey window's, each dilemma round's), when
     *                  every call of the agents just stepped is in flight: a batch-mode gateway submits them then
     */
    public ValueSimulation(long seed, List<Persona> personas, Respondent respondent, List<Instrument> instruments,
                           AnswerSink sink, PhaseListener listener, List<Dilemma> dilemmas, Prompts prompts,
                           RoundSink roundSink, Runnable atBarrier) {
        this(seed, PersonaSource.of(personas), respondent, instruments, sink, listener, dilemmas, prompts, roundSink,
                atBarrier);
    }

    /**
     * As {@link #ValueSimulation(long, List, Respondent, List, AnswerSink, PhaseListener, List, Prompts, RoundSink,
     * Runnable)}, with personas drawn a window at a time; a run with dilemmas holds them all (its networks need them).
     */
    public ValueSimulation(long seed, PersonaSource personas, Respondent respondent, List<Instrument> instruments,
                           AnswerSink sink, PhaseListener listener, List<Dilemma> dilemmas, Prompts prompts,
                           RoundSink roundSink, Runnable atBarrier) {
        super(seed);
        this.answering = respondent.recomputable() ? Slices.threads() : null;
        List<Persona> everyone = dilemmas.isEmpty() ? List.of() : personas.range(0, personas.size());
        this.dilemmas = dilemmas.stream().map(d -> new DilemmaPhase(d, everyone, respondent, prompts, roundSink, seed,
                atBarrier, answering)).toList();
        int window = surveyWindow(respondent, personas.size());
        this.survey = new SurveyBarrier(personas, respondent, List.copyOf(instruments), listener, sink, window, atBarrier,
                answering);
        this.surveySteps = SurveyBarrier.steps(personas.size(), window);
    }

    /** Agents per survey window for this respondent (a cluster's coordinator cuts its shards at these edges). */
    public static int surveyWindow(Respondent respondent, int agents) {
        return respondent.recomputable() ? WINDOW : Math.max(1, agents);
    }

    @Override
    public void start() {
        super.start();
        survey.schedule(this, 0.0);
        double time = surveySteps;
        for (DilemmaPhase phase : dilemmas) {
            phase.schedule(this, time);
            time += phase.dilemma().rounds();
        }
    }

    /** The dilemma phases, in play order (their networks exist once the simulation has started). */
    public List<DilemmaPhase> dilemmas() {
        return dilemmas;
    }

    /** Runs every scheduled phase to the end. */
    public void runToEnd() {
        try {
            start();
            while (schedule.step(this)) {
                // each step runs one time slot of the schedule
            }
            finish();
        } finally {
            if (answering != null) {
                answering.shutdownNow();
            }
        }
    }
}
