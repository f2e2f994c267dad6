package org.valuesim.core.respond;

import java.util.List;
import java.util.Map;
import org.valuesim.core.instrument.Instrument;
import org.valuesim.core.instrument.Item;
import org.valuesim.core.instrument.ResponseScale;
import org.valuesim.core.llm.Message;
import org.valuesim.core.llm.ModelRequest;
import org.valuesim.core.llm.Sampling;
import org.valuesim.core.persona.Persona;

/**
 * CAPS as the ValueSim authors' code runs it (main_cv.py, setting multi_agent_voter): each module is one user
 * message holding its perspective's guidance, the story and the question with its options (paper-caps-*), and
 * replies answer first, then analysis; the first "Answer:" is read, as written; no cap on the reply. Unreadable
 * modules are ignored: no readable answer leaves the item unanswered, one readable answer stands, equal readable
 * answers are unanimous. The coordinator sees the question, its options and the three answers with their
 * analyses, not the story (paper-caps-coordinator), and replies the same way. An unreadable module's answer is
 * shown to the coordinator as "None", as the authors' Python code prints it.
 */
final class PaperCaps implements CapsShape {

    private final Prompts prompts;
    private final PaperQuestions questions;
    private final Sampling sampling;

    PaperCaps(Prompts prompts, double temperature) {
        this.prompts = prompts;
        this.questions = new PaperQuestions(prompts);
        this.sampling = new Sampling(temperature, Sampling.NO_CAP, 0);
    }

    @Override
    public ModelRequest module(String module, Persona persona, Instrument instrument, Item item) {
        String text = prompts.paper("paper-caps-" + module, Map.of(
                "profile_text", persona.backstory() == null ? "" : persona.backstory(),
                "question_text_with_options", questions.questionWithOptions(instrument, item, persona)));
        return new ModelRequest(List.of(Message.user(text)), sampling, 0);
    }

    @Override
    public Answer.ModuleAnswer read(String module, String text, ResponseScale scale) {
        return new Answer.ModuleAnswer(module, PaperReader.firstAnswer(text), PaperReader.analysis(text));
    }

    @Override
    public Agreement agree(List<Integer> answers) {
        List<Integer> readable = answers.stream().filter(a -> a != null).toList();
        if (readable.isEmpty()) {
            return Agreement.noAnswer();
        }
        return readable.stream().distinct().count() == 1 ? Agreement.of(readable.get(0)) : Agreement.disputed();
    }

    @Override
    public ModelRequest coordinator(Persona persona, Instrument instrument, Item item, List<Answer.ModuleAnswer> modules) {
        Map<String, String> fields = new java.util.HashMap<>();
        fields.put("question_text", questions.questionText(instrument, item, persona));
        fields.put("options_text", questions.optionsText(instrument.response(item)));
        for (Answer.ModuleAnswer m : modules) {
            fields.put(m.module() + "_answer", m.answer() == null ? "None" : m.answer().toString());
            fields.put(m.module() + "_analysis", m.analysis());
        }
        return new ModelRequest(List.of(Message.user(prompts.paper("paper-caps-coordinator", fields))), sampling, 0);
    }

    @Override
    public Integer readCoordinator(String text, ResponseScale scale) {
        return PaperReader.firstAnswer(text);
    }

    /** The ceiling of the readable answers' mean, whatever the options (as the authors' average_decision). */
    @Override
    public int average(List<Integer> readable, ResponseScale scale) {
        return (int) Math.ceil(readable.stream().mapToInt(Integer::intValue).average().orElseThrow() - 1e-9);
    }
}
