package org.valuesim.results.scoring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.valuesim.core.instrument.Instrument;
import org.valuesim.core.instrument.Item;
import org.valuesim.core.instrument.ResponseOption;
import org.valuesim.core.instrument.ResponseScale;
import org.valuesim.core.respond.Answer;
import org.valuesim.core.respond.Provenance;

class ScaleScorerTest {

    static Instrument bigFiveLike() {
        List<ResponseOption> options = new ArrayList<>();
        for (int k = 1; k <= 5; k++) {
            options.add(new ResponseOption(k, "o" + k));
        }
        return new Instrument("mini-b5", "Mini", "made up", "Describe yourself.", "How accurate?",
                new ResponseScale("likert", options), List.of(
                        new Item("e1", "Am the life of the party.", "extraversion", false),
                        new Item("e2", "Don't talk a lot.", "extraversion", true),
                        new Item("a1", "Feel little concern for others.", "agreeableness", true),
                        new Item("a2", "Sympathize with others' feelings.", "agreeableness", false),
                        new Item("c1", "Am always prepared.", "conscientiousness", false)));
    }

    static Answer answer(String item, int choice) {
        return Answer.ok(0, "mini-b5", item, choice, null, "", Provenance.embedded("x"));
    }

    @Test
    void reverseKeyedItemsAreMirroredAndScalesAveraged() {
        ScaleScorer scorer = new ScaleScorer(bigFiveLike());
        assertEquals(List.of("extraversion", "agreeableness", "conscientiousness"), scorer.scales());
        assertEquals(List.of("mini_b5_extraversion", "mini_b5_agreeableness", "mini_b5_conscientiousness"),
                scorer.columns());
        // extraversion: 4 and (6 - 2) = 4 -> 4; agreeableness: (6 - 1) = 5 and 3 -> 4; conscientiousness: failed -> NaN
        double[] scores = scorer.score(List.of(answer("e1", 4), answer("e2", 2), answer("a1", 1), answer("a2", 3),
                Answer.failed(0, "mini-b5", "c1", "timeout", "", Provenance.embedded("x"))));
        assertArrayEquals(new double[] {4, 4, Double.NaN}, scores, 1e-12);
    }
}
