package org.valuesim.results.dilemma;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.valuesim.core.dilemma.Move;
import org.valuesim.core.dilemma.RoundResult;
import org.valuesim.core.dilemma.RoundSink;
import org.valuesim.core.values.SchwartzValue;
import org.valuesim.results.record.AnswerCounts;
import org.valuesim.results.record.DilemmaSummary;
import org.valuesim.results.record.ValueBehaviourProfile;
import org.valuesim.results.scoring.ValueScores;
import org.valuesim.results.stats.ValueBehaviour;
import org.valuesim.results.write.Decimals;

/**
 * Records the dilemma rounds of a run: streams actions.csv, and keeps per round the mean cooperation and payoff
 * and per agent its mean cooperation and total payoff, for summary.json, agents.csv and the value-behaviour
 * statistics. A failed move counts in the failed moves and in no mean.
 */
public final class DilemmaRecorder implements RoundSink, AutoCloseable {

    public static final String ACTIONS = "actions.csv";
    private static final int DECIMALS = 6;

    private final Path dir;
    private final Map<String, Tally> tallies = new LinkedHashMap<>();
    private final AnswerCounts counts = new AnswerCounts();
    private ActionsCsv actions;

    /** One dilemma's running figures. */
    private static final class Tally {
        final String game;
        final int rounds;
        final List<Double> cooperation = new ArrayList<>();
        final List<Double> payoff = new ArrayList<>();
        final List<Long> failed = new ArrayList<>();
        final Map<Integer, double[]> agents = new LinkedHashMap<>(); // agent -> {cooperation sum, moves, payoff sum}

        Tally(String game, int rounds) {
            this.game = game;
            this.rounds = rounds;
        }

        double agentCooperation(int agent) {
            double[] a = agents.get(agent);
            return a == null || a[1] == 0 ? Double.NaN : a[0] / a[1];
        }
    }

    public DilemmaRecorder(Path dir) {
        this.dir = dir;
    }

    @Override
    public void accept(RoundResult round) throws IOException {
        if (actions == null) {
            actions = new ActionsCsv(Files.newBufferedWriter(dir.resolve(ACTIONS), StandardCharsets.UTF_8));
        }
        actions.write(round);
        Tally tally = tallies.computeIfAbsent(round.dilemma(), id -> new Tally(round.game(), round.rounds()));
        double cooperation = 0;
        double payoff = 0;
        long ok = 0;
        for (Move m : round.moves()) {
            counts.add(m.answer());
            double[] agent = tally.agents.computeIfAbsent(m.agentId(), id -> new double[3]);
            agent[2] += m.payoff();
            payoff += m.payoff();
            if (!Double.isNaN(m.cooperation())) {
                agent[0] += m.cooperation();
                agent[1]++;
                cooperation += m.cooperation();
                ok++;
            }
        }
        tally.cooperation.add(ok == 0 ? Double.NaN : cooperation / ok);
        tally.payoff.add(round.moves().isEmpty() ? Double.NaN : payoff / round.moves().size());
        tally.failed.add(round.moves().size() - ok);
    }

    /** Moves recorded, ok and failed, with their tokens. */
    public AnswerCounts counts() {
        return counts;
    }

    public boolean any() {
        return !tallies.isEmpty();
    }

    /** agents.csv columns: each dilemma's mean cooperation and total payoff. */
    public List<String> columns() {
        List<String> out = new ArrayList<>();
        for (String id : tallies.keySet()) {
            String base = id.replaceAll("[^A-Za-z0-9]+", "_");
            out.add(base + "_cooperation");
            out.add(base + "_payoff");
        }
        return out;
    }

    /** The agent's values for {@link #columns()}. */
    public double[] agentValues(int agent) {
        double[] out = new double[2 * tallies.size()];
        int k = 0;
        for (Tally t : tallies.values()) {
            double[] a = t.agents.get(agent);
            out[k++] = t.agentCooperation(agent);
            out[k++] = a == null ? Double.NaN : a[2];
        }
        return out;
    }

    /**
     * summary.json's "dilemmas": per dilemma its game, rounds, per-round cooperation and payoff series, failed moves
     * and overall mean cooperation; with networks (per dilemma id) as the run built them.
     */
    public Map<String, DilemmaSummary> summary(Map<String, DilemmaSummary.Network> networks) {
        Map<String, DilemmaSummary> out = new LinkedHashMap<>();
        tallies.forEach((id, t) -> {
            double sum = 0;
            double moves = 0;
            for (double[] a : t.agents.values()) {
                sum += a[0];
                moves += a[1];
            }
            out.put(id, new DilemmaSummary(t.game, t.rounds, networks.get(id), round(moves == 0 ? Double.NaN : sum / moves),
                    round(t.cooperation), round(t.payoff), List.copyOf(t.failed)));
        });
        return out;
    }

    /**
     * summary.json's "value_behaviour": per dilemma the correlation of each centred value score with the agents'
     * mean cooperation, and the sinusoid fitted to them. Empty without value scores.
     *
     * @param agentIds the agent id of each score
     */
    public Map<String, ValueBehaviourProfile> valueBehaviour(List<Integer> agentIds, List<ValueScores> scores) {
        Map<String, ValueBehaviourProfile> out = new LinkedHashMap<>();
        tallies.forEach((id, t) -> {
            double[] behaviour = agentIds.stream().mapToDouble(t::agentCooperation).toArray();
            long usable = java.util.stream.IntStream.range(0, behaviour.length)
                    .filter(a -> scores.get(a).complete() && !Double.isNaN(behaviour[a])).count();
            if (usable < 3) {
                return;
            }
            ValueBehaviour vb = ValueBehaviour.of(scores, behaviour);
            Map<String, Double> r = new LinkedHashMap<>();
            for (SchwartzValue v : SchwartzValue.inCircularOrder()) {
                r.put(v.id(), round(vb.correlations()[v.ordinal()]));
            }
            var fit = vb.profile();
            out.put(id, new ValueBehaviourProfile("mean cooperation", vb.agents(), r, new ValueBehaviourProfile.Sinusoid(
                    round(fit.elevation()), round(fit.amplitude()), round(fit.displacement()), round(fit.rSquared()))));
        });
        return out;
    }

    /** Rounded to 6 decimals; NaN (no readable move) stays NaN and is written as null. */
    private static double round(double x) {
        return Decimals.round(x, DECIMALS);
    }

    /** A series with its undefined rounds as null. */
    private static List<Double> round(List<Double> xs) {
        return xs.stream().map(x -> Double.isNaN(x) ? null : round(x)).toList();
    }

    @Override
    public void close() throws IOException {
        if (actions != null) {
            actions.close();
        }
    }
}
