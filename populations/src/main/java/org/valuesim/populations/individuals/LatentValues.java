package org.valuesim.populations.individuals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.valuesim.core.persona.Persona;
import org.valuesim.core.values.ValueProfile;
import org.valuesim.populations.survey.AnswerTable;

/**
 * Latent value scores of imported individuals, as the psychometric predictor of the accuracy benchmark infers
 * them: each person's posterior mean of the ten values given the answers they show (held-out items left out),
 * under the measurement model of their {@link PersonFolds} (built from the other people).
 */
public final class LatentValues {

    private LatentValues() {
    }

    /** Each person's latent values, in row order. */
    public static List<ValueProfile> of(AnswerTable table, PersonFolds folds, Set<String> heldOut) {
        List<ValueProfile> out = new ArrayList<>();
        for (int r = 0; r < table.answers().length; r++) {
            Map<String, Integer> shown = new LinkedHashMap<>();
            for (int i = 0; i < table.items().size(); i++) {
                int option = table.answers()[r][i];
                if (option != 0 && !heldOut.contains(table.items().get(i))) {
                    shown.put(table.items().get(i), option);
                }
            }
            out.add(folds.preset(r).measurement().latentValues(shown));
        }
        return out;
    }

    /** The personas with these latent values (in the same order). */
    public static List<Persona> assign(List<Persona> personas, List<ValueProfile> latent) {
        List<Persona> out = new ArrayList<>();
        for (int i = 0; i < personas.size(); i++) {
            Persona p = personas.get(i);
            out.add(new Persona(p.id(), latent.get(i), p.dominant(), p.demographics(), p.profile(), p.backstory()));
        }
        return out;
    }
}
