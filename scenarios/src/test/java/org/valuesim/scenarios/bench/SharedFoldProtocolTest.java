package org.valuesim.scenarios.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.valuesim.populations.survey.AnswerTable;
import org.valuesim.results.accuracy.AccuracyProtocol;
import org.valuesim.results.accuracy.IndividualPredictor;

class SharedFoldProtocolTest {

    /** Three people, seven items (person 2 did not answer item 6), one demographic: eight questions. */
    static AnswerTable table() {
        return new AnswerTable(List.of("a", "b", "c"), List.of("i0", "i1", "i2", "i3", "i4", "i5", "i6"),
                List.of("v", "v", "v", "v", "v", "v", "v"), 4,
                new int[][] {{1, 2, 3, 4, 1, 2, 3}, {2, 2, 2, 2, 2, 2, 2}, {4, 3, 2, 1, 4, 3, 0}},
                List.of(Map.of("gender", "female"), Map.of("gender", "male"), Map.of()), List.of("", "", ""));
    }

    @Test
    void oneSeededSplitOfItemsAndDemographicsInContiguousFolds() {
        List<String> questions = List.of("i0", "i1", "i2", "i3", "i4", "i5", "i6", "gender");
        QuestionSplit split = QuestionSplit.of(questions, 3, 42);
        assertEquals(List.of(2, 2, 4), split.folds().stream().map(List::size).toList(), "8 // 3 = 2; the last takes the rest");
        Set<String> all = new HashSet<>();
        split.folds().forEach(all::addAll);
        assertEquals(Set.copyOf(questions), all);
        assertEquals(split, QuestionSplit.of(questions, 3, 42), "the same seed, the same split");
        assertEquals(6, split.train(0).size());
        assertTrue(!split.equals(QuestionSplit.of(questions, 3, 43)), "another seed, another split");
        assertThrows(IllegalArgumentException.class, () -> QuestionSplit.of(questions, 9, 42));
    }

    /** Records what each prediction saw, and answers WRONG on item i0, else option 2. */
    static final class Spy implements IndividualPredictor {
        final List<String> seen = new ArrayList<>();

        @Override
        public String name() {
            return "spy";
        }

        @Override
        public int predict(int[][] answers, int person, int item, int[] history) {
            throw new AssertionError("the shared protocol passes the hidden demographics");
        }

        @Override
        public synchronized int predict(int[][] answers, int person, int item, int[] history, Set<String> hidden) {
            seen.add(person + ":" + item + ":" + history.length + ":" + hidden);
            return item == 0 ? WRONG : 2;
        }
    }

    @Test
    void everyPersonHasTheSameFoldsAndTheDemographicIsHiddenWithItsFoldOrUnsampled() {
        SharedFoldProtocol protocol = new SharedFoldProtocol(3, 42);
        QuestionSplit split = protocol.split(table(), List.of("gender"));
        Spy spy = new Spy();
        List<AccuracyProtocol.Score> scores = protocol.evaluate(table(), List.of("gender"), List.of(spy), 2,
                AccuracyProtocol.Progress.NONE).overall().get("spy");
        // every answered item is predicted once per share: 7 + 7 + 6
        for (AccuracyProtocol.Score s : scores) {
            assertEquals(20, s.predictions() + s.failed());
            assertEquals(3, s.unreadable(), "item 0 of each person named no option");
        }
        AccuracyProtocol.Score full = scores.get(4);
        // "2" is right for items 1 and 5 of person 0, items 1..6 of person 1, item 2 of person 2; the three item 0
        // predictions are wrong (unreadable) and have no distance: nMAE over the other 17
        assertEquals(9 / 20.0, full.top1(), 1e-12);
        assertEquals((0 + 1 + 2 + 1 + 0 + 1 + 0 + 1 + 0 + 1 + 2 + 1) / 17.0 / 3, full.nmae(), 1e-12);
        int genderFold = split.folds().indexOf(split.folds().stream().filter(f -> f.contains("gender")).findFirst()
                .orElseThrow());
        int hiddenChecked = 0;
        for (String s : spy.seen) {
            String[] parts = s.split(":");
            int item = Integer.parseInt(parts[1]);
            boolean testFoldHasGender = split.folds().get(genderFold).contains("i" + item);
            if (testFoldHasGender) {
                assertEquals("[gender]", parts[3], "a demographic in the predicted fold is hidden: " + s);
                hiddenChecked++;
            }
        }
        assertTrue(hiddenChecked > 0, "some predictions fall in the demographic's fold");
        // at share 0 nothing is shown, so the demographic is hidden for everyone; at full history it shows except
        // where its own fold is predicted
        long fullAndShown = spy.seen.stream().filter(s -> s.endsWith(":[]")).count();
        assertTrue(fullAndShown > 0, "at some share the demographic is shown");
    }
}
