package org.valuesim.scenarios.bench;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.valuesim.core.instrument.Instrument;
import org.valuesim.core.instrument.Item;
import org.valuesim.core.persona.Persona;
import org.valuesim.core.respond.Answer;
import org.valuesim.core.respond.Respondent;
import org.valuesim.populations.individuals.IndividualsImporter;
import org.valuesim.populations.individuals.TemplateBackstoryWriter;
import org.valuesim.populations.survey.AnswerTable;
import org.valuesim.results.accuracy.IndividualPredictor;

/**
 * A respondent as a predictor in the accuracy protocol: for each prediction the person becomes a persona
 * whose profile holds only the history items' answers (and the demographics the protocol does not hide),
 * with its backstory; the respondent then answers the held-out item. A failed answer is a failed prediction
 * (0); with {@code unreadableIsWrong} (the paper protocol) an answer that names no option is a wrong one.
 */
public final class RespondentPredictor implements IndividualPredictor {

    private final String name;
    private final Respondent respondent;
    private final AnswerTable table;
    private final Instrument instrument;
    private final Function<Persona, String> stories;
    private final boolean unreadableIsWrong;
    private final IndividualsImporter importer = new IndividualsImporter();

    /** valuesim's protocol: template backstories, an unreadable answer a failed prediction. */
    public RespondentPredictor(Respondent respondent, AnswerTable table, Instrument instrument) {
        this(respondent.kind(), respondent, table, instrument, templateStories(), false);
    }

    /**
     * @param name              the predictor's name in reports
     * @param stories           the backstory of a history-only persona
     * @param unreadableIsWrong whether an answer that names no option counts as a wrong prediction
     */
    public RespondentPredictor(String name, Respondent respondent, AnswerTable table, Instrument instrument,
                               Function<Persona, String> stories, boolean unreadableIsWrong) {
        this.name = name;
        this.respondent = respondent;
        this.table = table;
        this.instrument = instrument;
        this.stories = stories;
        this.unreadableIsWrong = unreadableIsWrong;
    }

    /** valuesim's template backstories (complete by construction, so their coverage is not measured). */
    public static Function<Persona, String> templateStories() {
        return new TemplateBackstoryWriter()::story;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int predict(int[][] answers, int person, int item, int[] history) {
        return predict(answers, person, item, history, Set.of());
    }

    @Override
    public int predict(int[][] answers, int person, int item, int[] history, Set<String> hiddenDemographics) {
        Set<String> hidden = new HashSet<>(table.items());
        for (int h : history) {
            hidden.remove(table.items().get(h));
        }
        hidden.addAll(hiddenDemographics);
        Persona imported = importer.personas(table.row(person), instrument, hidden).get(0);
        Persona persona = new Persona(person, null, null, imported.demographics(), imported.profile(), null);
        persona = persona.withBackstory(stories.apply(persona));
        String itemId = table.items().get(item);
        Item asked = instrument.items().stream().filter(i -> i.id().equals(itemId)).findFirst().orElseThrow();
        Answer answer = respondent.answer(persona, instrument, asked).join();
        if (answer.isOk()) {
            return answer.choice();
        }
        return unreadableIsWrong && answer.namesNoOption() ? WRONG : 0;
    }

    /** The model-backed kinds the benchmark can run (semantic needs no model). */
    public static final List<String> MODEL_KINDS = List.of("naive", "full-profile", "rag", "backstory-caps");
}
