package org.valuesim.results.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.valuesim.core.values.SchwartzValue;
import org.valuesim.results.scoring.ValueScores;

class ValueBehaviourTest {

    @Test
    void givingDrivenByBenevolenceMinusPowerPeaksAtSelfTranscendence() {
        SplittableRandom random = new SplittableRandom(3);
        List<ValueScores> scores = new ArrayList<>();
        double[] giving = new double[2000];
        for (int a = 0; a < giving.length; a++) {
            double[] centred = new double[10];
            for (int v = 0; v < 10; v++) {
                centred[v] = random.nextDouble() * 2 - 1;
            }
            scores.add(new ValueScores(centred.clone(), centred, new double[] {1}));
            giving[a] = centred[SchwartzValue.BENEVOLENCE.ordinal()] + centred[SchwartzValue.UNIVERSALISM.ordinal()]
                    - centred[SchwartzValue.POWER.ordinal()] - centred[SchwartzValue.ACHIEVEMENT.ordinal()]
                    + 0.5 * (random.nextDouble() - 0.5);
        }
        ValueBehaviour vb = ValueBehaviour.of(scores, giving);
        assertEquals(2000, vb.agents());
        assertTrue(vb.correlations()[SchwartzValue.BENEVOLENCE.ordinal()] > 0.3);
        assertTrue(vb.correlations()[SchwartzValue.POWER.ordinal()] < -0.3);
        // Benevolence sits at 280 and Universalism at 320 degrees: the peak lies between them
        double d = vb.profile().displacement();
        assertTrue(d > 270 && d < 330, "displacement " + d);
        assertTrue(vb.profile().amplitude() > 0.3);
    }

    @Test
    void agentsWithoutBehaviourOrScoresAreLeftOut() {
        List<ValueScores> scores = new ArrayList<>();
        double[] behaviour = new double[5];
        for (int a = 0; a < 5; a++) {
            double[] c = new double[10];
            c[0] = a;
            c[1] = -a;
            scores.add(new ValueScores(c, c, new double[] {a == 4 ? Double.NaN : 1}));
            behaviour[a] = a == 0 ? Double.NaN : a;
        }
        ValueBehaviour vb = ValueBehaviour.of(scores, behaviour);
        assertEquals(3, vb.agents());
        assertEquals(1.0, vb.correlations()[0], 1e-12);
        assertEquals(-1.0, vb.correlations()[1], 1e-12);
    }
}
