package org.valuesim.results.write;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.valuesim.core.instrument.Instrument;
import org.valuesim.core.instrument.Item;
import org.valuesim.core.instrument.Reliability;
import org.valuesim.core.values.HumanReference;
import org.valuesim.core.values.SchwartzValue;
import org.valuesim.core.values.ValueStatistics;
import org.valuesim.results.scoring.ValueScorer;
import org.valuesim.results.scoring.ValueScores;
import org.valuesim.results.stats.ClassicalMds;
import org.valuesim.results.stats.Distributions;
import org.valuesim.results.stats.Mantel;
import org.valuesim.results.stats.MatrixAgreement;
import org.valuesim.results.stats.PermutationTests;
import org.valuesim.results.stats.Procrustes;
import org.valuesim.results.stats.Rthor;
import org.valuesim.results.stats.ValueSummary;

/**
 * Builds the value statistics of summary.json from a run's fully scored agents: value means,
 * reliabilities, the centred correlation matrix and its circumplex structure, and everything
 * compared with the human reference where there is one.
 */
public final class SummaryJson {

    private static final int DECIMALS = 6;
    private static final double Z95 = 1.959964;

    private SummaryJson() {
    }

    /**
     * @param scores     every agent's scores (agents with a missing item are left out)
     * @param itemCounts per item id of the scorer's instrument, how many agents chose each option
     * @param reference  the human reference, or null when the scenario compares with none
     * @param tests      the RTHOR and Mantel relabellings
     */
    public static Map<String, Object> values(ValueScorer scorer, List<ValueScores> scores,
                                             Map<String, int[]> itemCounts, HumanReference reference,
                                             PermutationTests tests) {
        List<ValueScores> complete = scores.stream().filter(ValueScores::complete).toList();
        ValueStatistics raw = ValueSummary.of(complete, false);
        ValueStatistics centred = ValueSummary.of(complete, true);
        HumanReference ref = reference != null && reference.instrument().equals(scorer.instrument().id())
                ? reference : null;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("scored_agents", complete.size());
        out.put("value_means", valueMeans(complete, raw, centred, ref));
        out.put("reliability", reliability(scorer, complete, ref));
        if (!finite(centred.correlation())) {
            // a value whose centred scores do not vary has no correlations: no circle, no agreement to report
            out.put("value_correlation", Map.of("note", "undefined: the centred scores of some value do not vary "
                    + "across agents, so their correlations, the circumplex and the agreement with humans cannot be computed"));
            if (ref != null) {
                out.put("items", items(scorer.instrument(), itemCounts, ref));
            }
            return out;
        }
        Map<String, Object> correlation = new LinkedHashMap<>();
        correlation.put("scores", "centred");
        correlation.put("values", SchwartzValue.inCircularOrder().stream().map(SchwartzValue::id).toList());
        correlation.put("simulated", round(centred.correlation()));
        if (ref != null) {
            correlation.put("human", round(ref.centred().correlation()));
        }
        out.put("value_correlation", correlation);
        out.put("circumplex", circumplex(centred, ref, tests));
        if (ref != null) {
            MatrixAgreement agreement = MatrixAgreement.of(centred.correlation(), ref.centred().correlation());
            Mantel mantel = Mantel.test(centred.correlation(), ref.centred().correlation(), tests.permutations(),
                    tests.seed());
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("scores", "centred");
            a.put("cells", agreement.cells());
            a.put("pearson_r", round(agreement.pearsonR()));
            a.put("tucker_phi", round(agreement.tuckerPhi()));
            a.put("mantel_p", significant(mantel.p()));
            a.put("mantel_permutations", mantel.permutations());
            out.put("human_agreement", a);
            out.put("items", items(scorer.instrument(), itemCounts, ref));
        }
        return out;
    }

    private static Map<String, Object> valueMeans(List<ValueScores> scores, ValueStatistics raw,
                                                  ValueStatistics centred, HumanReference ref) {
        int n = scores.size();
        Map<String, Object> means = new LinkedHashMap<>();
        for (SchwartzValue v : SchwartzValue.inCircularOrder()) {
            int i = v.ordinal();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("simulated", round(raw.means()[i]));
            m.put("simulated_sd", round(raw.sds()[i]));
            m.put("simulated_ci95", interval(raw.means()[i], raw.sds()[i], n));
            m.put("simulated_centred", round(centred.means()[i]));
            if (ref != null) {
                m.put("human", round(ref.raw().means()[i]));
                m.put("human_sd", round(ref.raw().sds()[i]));
                m.put("human_ci95", interval(ref.raw().means()[i], ref.raw().sds()[i], ref.respondents()));
                m.put("human_centred", round(ref.centred().means()[i]));
                m.put("difference", round(raw.means()[i] - ref.raw().means()[i]));
                m.put("sd_difference", round(raw.sds()[i] - ref.raw().sds()[i]));
                double d = ksDistance(scores, i, ref.valueScores().get(i));
                m.put("ks_d", round(d));
                m.put("ks_p", significant(new KolmogorovSmirnovTest().approximateP(d, n, ref.respondents())));
            }
            means.put(v.id(), m);
        }
        return means;
    }

