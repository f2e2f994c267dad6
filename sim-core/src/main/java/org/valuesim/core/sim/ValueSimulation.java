package org.valuesim.core.sim;

import java.util.ArrayList;
import java.util.List;
import org.valuesim.core.dilemma.Dilemma;
import org.valuesim.core.dilemma.DilemmaPhase;
import org.valuesim.core.dilemma.RoundSink;
import org.valuesim.core.instrument.Instrument;
import org.valuesim.core.respond.Prompts;
import org.valuesim.core.persona.Persona;
import org.valuesim.core.respond.Respondent;
import sim.engine.SimState;
import sim.engine.Steppable;

/**
 * The MASON model of a run: one {@link SurveyAgent} per persona. The survey phase is scheduled at
 * time 0: every agent steps (ordering 0) and puts its questions in flight, then the barrier
 * (ordering 1) collects the answers in agent order. The dilemmas follow one after another, one round per
 * time step from time 1 (see {@link DilemmaPhase}).
 */
public final class ValueSimulation extends SimState {

    private static final long serialVersionUID = 1L;

    /** Ordering of agent steps within a phase time step. */
    static final int AGENT_ORDERING = 0;
    /** Ordering of the barrier that closes a phase. */
    static final int BARRIER_ORDERING = 1;

    private final transient List<SurveyAgent> agents;
    private final transient AnswerSink sink;
    private final transient List<DilemmaPhase> dilemmas;
    private final transient Runnable atBarrier;

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
     * @param atBarrier run as each phase's barrier starts waiting (the survey's, each dilemma round's), when every call
     *                  the phase's agents make is in flight: a batch-mode gateway submits them then
     */
    public ValueSimulation(long seed, List<Persona> personas, Respondent respondent, List<Instrument> instruments,
                           AnswerSink sink, PhaseListener listener, List<Dilemma> dilemmas, Prompts prompts,
                           RoundSink roundSink, Runnable atBarrier) {
        super(seed);
        this.atBarrier = atBarrier;
        this.dilemmas = dilemmas.stream().map(d -> new DilemmaPhase(d, personas, respondent, prompts, roundSink, seed,
                atBarrier)).toList();
        List<SurveyAgent> list = new ArrayList<>(personas.size());
        for (Persona persona : personas) {
            list.add(new SurveyAgent(persona, respondent, instruments, listener));
        }
        this.agents = List.copyOf(list);
        this.sink = sink;
    }

    @Override
    public void start() {
        super.start();
        for (SurveyAgent agent : agents) {
            schedule.scheduleOnce(0.0, AGENT_ORDERING, agent);
        }
        Steppable barrier = new SurveyBarrier(agents, sink, atBarrier);
        schedule.scheduleOnce(0.0, BARRIER_ORDERING, barrier);
        double time = 1;
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
        start();
        while (schedule.step(this)) {
            // each step runs one time slot of the schedule
        }
        finish();
    }
}
