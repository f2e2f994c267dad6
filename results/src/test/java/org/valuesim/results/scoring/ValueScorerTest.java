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

    @Test
    void aSurveysValueQuestionsAreScoredAndItsOtherQuestionsLeftOut() {
        List<Item> items = new ArrayList<>(List.of(new Item("trust", "Most people can be trusted.", null, false),
                new Item("sport", "How often do you do sport?", "sport", false)));
        items.addAll(instrument().items());
        items.add(new Item("helped", "How often did you help?", null, false));
        Instrument survey = new Instrument("survey", "S", "s", "i", "q", instrument().response(), items);
        ValueScorer scorer = ValueScorer.forInstrument(survey).orElseThrow();
        assertEquals(instrument().items(), scorer.items());
        List<Answer> answers = new ArrayList<>();
        for (Item item : items) {
            answers.add(Answer.ok(0, "survey", item.id(), item.scale() == null || item.id().equals("sport") ? 6
                    : item.id().startsWith(SchwartzValue.BENEVOLENCE.code()) ? 5 : 3, null, "", Provenance.embedded("x")));
        }
        ValueScores s = scorer.score(answers);
        // person mean over the 20 value items only: (18 * 3 + 2 * 5 + 1 from the reversed power item) / 20 = 3.25
        assertEquals(5 - 3.25, s.centred()[SchwartzValue.BENEVOLENCE.ordinal()], 1e-12);
        assertEquals(20, s.items().length);

        Instrument nineValues = new Instrument("nine", "N", "s", "i", "q", instrument().response(),
                items.stream().filter(i -> !SchwartzValue.TRADITION.id().equals(i.scale())).toList());
        assertTrue(ValueScorer.forInstrument(nineValues).isEmpty(), "a value with no question: no value scores");
    }
}
