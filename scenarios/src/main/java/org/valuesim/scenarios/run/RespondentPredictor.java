package org.valuesim.scenarios.run;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
 * whose profile holds only the history items' answers (and demographics), with its template backstory;
 * the respondent then answers the held-out item. A failed answer is a failed prediction (0).
 */
public final class RespondentPredictor implements IndividualPredictor {

    private final Respondent respondent;
    private final AnswerTable table;
    private final Instrument instrument;
    private final IndividualsImporter importer = new IndividualsImporter();
    private final TemplateBackstoryWriter writer = new TemplateBackstoryWriter();

    public RespondentPredictor(Respondent respondent, AnswerTable table, Instrument instrument) {
        this.respondent = respondent;
        this.table = table;
        this.instrument = instrument;
    }

    @Override
    public String name() {
        return respondent.kind();
    }

    @Override
    public int predict(int[][] answers, int person, int item, int[] history) {
        Set<String> hidden = new HashSet<>(table.items());
        for (int h : history) {
            hidden.remove(table.items().get(h));
        }
        Persona imported = importer.personas(table.row(person), instrument, hidden).get(0);
        Persona persona = new Persona(person, null, null, imported.demographics(), imported.profile(), null);
        persona = persona.withBackstory(writer.write(persona).text());
        String itemId = table.items().get(item);
        Item asked = instrument.items().stream().filter(i -> i.id().equals(itemId)).findFirst().orElseThrow();
        Answer answer = respondent.answer(persona, instrument, asked).join();
        return answer.isOk() ? answer.choice() : 0;
    }

    /** The model-backed kinds the benchmark can run (semantic needs no model). */
    public static final List<String> MODEL_KINDS = List.of("naive", "full-profile", "rag", "backstory-caps");
}
