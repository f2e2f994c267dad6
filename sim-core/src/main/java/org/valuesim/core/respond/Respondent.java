package org.valuesim.core.respond;

import java.util.concurrent.CompletableFuture;
import org.valuesim.core.instrument.Instrument;
import org.valuesim.core.instrument.Item;
import org.valuesim.core.persona.Persona;

/**
 * Answers items for personas. Answers are asynchronous so that a survey phase can have every
 * agent's questions in flight at once when the respondent is a slow model; embedded respondents
 * return completed futures. A respondent never fails the future for a bad answer: it returns an
 * {@link Answer} with status failed and the reason.
 */
public interface Respondent extends AutoCloseable {

    /** The respondent kind as named in scenario files (psychometric, value-prompt, ...). */
    String kind();

    CompletableFuture<Answer> answer(Persona persona, Instrument instrument, Item item);

    /**
     * The persona's move in a round of a social dilemma. Text-reading respondents answer the decision's item,
     * which tells them the game and their last round; embedded respondents override this with a value rule.
     */
    default CompletableFuture<Answer> act(Persona persona, Decision decision) {
        return answer(persona, decision.frame(), decision.item());
    }

    /**
     * Whether {@link #act} reads the decision's text; when it does not (value-rule respondents), dilemma rounds skip
     * writing the game's prompt for every agent.
     */
    default boolean readsDecisionText() {
        return true;
    }

    /**
     * The rule this respondent's dilemma moves follow, when {@link #act} is that rule and nothing else: a dilemma
     * phase then works out each agent's fixed terms once instead of asking {@link #act} every round. Empty by default.
     */
    default java.util.Optional<ValueRule> valueRule() {
        return java.util.Optional.empty();
    }

    /**
     * Whether every answer is a pure function of the run's seed, the persona and the item, and costs less to compute
     * again than to read back from the response log (the psychometric respondent): such answers are not logged, and a
     * resumed run computes them again, identically.
     */
    default boolean recomputable() {
        return false;
    }

    @Override
    default void close() {
    }
}
