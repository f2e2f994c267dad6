package org.valuesim.results.accuracy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Four people, three items, three options, three folds: each fold holds one item, so the 0% and 100%
 * histories do not depend on the shuffle and every prediction below was worked out by hand.
 */
class AccuracyProtocolTest {

    static final int[][] ANSWERS = {{1, 1, 2}, {1, 1, 3}, {3, 3, 3}, {2, 3, 3}};

    Map<String, List<AccuracyProtocol.Score>> run() {
        return new AccuracyProtocol(3, 11).evaluate(ANSWERS, 3,
                List.of(new MajorityPredictor(3), new NearestNeighbourPredictor(3, 1)));
    }

    @Test
    void majorityBaselineByHand() {
        // leave-one-out majorities (lowest option on ties):
        // item 0: 1, 1, 1, 1 against truths 1, 1, 3, 2 -> 2 right, errors 0, 0, 2, 1
        // item 1: 3, 3, 1, 1 against 1, 1, 3, 3 -> 0 right, errors 2, 2, 2, 2
        // item 2: 3, 3, 3, 3 against 2, 3, 3, 3 -> 3 right, errors 1, 0, 0, 0
        for (AccuracyProtocol.Score s : run().get("majority")) {
            assertEquals(12, s.predictions());
            assertEquals(5 / 12.0, s.top1(), 1e-12, "history " + s.history());
            assertEquals(12 / 12.0 / 2, s.nmae(), 1e-12);
        }
    }

    @Test
    void nearestNeighbourByHandWithFullAndEmptyHistory() {
        List<AccuracyProtocol.Score> knn = run().get("knn");
        // no history: the majority answer
        assertEquals(0.0, knn.get(0).history());
        assertEquals(5 / 12.0, knn.get(0).top1(), 1e-12);
        // full history (the two other items), one neighbour by mean absolute difference, ties by row:
        // person 0 -> 1, 1, 3 (truth 1, 1, 2); person 1 -> 1, 1, 2 (1, 1, 3);
        // person 2 -> 2, 3, 3 (3, 3, 3); person 3 -> 3, 1, 3 (2, 3, 3): 7 right, absolute errors sum to 6
        AccuracyProtocol.Score full = knn.get(4);
        assertEquals(1.0, full.history());
        assertEquals(7 / 12.0, full.top1(), 1e-12);
        assertEquals(6 / 12.0 / 2, full.nmae(), 1e-12);
    }

    @Test
    void parallelEvaluationEqualsSequentialAndFailedPredictionsAreCountedNotScored() {
        int[][] answers = new int[40][6];
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        for (int[] row : answers) {
            for (int i = 0; i < row.length; i++) {
                row[i] = 1 + random.nextInt(5);
            }
        }
        List<IndividualPredictor> predictors = List.of(new MajorityPredictor(5), new NearestNeighbourPredictor(5, 3));
        AccuracyProtocol protocol = new AccuracyProtocol(3, 8);
        assertEquals(protocol.evaluate(answers, 5, predictors, 1), protocol.evaluate(answers, 5, predictors, 8));
        IndividualPredictor flaky = new IndividualPredictor() {
            @Override
            public String name() {
                return "flaky";
            }

            @Override
            public int predict(int[][] a, int person, int item, int[] history) {
                return person % 2 == 0 ? 0 : a[person][item];
            }
        };
        AccuracyProtocol.Score score = protocol.evaluate(answers, 5, List.of(flaky), 4).get("flaky").get(4);
        assertEquals(120, score.failed(), "20 people x 6 items could not be predicted");
        assertEquals(120, score.predictions());
        assertEquals(1.0, score.top1(), 1e-12, "failures are left out, not counted wrong");
    }

    @Test
    void foldsPartitionTheAnsweredItemsAndSkipMissingOnes() {
        AccuracyProtocol protocol = new AccuracyProtocol(2, 5);
        List<List<Integer>> folds = protocol.folds(new int[] {1, 0, 2, 3, 0, 4}, 0);
        List<Integer> all = new ArrayList<>();
        folds.forEach(all::addAll);
        assertEquals(new HashSet<>(List.of(0, 2, 3, 5)), new HashSet<>(all));
        assertEquals(4, all.size());
        assertEquals(2, folds.get(0).size());
        assertEquals(folds, new AccuracyProtocol(2, 5).folds(new int[] {1, 0, 2, 3, 0, 4}, 0), "seeded");
        int[][] withMissing = {{1, 0, 2}, {1, 1, 3}, {3, 3, 3}};
        long predictions = new AccuracyProtocol(2, 5).evaluate(withMissing, 3, List.of(new MajorityPredictor(3)))
                .get("majority").get(0).predictions();
        assertEquals(8, predictions, "the missing answer is never predicted");
        assertTrue(protocol.folds(new int[] {0, 0}, 1).stream().allMatch(List::isEmpty));
    }

    @Test
    void eachQuestionIsScoredOnItsOwnScaleAndCategoricalQuestionsForTop1Only() {
        // question 0: ordered, 3 options (values); question 1: ordered, 11 options (attitudes); question 2: categorical,
        // 4 options (behaviours). The predictor always says option 2.
        int[][] answers = {{1, 11, 2}, {3, 2, 4}, {2, 6, 1}};
        IndividualPredictor two = new IndividualPredictor() {
            @Override
            public String name() {
                return "two";
            }

            @Override
            public int predict(int[][] a, int person, int item, int[] history) {
                return 2;
            }
        };
        AccuracyProtocol.Scales scales = new AccuracyProtocol.Scales(new int[] {3, 11, 4}, new boolean[] {true, true, false},
                new String[] {"values", "attitudes", "behaviours"});
        AccuracyProtocol.Results results = new AccuracyProtocol(3, 1).evaluate(answers, scales, List.of(two), 2,
                AccuracyProtocol.Progress.NONE);
        AccuracyProtocol.Score all = results.overall().get("two").get(4);
        // right: q0 of person 2, q1 of person 1, q2 of person 0: 3 of 9
        assertEquals(9, all.predictions());
        assertEquals(3 / 9.0, all.top1(), 1e-12);
        // nMAE over the six ordered predictions: q0 |2-1|/2, |2-3|/2, 0; q1 |2-11|/10, 0, |2-6|/10
        assertEquals(6, all.ordered());
        assertEquals((0.5 + 0.5 + 0 + 0.9 + 0 + 0.4) / 6, all.nmae(), 1e-12);
        AccuracyProtocol.Score values = results.byGroup().get("two").get("values").get(4);
        assertEquals(1 / 3.0, values.top1(), 1e-12);
        assertEquals(1.0 / 3, values.nmae(), 1e-12);
        AccuracyProtocol.Score behaviours = results.byGroup().get("two").get("behaviours").get(4);
        assertEquals(1 / 3.0, behaviours.top1(), 1e-12);
        assertTrue(Double.isNaN(behaviours.nmae()), "a categorical question has no distance");
        assertEquals(List.of("values", "attitudes", "behaviours"), List.copyOf(results.byGroup().get("two").keySet()));
    }
}
