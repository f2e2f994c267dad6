package org.valuesim.results.accuracy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.valuesim.core.ordinal.OrdinalItemModel;
import org.valuesim.core.ordinal.ValueMeasurement;
import org.valuesim.core.values.SchwartzValue;
import org.valuesim.core.values.ValueStatistics;

class PsychometricPredictorTest {

    static final List<String> ITEMS = List.of("rich", "power", "care", "loyal");

    /** Two power items and two benevolence items; power and benevolence correlate -0.5. */
    static ValueMeasurement model() {
        int k = SchwartzValue.count();
        double[] means = new double[k];
        double[] sds = new double[k];
        double[][] corr = new double[k][k];
        java.util.Arrays.fill(means, 3.5);
        java.util.Arrays.fill(sds, 1);
        for (int v = 0; v < k; v++) {
            corr[v][v] = 1;
        }
        int po = SchwartzValue.POWER.ordinal();
        int be = SchwartzValue.BENEVOLENCE.ordinal();
        corr[po][be] = -0.5;
        corr[be][po] = -0.5;
        OrdinalItemModel item = new OrdinalItemModel(new double[] {1.5, 2.5, 3.5, 4.5, 5.5}, 0.7);
        Map<String, ValueMeasurement.MeasuredItem> items = new LinkedHashMap<>();
        items.put("rich", new ValueMeasurement.MeasuredItem(SchwartzValue.POWER, item));
        items.put("power", new ValueMeasurement.MeasuredItem(SchwartzValue.POWER, item));
        items.put("care", new ValueMeasurement.MeasuredItem(SchwartzValue.BENEVOLENCE, item));
        items.put("loyal", new ValueMeasurement.MeasuredItem(SchwartzValue.BENEVOLENCE, item));
        return new ValueMeasurement(new ValueStatistics(means, sds, corr), items);
    }

    @Test
    void predictsFromTheHistoryThroughThePosteriorAndReadsNothingElseOfThePerson() {
        ValueMeasurement model = model();
        PsychometricPredictor predictor = new PsychometricPredictor(ITEMS, row -> model);
        int[][] answers = {{6, 1, 1, 6}, {1, 6, 6, 1}};
        // a person who wants to be rich (6) and cares little (1): power high, benevolence low
        assertEquals(6, predictor.predict(answers, 0, 1, new int[] {0, 2}));
        assertEquals(1, predictor.predict(answers, 0, 3, new int[] {0, 2}));
        // no history: the prior's most likely answer, the same for everyone
        assertEquals(predictor.predict(answers, 0, 1, new int[0]), predictor.predict(answers, 1, 1, new int[0]));
        // the held-out answer and every answer outside the history can change without changing the prediction
        for (int held = 1; held <= 6; held++) {
            int[][] changed = {{6, held, 1, 7 - held}, {1, 6, 6, 1}};
            assertEquals(6, predictor.predict(changed, 0, 1, new int[] {0, 2}));
        }
        assertEquals(PsychometricPredictor.NAME, predictor.name());
    }

    @Test
    void usesThePersonsOwnModel() {
        ValueMeasurement model = model();
        Map<Integer, Integer> asked = new java.util.HashMap<>();
        PsychometricPredictor predictor = new PsychometricPredictor(ITEMS, row -> {
            asked.merge(row, 1, Integer::sum);
            return model;
        });
        predictor.predict(new int[][] {{1, 1, 1, 1}, {2, 2, 2, 2}}, 1, 0, new int[] {2});
        assertEquals(Map.of(1, 1), asked);
        assertTrue(predictor.predict(new int[][] {{1, 1, 1, 1}}, 0, 0, new int[] {1}) <= 2);
    }
}
