package org.valuesim.results.behaviour;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.valuesim.core.instrument.Instrument;
import org.valuesim.core.respond.Answer;
import org.valuesim.results.scoring.ScaleScorer;

/**
 * Each agent's outcomes as the agents' answers arrive, in the order they arrive: an item's answer as its number, a
 * scale's score; NaN where the agent has none (a failed answer, no item of the scale answered).
 */
public final class OutcomeCollector {

    private final List<OutcomeTarget> targets;
    private final Map<String, ScaleScorer> scorers = new LinkedHashMap<>();
    private final List<double[]> rows = new ArrayList<>();

    public OutcomeCollector(List<Instrument> instruments, List<OutcomeTarget> targets) {
        this.targets = List.copyOf(targets);
        for (OutcomeTarget t : targets) {
            if (t.scale() != null) {
                Instrument instrument = instruments.stream().filter(i -> i.id().equals(t.instrument())).findFirst()
                        .orElseThrow();
                scorers.computeIfAbsent(t.instrument(), id -> new ScaleScorer(instrument));
            }
        }
    }

    public List<OutcomeTarget> targets() {
        return targets;
    }

    /** Records one agent's outcomes. */
    public void accept(List<Answer> answers) {
        double[] row = new double[targets.size()];
        Arrays.fill(row, Double.NaN);
        Map<String, double[]> scaleScores = new LinkedHashMap<>();
        for (int t = 0; t < targets.size(); t++) {
            OutcomeTarget target = targets.get(t);
            if (target.item() != null) {
                for (Answer answer : answers) {
                    if (answer.isOk() && answer.instrumentId().equals(target.instrument())
                            && answer.itemId().equals(target.item())) {
                        row[t] = answer.choice();
                    }
                }
            } else {
                ScaleScorer scorer = scorers.get(target.instrument());
                double[] scores = scaleScores.computeIfAbsent(target.instrument(), id -> scorer.score(answers));
                row[t] = scores[scorer.scales().indexOf(target.scale())];
            }
        }
        rows.add(row);
    }

    /** Each agent's outcomes, in arrival order; columns in {@link #targets()} order. */
    public List<double[]> rows() {
        return rows;
    }
}
