package org.valuesim.results.stats;

import java.util.List;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.valuesim.core.values.SchwartzValue;
import org.valuesim.results.scoring.ValueScores;

/**
 * How a behaviour (an agent's mean giving or cooperation) relates to values: its Pearson correlation
 * with each centred value score, and the sinusoid (SSM) fitted to those ten correlations at the
 * values' angles on the circle. Values should show a profile that peaks at one side of the circle
 * (for giving: Self-Transcendence) and dips at the opposite side.
 *
 * @param correlations in circular order
 */
public record ValueBehaviour(double[] correlations, Sinusoid profile, int agents) {

    /**
     * @param scores    each agent's value scores (agents with a missing item are left out)
     * @param behaviour each agent's behaviour, same order as scores; NaN where the agent has none
     */
    public static ValueBehaviour of(List<ValueScores> scores, double[] behaviour) {
        if (scores.size() != behaviour.length) {
            throw new IllegalArgumentException("one behaviour per agent");
        }
        int k = SchwartzValue.count();
        int n = 0;
        for (int a = 0; a < behaviour.length; a++) {
            n += scores.get(a).complete() && !Double.isNaN(behaviour[a]) ? 1 : 0;
        }
        if (n < 3) {
            throw new IllegalArgumentException("value-behaviour correlations need at least 3 agents, got " + n);
        }
        double[][] values = new double[k][n];
        double[] y = new double[n];
        int row = 0;
        for (int a = 0; a < behaviour.length; a++) {
            if (scores.get(a).complete() && !Double.isNaN(behaviour[a])) {
                for (int v = 0; v < k; v++) {
                    values[v][row] = scores.get(a).centred()[v];
                }
                y[row++] = behaviour[a];
            }
        }
        double[] r = new double[k];
        for (int v = 0; v < k; v++) {
            r[v] = new PearsonsCorrelation().correlation(values[v], y);
        }
        double[] angles = SchwartzValue.inCircularOrder().stream().mapToDouble(SchwartzValue::angleDegrees).toArray();
        return new ValueBehaviour(r, Sinusoid.fit(angles, r), n);
    }
}
