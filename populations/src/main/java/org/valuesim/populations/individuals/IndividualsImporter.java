package org.valuesim.populations.individuals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.valuesim.core.instrument.Instrument;
import org.valuesim.core.instrument.PortraitText;
import org.valuesim.core.instrument.Item;
import org.valuesim.core.instrument.ResponseOption;
import org.valuesim.core.instrument.ResponseScale;
import org.valuesim.core.persona.Persona;
import org.valuesim.core.persona.ProfileStatement;
import org.valuesim.populations.survey.AnswerTable;

/**
 * Turns individual survey rows into personas (the ValueSim path): every answered item that is not held
 * out becomes a second-person statement (the question, the item and the chosen option), and every known
 * demographic that is not held out becomes a fact. A held-out demographic is hidden everywhere: the persona does
 * not have it, so a held-out gender does not show through gendered item texts either. Statement templates live in backstory/statements.properties.
 */
public final class IndividualsImporter {

    private final Templates templates = Templates.load();

    /**
     * @param heldOut item ids and demographic attribute names never shown to the persona (the answers it will be
     *                asked to predict, or that are hidden like any question)
     */
    public List<Persona> personas(AnswerTable table, Instrument instrument, Set<String> heldOut) {
        List<Persona> personas = new ArrayList<>();
        for (int r = 0; r < table.answers().length; r++) {
            Map<String, String> demographics = new java.util.TreeMap<>(table.demographics().get(r));
            demographics.keySet().removeAll(heldOut);
            List<ProfileStatement> profile = new ArrayList<>();
            demographics.forEach((name, value) -> profile.add(new ProfileStatement("demographic:" + name, "demographics",
                    templates.format("demographic", name.replace('_', ' '), value), name.replace('_', ' '), value)));
            for (int i = 0; i < table.items().size(); i++) {
                String itemId = table.items().get(i);
                int option = table.answers()[r][i];
                if (option == 0 || heldOut.contains(itemId)) {
                    continue;
                }
                Item item = instrument.items().stream().filter(x -> x.id().equals(itemId)).findFirst().orElseThrow(() ->
                        new IllegalArgumentException("instrument " + instrument.id() + " has no item " + itemId));
                ResponseScale scale = instrument.response(item);
                ResponseOption chosen = scale.options().get(option - 1);
                String text = PortraitText.render(item.text(), demographics.get("gender"));
                profile.add(new ProfileStatement(itemId, aspect(item), templates.format(instrument.question().isEmpty() ? "question" : "item", instrument.question(),
                        text, chosen.label(), Integer.toString(option), Integer.toString(scale.size())),
                        text, chosen.label(), scale.isOrdered() ? option : 0, scale.isOrdered() ? scale.size() : 0));
            }
            personas.add(new Persona(r, null, null, demographics, profile, null));
        }
        return personas;
    }

    /** The item's own aspect; else items that score a Schwartz value are beliefs, anything else "other". */
    private static String aspect(Item item) {
        if (item.aspect() != null) {
            return item.aspect();
        }
        return org.valuesim.core.values.SchwartzValue.find(item.scale()).isPresent() ? "beliefs" : "other";
    }
}
