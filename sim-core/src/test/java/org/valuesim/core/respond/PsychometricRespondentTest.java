package org.valuesim.core.respond;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.valuesim.core.instrument.Instrument;
import org.valuesim.core.instrument.Item;
import org.valuesim.core.instrument.ResponseOption;
import org.valuesim.core.instrument.ResponseScale;
import org.valuesim.core.ordinal.OrdinalItemModel;
import org.valuesim.core.persona.Persona;
import org.valuesim.core.values.ValueProfile;

public class PsychometricRespondentTest {

    public static final Instrument INSTRUMENT = new Instrument("test", "Test", "made up", "Rate.", "How much?",
            new ResponseScale("likert", List.of(new ResponseOption(1, "low"), new ResponseOption(2, "mid"),
                    new ResponseOption(3, "high"))),
            List.of(new Item("a", "Power item", "power", false), new Item("b", "Power reversed", "power", true),
                    new Item("c", "Unmodelled", "power", false)));

    static final Map<String, OrdinalItemModel> MODELS = Map.of(
            "test/a", new OrdinalItemModel(new double[] {-0.5, 0.5}, 1),
            "test/b", new OrdinalItemModel(new double[] {-0.5, 0.5}, 1));

    static Persona persona(int id, double power) {
        double[] scores = new double[10];
        scores[4] = power;
        return new Persona(id, new ValueProfile(scores), null, Map.of());
    }

    @Test
    void sameSeedAgentAndItemGiveTheSameAnswerInAnyOrder() {
        PsychometricRespondent a = new PsychometricRespondent(MODELS, null, 7);
        PsychometricRespondent b = new PsychometricRespondent(MODELS, null, 7);
        Item item = INSTRUMENT.items().get(0);
        int[] forward = new int[200];
        for (int i = 0; i < 200; i++) {
            forward[i] = a.answer(persona(i, 0), INSTRUMENT, item).join().choice();
        }
        for (int i = 199; i >= 0; i--) {
            assertEquals(forward[i], b.answer(persona(i, 0), INSTRUMENT, item).join().choice());
        }
        PsychometricRespondent other = new PsychometricRespondent(MODELS, null, 8);
        int differ = 0;
        for (int i = 0; i < 200; i++) {
            differ += other.answer(persona(i, 0), INSTRUMENT, item).join().choice() != forward[i] ? 1 : 0;
        }
        assertTrue(differ > 50, "another seed must give other answers, " + differ + " of 200 differed");
    }

    @Test
    void choicesFollowTheDistributionAndReversedItemsMirror() {
        PsychometricRespondent r = new PsychometricRespondent(MODELS, null, 1);
        int n = 20_000;
        double high = 0;
        for (int i = 0; i < n; i++) {
            Answer answer = r.answer(persona(i, 1.0), INSTRUMENT, INSTRUMENT.items().get(0)).join();
            high += answer.choice() == 3 ? 1 : 0;
        }
        double expected = r.answer(persona(0, 1.0), INSTRUMENT, INSTRUMENT.items().get(0)).join().distribution()[2];
        assertEquals(expected, high / n, 0.015);
        double[] forward = r.answer(persona(0, 1.0), INSTRUMENT, INSTRUMENT.items().get(0)).join().distribution();
        double[] reversed = r.answer(persona(0, 1.0), INSTRUMENT, INSTRUMENT.items().get(1)).join().distribution();
        assertEquals(forward[0], reversed[2], 1e-12);
        assertEquals(forward[2], reversed[0], 1e-12);
    }

    @Test
    void anItemWithoutAModelIsAFailedAnswerWithTheReason() {
        Answer answer = new PsychometricRespondent(MODELS, null, 1).answer(persona(3, 0), INSTRUMENT,
                INSTRUMENT.items().get(2)).join();
        assertFalse(answer.isOk());
        assertEquals(0, answer.choice());
        assertTrue(answer.failure().contains("test/c"), answer.failure());
        assertEquals("psychometric", answer.provenance().respondent());
    }
}
