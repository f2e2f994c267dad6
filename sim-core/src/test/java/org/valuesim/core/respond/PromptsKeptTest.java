package org.valuesim.core.respond;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.valuesim.core.instrument.Item;
import org.valuesim.core.persona.Persona;
import org.valuesim.core.values.ValueProfile;

/** Messages Prompts keeps between calls are those it would make afresh, whoever is asked in between. */
class PromptsKeptTest {

    static final Persona SHE = new Persona(1, new ValueProfile(new double[] {1, 2, 3, 4, 9, 5, 6, 7, 8, 0}), null,
            Map.of("gender", "female"));
    static final Persona HE = new Persona(2, new ValueProfile(new double[] {9, 8, 7, 6, 5, 4, 3, 2, 1, 0}), null,
            Map.of("gender", "male"));
    static final Persona UNSAID = new Persona(3, null, null, Map.of());

    @Test
    void itemAndSystemMessagesAreTheFreshOnesInAnyOrder() {
        Prompts kept = Prompts.builtIn();
        List<Persona> order = List.of(SHE, HE, SHE, UNSAID, HE, SHE);
        for (Persona persona : order) {
            for (Item item : LlmRespondentTest.PVQ.items()) {
                for (boolean analysis : new boolean[] {false, true}) {
                    assertEquals(Prompts.builtIn().item(LlmRespondentTest.PVQ, item, persona, analysis),
                            kept.item(LlmRespondentTest.PVQ, item, persona, analysis), persona + " " + item);
                }
            }
            // a persona's items in a row, as a respondent asks them: the kept system message is reused between them
            for (boolean primed : new boolean[] {true, false}) {
                String fresh = Prompts.builtIn().system(persona, primed);
                String firstTime = kept.system(persona, primed);
                assertEquals(fresh, firstTime, persona + " primed " + primed);
                for (int i = 1; i < LlmRespondentTest.PVQ.items().size(); i++) {
                    assertSame(firstTime, kept.system(persona, primed), "kept, not made again");
                }
            }
        }
        Item first = LlmRespondentTest.PVQ.items().get(0);
        // the gender is part of what is kept: her and him are asked differently
        assertNotEquals(kept.item(LlmRespondentTest.PVQ, first, SHE), kept.item(LlmRespondentTest.PVQ, first, HE));
        assertNotEquals(kept.system(SHE, true), kept.system(HE, true));
    }
}
