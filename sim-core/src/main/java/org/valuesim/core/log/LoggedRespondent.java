package org.valuesim.core.log;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.valuesim.core.instrument.Instrument;
import org.valuesim.core.instrument.Item;
import org.valuesim.core.llm.CallsStopped;
import org.valuesim.core.persona.Persona;
import org.valuesim.core.respond.Answer;
import org.valuesim.core.respond.Decision;
import org.valuesim.core.respond.Provenance;
import org.valuesim.core.respond.Respondent;

/**
 * A respondent behind the response log: an answer the log already holds (from the interrupted run being resumed)
 * is returned as logged without asking again; any other answer is asked, appended, and handed on only once it is
 * on disk. A call stopped by the budget or a rejected batch ({@link CallsStopped}) is no answer: it is not logged,
 * so a resumed run asks it again. A {@link Respondent#recomputable() recomputable} respondent's answers bypass
 * the log: a resumed run computes them again, identically, faster than it could read them back.
 */
public final class LoggedRespondent implements Respondent {

    private final Respondent inner;
    private final ResponseLog log;
    private final boolean recomputable;

    public LoggedRespondent(Respondent inner, ResponseLog log) {
        this.inner = inner;
        this.log = log;
        this.recomputable = inner.recomputable();
    }

    @Override
    public boolean recomputable() {
        return recomputable;
    }

    @Override
    public String kind() {
        return inner.kind();
    }

    @Override
    public CompletableFuture<Answer> answer(Persona persona, Instrument instrument, Item item) {
        if (recomputable) {
            return inner.answer(persona, instrument, item);
        }
        Optional<Answer> logged = log.logged(persona.id(), instrument.id(), item.id());
        if (logged.isPresent()) {
            return CompletableFuture.completedFuture(logged.get());
        }
        return inner.answer(persona, instrument, item)
                .exceptionally(e -> {
                    CallsStopped.rethrowIfStopped(e);
                    return Answer.failed(persona.id(), instrument.id(), item.id(), "respondent error: " + e, "",
                            Provenance.embedded(inner.kind()));
                })
                .thenCompose(this::durable);
    }

    @Override
    public CompletableFuture<Answer> act(Persona persona, Decision decision) {
        if (recomputable) {
            return inner.act(persona, decision);
        }
        Optional<Answer> logged = log.logged(persona.id(), decision.frame().id(), decision.item().id());
        if (logged.isPresent()) {
            return CompletableFuture.completedFuture(logged.get());
        }
        return inner.act(persona, decision)
                .exceptionally(e -> {
                    CallsStopped.rethrowIfStopped(e);
                    return Answer.failed(persona.id(), decision.frame().id(), decision.item().id(),
                            "respondent error: " + e, "", Provenance.embedded(inner.kind()));
                })
                .thenCompose(this::durable);
    }

    /** The inner rule when moves bypass the log; otherwise moves go through {@link #act} to be logged. */
    @Override
    public java.util.Optional<org.valuesim.core.respond.ValueRule> valueRule() {
        return recomputable ? inner.valueRule() : java.util.Optional.empty();
    }

    @Override
    public boolean readsDecisionText() {
        return inner.readsDecisionText();
    }

    private CompletableFuture<Answer> durable(Answer answer) {
        return log.append(answer).thenApply(done -> answer);
    }

    @Override
    public void close() {
        inner.close();
    }
}
