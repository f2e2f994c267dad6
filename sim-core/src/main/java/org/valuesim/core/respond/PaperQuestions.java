package org.valuesim.core.respond;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.valuesim.core.instrument.Instrument;
import org.valuesim.core.instrument.Item;
import org.valuesim.core.instrument.PortraitText;
import org.valuesim.core.instrument.ResponseOption;
import org.valuesim.core.instrument.ResponseScale;
import org.valuesim.core.persona.Persona;
import org.valuesim.core.persona.ProfileStatement;

/**
 * Questions and profile documents as the ValueSim authors' code writes them (paper protocol). A question is its
 * text (the item, then the instrument's question) with its options as "code: label" lines (paper-question); a
 * document of a full-profile or rag prompt is one answered question: its text, its option labels one a line, and
 * the code the person chose (paper-document). A numeric item has no options: its range line stands in for them.
 */
public final class PaperQuestions {

    private final Prompts prompts;

    public PaperQuestions(Prompts prompts) {
        this.prompts = prompts;
    }

    /** The question's text: the item as shown to this persona, then the instrument's question if it has one. */
    public String questionText(Instrument instrument, Item item, Persona persona) {
        String text = PortraitText.render(item.text(), persona.demographics().get("gender"));
        return instrument.question().isBlank() ? text : text + "\n" + instrument.question();
    }

    /** The options as "code: label" lines (the range line for a numeric item). */
    public String optionsText(ResponseScale scale) {
        if (ResponseScale.NUMERIC.equals(scale.kind())) {
            return prompts.numericRange(scale);
        }
        return scale.options().stream().map(o -> o.value() + ": " + o.label()).collect(Collectors.joining("\n"));
    }

    /** The question with its options (the field question_text_with_options of the paper's prompts). */
    public String questionWithOptions(Instrument instrument, Item item, Persona persona) {
        return prompts.paper("paper-question", Map.of("question_text", questionText(instrument, item, persona),
                "options_text", optionsText(instrument.response(item))));
    }

    /**
     * One profile statement as a document: the question, its option labels and the chosen code. A demographic
     * (or a statement whose item the instrument lacks) is its subject and its answer, as the authors' code writes
     * a question without options.
     */
    public String document(ProfileStatement statement, Instrument instrument, Persona persona) {
        Item item = instrument.items().stream().filter(i -> i.id().equals(statement.key())).findFirst().orElse(null);
        if (item == null) {
            return statement.subject() + "\n" + statement.answer();
        }
        ResponseScale scale = instrument.response(item);
        List<ResponseOption> options = scale.options();
        ResponseOption chosen = options.stream().filter(o -> o.label().equals(statement.answer())).findFirst()
                .orElse(null);
        String labels = ResponseScale.NUMERIC.equals(scale.kind()) ? ""
                : options.stream().map(ResponseOption::label).collect(Collectors.joining("\n"));
        String document = prompts.paper("paper-document", Map.of("question_text", questionText(instrument, item, persona),
                "option_labels", labels, "code", chosen == null ? statement.answer() : Integer.toString(chosen.value())));
        return document.replaceAll("\n{2,}", "\n").strip();
    }
}
