package org.valuesim.results.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.valuesim.core.instrument.Instrument;
import org.valuesim.core.instrument.Item;
import org.valuesim.core.instrument.ResponseOption;
import org.valuesim.core.instrument.ResponseScale;
import org.valuesim.core.respond.Answer;
import org.valuesim.core.respond.Provenance;
import org.valuesim.core.values.SchwartzValue;

class ValueScorerTest {

    static Instrument instrument() {
        List<Item> items = new ArrayList<>();
        for (SchwartzValue v : SchwartzValue.inCircularOrder()) {
            items.add(new Item(v.code() + "1", v.label(), v.id(), false));
            items.add(new Item(v.code() + "2", v.label(), v.id(), v == SchwartzValue.POWER));
        }
        List<ResponseOption> options = new ArrayList<>();
        for (int k = 1; k <= 6; k++) {
            options.add(new ResponseOption(k, "o" + k));
        }
        return new Instrument("t", "T", "s", "i", "q", new ResponseScale("likert", options), items);
    }

    static Answer ok(String item, int choice) {
        return Answer.ok(0, "t", item, choice, null, "", Provenance.embedded("x"));
    }

    @Test
    void scoresAreItemMeansCentredByThePersonsMeanAndReverseKeysMirror() {
        Instrument instrument = instrument();
        List<Answer> answers = new ArrayList<>();
        for (SchwartzValue v : SchwartzValue.inCircularOrder()) {
            answers.add(ok(v.code() + "1", v == SchwartzValue.BENEVOLENCE ? 6 : 3));
            answers.add(ok(v.code() + "2", v == SchwartzValue.BENEVOLENCE ? 5 : 3));
        }
        // power's second item is reverse-keyed: answering 3 counts as 7 - 3 = 4
        ValueScores s = ValueScorer.forInstrument(instrument).orElseThrow().score(answers);
        assertEquals(5.5, s.raw()[SchwartzValue.BENEVOLENCE.ordinal()], 1e-12);
        assertEquals(3.5, s.raw()[SchwartzValue.POWER.ordinal()], 1e-12);
        assertEquals(3.0, s.raw()[SchwartzValue.SECURITY.ordinal()], 1e-12);
        // person mean = (18 * 3 + 6 + 5 + 1 extra from the reversed item) / 20 = 66 / 20 = 3.3
        assertEquals(5.5 - 3.3, s.centred()[SchwartzValue.BENEVOLENCE.ordinal()], 1e-12);
        assertEquals(3.0 - 3.3, s.centred()[SchwartzValue.SECURITY.ordinal()], 1e-12);
        assertTrue(s.complete());
        assertEquals(4.0, s.items()[9], 1e-12, "the reversed power item is kept keyed");
    }

    @Test
    void failedAnswersAreLeftOutAndAValueWithNoneIsNaN() {
        Instrument instrument = instrument();
        List<Answer> answers = new ArrayList<>();
        answers.add(ok("SD1", 4));
        answers.add(Answer.failed(0, "t", "SD2", "timeout", "", Provenance.embedded("x")));
        ValueScores s = ValueScorer.forInstrument(instrument).orElseThrow().score(answers);
        assertEquals(4.0, s.raw()[0], 1e-12);
        assertEquals(4.0, s.items()[0], 1e-12);
        assertTrue(Double.isNaN(s.items()[1]));
        assertEquals(0.0, s.centred()[0], 1e-12);
        assertTrue(Double.isNaN(s.raw()[1]));
        assertTrue(!s.complete());
    }

    @Test
    void anInstrumentWithANonValueScaleHasNoValueScorer() {
        Instrument big5 = new Instrument("b5", "B", "s", "i", "q", instrument().response(),
                List.of(new Item("e1", "talkative", "extraversion", false)));
        assertTrue(ValueScorer.forInstrument(big5).isEmpty());
    }
}