    /** The largest gap between the simulated and human distribution functions, over both supports. */
    private static double ksDistance(List<ValueScores> scores, int value, HumanReference.ScoreDistribution human) {
        double[] simulated = scores.stream().mapToDouble(s -> s.raw()[value]).sorted().toArray();
        double d = 0;
        List<Double> points = new ArrayList<>();
        for (double x : human.scores()) {
            points.add(x);
        }
        for (double x : simulated) {
            points.add(x);
        }
        int below = 0;
        points.sort(Double::compare);
        for (double x : points) {
            while (below < simulated.length && simulated[below] <= x + 1e-9) {
                below++;
            }
            d = Math.max(d, Math.abs(below / (double) simulated.length - human.at(x)));
        }
        return d;
    }

    private static Map<String, Object> reliability(ValueScorer scorer, List<ValueScores> scores, HumanReference ref) {
        int[][] itemsOf = scorer.itemsOfValues();
        Map<String, Object> out = new LinkedHashMap<>();
        for (SchwartzValue v : SchwartzValue.inCircularOrder()) {
            int[] items = itemsOf[v.ordinal()];
            double[][] answers = scores.stream().map(s -> {
                double[] row = new double[items.length];
                for (int i = 0; i < items.length; i++) {
                    row[i] = s.items()[items[i]];
                }
                return row;
            }).toArray(double[][]::new);
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("items", items.length);
            a.put("simulated_alpha", round(Reliability.cronbachAlpha(answers)));
            if (ref != null) {
                a.put("human_alpha", round(ref.alpha()[v.ordinal()]));
            }
            out.put(v.id(), a);
        }
        return out;
    }

    private static Map<String, Object> circumplex(ValueStatistics centred, HumanReference ref, PermutationTests tests) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("scores", "centred");
        Rthor rthor = Rthor.circular(centred.correlation(), tests.permutations(), tests.seed());
        c.put("rthor_ci", round(rthor.ci()));
        c.put("rthor_p", significant(rthor.p()));
        c.put("rthor_predictions", rthor.predictions());
        c.put("rthor_permutations", rthor.permutations());
        c.put("rthor_exact", rthor.exact());
        double[] angles = SchwartzValue.inCircularOrder().stream().mapToDouble(SchwartzValue::angleDegrees).toArray();
        double[][] theory = Procrustes.circle(angles);
        Procrustes simulated = Procrustes.fit(mds(centred.correlation()), theory);
        c.put("procrustes_congruence", round(simulated.congruence()));
        c.put("procrustes_alienation", round(simulated.alienation()));
        Map<String, Object> coordinates = new LinkedHashMap<>();
        coordinates.put("values", SchwartzValue.inCircularOrder().stream().map(SchwartzValue::id).toList());
        coordinates.put("theoretical", round(theory));
        coordinates.put("simulated", round(simulated.fitted()));
        if (ref != null) {
            Rthor human = Rthor.circular(ref.centred().correlation(), tests.permutations(), tests.seed());
            c.put("human_rthor_ci", round(human.ci()));
            c.put("human_rthor_p", significant(human.p()));
            double[][] humanMds = mds(ref.centred().correlation());
            c.put("human_procrustes_congruence", round(Procrustes.fit(humanMds, theory).congruence()));
            Procrustes humanToSimulated = Procrustes.fit(humanMds, simulated.fitted());
            c.put("human_to_simulated_congruence", round(humanToSimulated.congruence()));
            coordinates.put("human", round(humanToSimulated.fitted()));
        }
        c.put("mds", coordinates);
        return c;
    }

    private static boolean finite(double[][] m) {
        for (double[] row : m) {
            for (double x : row) {
                if (!Double.isFinite(x)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static double[][] mds(double[][] correlation) {
        return ClassicalMds.configuration(ClassicalMds.dissimilarities(correlation), 2);
    }

    private static Map<String, Object> items(Instrument instrument, Map<String, int[]> counts, HumanReference ref) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Item item : instrument.items()) {
            double[] human = ref.itemShares().get(item.id());
            int[] simulatedCounts = counts.get(item.id());
            if (human == null || simulatedCounts == null || java.util.Arrays.stream(simulatedCounts).sum() == 0) {
                continue;
            }
            double[] simulated = Distributions.shares(simulatedCounts);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("instrument", instrument.id());
            m.put("simulated", round(simulated));
            m.put("human", round(human));
            m.put("js_divergence", round(Distributions.jensenShannon(simulated, human)));
            m.put("wasserstein", round(Distributions.wasserstein1(simulated, human)));
            out.put(item.id(), m);
        }
        return out;
    }

    private static List<Double> interval(double mean, double sd, int n) {
        double half = Z95 * sd / Math.sqrt(n);
        return List.of(round(mean - half), round(mean + half));
    }

    private static double round(double x) {
        return Decimals.round(x, DECIMALS);
    }

    /** p-values keep 6 significant digits: an exact permutation p can be as small as 20 / 10! = 5.5e-6. */
    private static double significant(double p) {
        return Decimals.significant(p, DECIMALS);
    }

    private static List<Double> round(double[] xs) {
        List<Double> out = new ArrayList<>();
        for (double x : xs) {
            out.add(round(x));
        }
        return out;
    }

    private static List<List<Double>> round(double[][] m) {
        List<List<Double>> rows = new ArrayList<>();
        for (double[] row : m) {
            rows.add(round(row));
        }
        return rows;
    }
}
