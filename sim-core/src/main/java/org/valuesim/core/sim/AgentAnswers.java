package org.valuesim.core.sim;

import java.util.List;
import org.valuesim.core.persona.Persona;
import org.valuesim.core.respond.Answer;

/** Everything one agent answered in a survey phase, in instrument and item order. */
public record AgentAnswers(Persona persona, List<Answer> answers) {

    public AgentAnswers {
        answers = List.copyOf(answers);
    }
}
