package org.valuesim.core.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.valuesim.core.instrument.Instrument;
import org.valuesim.core.instrument.Item;
import org.valuesim.core.llm.CallsStopped;
import org.valuesim.core.persona.Persona;
import org.valuesim.core.respond.Answer;
import org.valuesim.core.respond.Provenance;
import org.valuesim.core.respond.Respondent;
import sim.engine.SimState;
import sim.engine.Steppable;

/**
 * One persona as a MASON agent. Its survey step puts all of its questions to its respondent at once
 * and returns without waiting, so a slow model answers every agent's questions concurrently; the
 * phase's barrier collects the answers.
 */
public final class SurveyAgent implements Steppable {

    private static final long serialVersionUID = 1L;

    private final Persona persona;
    private final transient Respondent respondent;
    private final transient List<Instrument> instruments;
    private final transient PhaseListener listener;
    private transient CompletableFuture<AgentAnswers> pending;

    /**
     * @param listener told as soon as all of this agent's answers are in, from whichever thread completed them
     */
    public SurveyAgent(Persona persona, Respondent respondent, List<Instrument> instruments, PhaseListener listener) {
        this.persona = persona;
        this.respondent = respondent;
        this.instruments = List.copyOf(instruments);
        this.listener = listener;
    }

    public Persona persona() {
        return persona;
    }

    @Override
    public void step(SimState state) {
        List<CompletableFuture<Answer>> futures = new ArrayList<>();
        for (Instrument instrument : instruments) {
            for (Item item : instrument.items()) {
                futures.add(respondent.answer(persona, instrument, item)
                        .exceptionally(e -> {
                            CallsStopped.rethrowIfStopped(e);
                            return Answer.failed(persona.id(), instrument.id(), item.id(), "respondent error: " + e, "",
                                    Provenance.embedded(respondent.kind()));
                        }));
            }
        }
        if (futures.stream().allMatch(f -> f.isDone() && !f.isCompletedExceptionally())) {
            // an embedded respondent has answered already: no need to wait on every future
            List<Answer> answers = new ArrayList<>(futures.size());
            futures.forEach(f -> answers.add(f.join()));
            AgentAnswers done = new AgentAnswers(persona, answers);
            pending = CompletableFuture.completedFuture(done);
            listener.agentDone(done);
            return;
        }
        pending = CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
                .thenApply(done -> new AgentAnswers(persona, futures.stream().map(CompletableFuture::join).toList()));
        pending.thenAccept(listener::agentDone);
    }

    /** The answers of the last survey step; null before the agent has stepped. */
    CompletableFuture<AgentAnswers> pending() {
        return pending;
    }

    void clearPending() {
        pending = null;
    }
}
