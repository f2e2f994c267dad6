package org.valuesim.results.values;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.valuesim.core.instrument.Instrument;
import org.valuesim.core.instrument.Item;
import org.valuesim.core.instrument.Reliability;
import org.valuesim.core.values.HumanReference;
import org.valuesim.core.values.SchwartzValue;
import org.valuesim.core.values.ValueStatistics;
import org.valuesim.results.record.Circumplex;
import org.valuesim.results.record.HumanAgreement;
import org.valuesim.results.record.Interval;
import org.valuesim.results.record.ItemComparison;
import org.valuesim.results.record.ValueCorrelation;
import org.valuesim.results.record.ValueMean;
import org.valuesim.results.record.ValueReliability;
import org.valuesim.results.scoring.ValueScorer;
import org.valuesim.results.scoring.PackedScores;
import org.valuesim.results.stats.ClassicalMds;
import org.valuesim.results.stats.CorrelationBootstrap;
import org.valuesim.results.stats.Distributions;
import org.valuesim.results.stats.KolmogorovSmirnov;
import org.valuesim.results.stats.Mantel;
import org.valuesim.results.stats.MatrixAgreement;
import org.valuesim.results.stats.Procrustes;
import org.valuesim.results.stats.Resampling;
import org.valuesim.results.stats.Rthor;
import org.valuesim.results.stats.ValueSummary;
import org.valuesim.results.write.Decimals;

/**
 * The value statistics of a run's summary, from its fully scored agents: value means, reliabilities, the centred
 * correlation matrix and its circumplex structure, and everything compared with the human reference.
 *
 * <p>What is compared depends on what the reference answered. The ten values' structure (centred correlations,
 * circumplex, agreement) is compared with any reference; the value means when the two instruments share an answer
 * scale (as many options); distributions of value scores (KS), reliabilities and items only with the same instrument.
 *
 * @param scoredAgents agents with every item answered (the rest is null when fewer than 3)
 */
public record ValueParts(long scoredAgents, Map<String, ValueMean> valueMeans,
                         Map<String, ValueReliability> reliability, ValueCorrelation valueCorrelation,
                         Circumplex circumplex, HumanAgreement humanAgreement, Map<String, ItemComparison> items) {

    private static final int DECIMALS = 6;
    private static final double Z95 = 1.959964;
    private static final String CENTRED = "centred";

    /**
     * @param complete   the fully scored agents' scores (agents with a missing item are left out)
     * @param itemCounts per item id of the scorer's instrument, how many agents chose each option
     * @param reference  the human reference, or null when the scenario compares with none
     */
    public static ValueParts of(ValueScorer scorer, PackedScores complete, Map<String, int[]> itemCounts,
                                HumanReference reference, Resampling resampling) {
        if (complete.size() < 3) {
            return new ValueParts(complete.size(), null, null, null, null, null, null);
        }
        Instrument instrument = scorer.instrument();
        boolean sameInstrument = reference != null && reference.instrument().equals(instrument.id());
        boolean sameScale = sameInstrument || reference != null && !reference.itemShares().isEmpty()
                && reference.itemShares().values().stream()
                .allMatch(s -> s.length == instrument.response(scorer.items().get(0)).size());
        ValueStatistics raw = ValueSummary.of(complete, false);
        ValueStatistics centred = ValueSummary.of(complete, true);
        Map<String, ValueMean> means = valueMeans(scorer, complete, raw, centred, sameScale ? reference : null,
                sameInstrument);
        Map<String, ValueReliability> reliability = reliability(scorer, complete, sameInstrument ? reference : null);
        Map<String, ItemComparison> items = sameInstrument ? items(scorer, itemCounts, reference) : null;
        if (!finite(centred.correlation())) {
            // a value whose centred scores do not vary has no correlations: no circle, no agreement to report
            ValueCorrelation note = new ValueCorrelation(null, null, null, null, "undefined: the centred scores of "
                    + "some value do not vary across agents, so their correlations, the circumplex and the agreement "
                    + "with humans cannot be computed");
            return new ValueParts(complete.size(), means, reliability, note, null, null, items);
        }
        double[][] human = reference == null ? null : reference.centred().correlation();
        CorrelationBootstrap.Intervals intervals = resampling.bootstrap() == 0 ? null : CorrelationBootstrap.of(
                java.util.stream.IntStream.range(0, complete.size()).mapToObj(n -> complete.get(n).centred())
                        .toArray(double[][]::new), human, resampling.bootstrap(), resampling.seed());
        ValueCorrelation correlation = new ValueCorrelation(CENTRED, valueIds(), round(centred.correlation()),
                human == null ? null : round(human), null);
        return new ValueParts(complete.size(), means, reliability, correlation,
                circumplex(centred, reference, resampling, intervals),
                human == null ? null : agreement(centred, human, resampling, intervals), items);
    }

    private static Map<String, ValueMean> valueMeans(ValueScorer scorer, PackedScores scores, ValueStatistics raw,
                                                     ValueStatistics centred, HumanReference ref, boolean withKs) {
        int n = scores.size();
        int[][] itemsOf = scorer.itemsOfValues();
        Map<String, ValueMean> means = new LinkedHashMap<>();
        for (SchwartzValue v : SchwartzValue.inCircularOrder()) {
            int i = v.ordinal();
            Double human = null;
            Double humanSd = null;
            Interval humanCi = null;
            Double humanCentred = null;
            Double difference = null;
            Double sdDifference = null;
            Double ksD = null;
            Double ksP = null;
            if (ref != null) {
                human = round(ref.raw().means()[i]);
                humanSd = round(ref.raw().sds()[i]);
                humanCi = interval(ref.raw().means()[i], ref.raw().sds()[i], ref.respondents());
                humanCentred = round(ref.centred().means()[i]);
                difference = round(raw.means()[i] - ref.raw().means()[i]);
                sdDifference = round(raw.sds()[i] - ref.raw().sds()[i]);
            }
            if (withKs) {
                HumanReference.ScoreDistribution humanScores = ref.valueScores().get(i);
                double d = KolmogorovSmirnov.distance(scores.column(s -> s.raw()[i]),
                        humanScores.scores(), humanScores.cumulative(), itemsOf[i].length);
                ksD = round(d);
                ksP = significant(KolmogorovSmirnov.p(d, n, ref.respondents()));
            }
            means.put(v.id(), new ValueMean(round(raw.means()[i]), round(raw.sds()[i]),
                    interval(raw.means()[i], raw.sds()[i], n), round(centred.means()[i]), human, humanSd, humanCi,
                    humanCentred, difference, sdDifference, ksD, ksP));
        }
        return means;
    }

    private static Map<String, ValueReliability> reliability(ValueScorer scorer, PackedScores scores,
                                                             HumanReference ref) {
        int[][] itemsOf = scorer.itemsOfValues();
        Map<String, ValueReliability> out = new LinkedHashMap<>();
        for (SchwartzValue v : SchwartzValue.inCircularOrder()) {
            int[] items = itemsOf[v.ordinal()];
            double[][] columns = java.util.Arrays.stream(items).mapToObj(i -> scores.column(s -> s.items()[i]))
                    .toArray(double[][]::new);
            out.put(v.id(), new ValueReliability(items.length, round(Reliability.cronbachAlphaOfColumns(columns)),
                    ref == null ? null : round(ref.alpha()[v.ordinal()])));
        }
        return out;
    }

    private static Circumplex circumplex(ValueStatistics centred, HumanReference ref, Resampling resampling,
                                         CorrelationBootstrap.Intervals intervals) {
        Rthor rthor = Rthor.circular(centred.correlation(), resampling.permutations(), resampling.seed());
        double[] angles = SchwartzValue.inCircularOrder().stream().mapToDouble(SchwartzValue::angleDegrees).toArray();
        double[][] theory = Procrustes.circle(angles);
        Procrustes simulated = Procrustes.fit(mds(centred.correlation()), theory);
        Double humanCi = null;
        Double humanP = null;
        Double humanCongruence = null;
        Double humanToSimulated = null;
        double[][] humanCoordinates = null;
        if (ref != null) {
            Rthor human = Rthor.circular(ref.centred().correlation(), resampling.permutations(), resampling.seed());
            humanCi = round(human.ci());
            humanP = significant(human.p());
            double[][] humanMds = mds(ref.centred().correlation());
            humanCongruence = round(Procrustes.fit(humanMds, theory).congruence());
            Procrustes fitted = Procrustes.fit(humanMds, simulated.fitted());
            humanToSimulated = round(fitted.congruence());
            humanCoordinates = round(fitted.fitted());
        }
        return new Circumplex(CENTRED, round(rthor.ci()), intervals == null ? null : interval(intervals.rthorCi()),
                significant(rthor.p()), rthor.predictions(), rthor.permutations(), rthor.exact(),
                intervals == null ? null : intervals.resamples(), round(simulated.congruence()),
                round(simulated.alienation()), humanCi, humanP, humanCongruence, humanToSimulated,
                new Circumplex.Mds(valueIds(), round(theory), round(simulated.fitted()), humanCoordinates));
    }

    private static HumanAgreement agreement(ValueStatistics centred, double[][] human, Resampling resampling,
                                            CorrelationBootstrap.Intervals intervals) {
        MatrixAgreement agreement = MatrixAgreement.of(centred.correlation(), human);
        Mantel mantel = Mantel.test(centred.correlation(), human, resampling.permutations(), resampling.seed());
        return new HumanAgreement(CENTRED, agreement.cells(), round(agreement.pearsonR()),
                intervals == null ? null : interval(intervals.pearsonR()), round(agreement.tuckerPhi()),
                intervals == null ? null : interval(intervals.tuckerPhi()), significant(mantel.p()),
                mantel.permutations(), intervals == null ? null : intervals.resamples());
    }

    private static Map<String, ItemComparison> items(ValueScorer scorer, Map<String, int[]> counts,
                                                     HumanReference ref) {
        Instrument instrument = scorer.instrument();
        Map<String, ItemComparison> out = new LinkedHashMap<>();
        for (Item item : scorer.items()) {
            double[] human = ref.itemShares().get(item.id());
            int[] simulatedCounts = counts.get(item.id());
            if (human == null || simulatedCounts == null || java.util.Arrays.stream(simulatedCounts).sum() == 0) {
                continue;
            }
            double[] simulated = Distributions.shares(simulatedCounts);
            out.put(item.id(), new ItemComparison(instrument.id(), null, round(simulated), round(human),
                    round(Distributions.jensenShannon(simulated, human)),
                    round(Distributions.wasserstein1(simulated, human)), null));
        }
        return out;
    }

    private static List<String> valueIds() {
        return SchwartzValue.inCircularOrder().stream().map(SchwartzValue::id).toList();
    }

    private static boolean finite(double[][] m) {
        return java.util.Arrays.stream(m).flatMapToDouble(java.util.Arrays::stream).allMatch(Double::isFinite);
    }

    private static double[][] mds(double[][] correlation) {
        return ClassicalMds.configuration(ClassicalMds.dissimilarities(correlation), 2);
    }

    private static Interval interval(double mean, double sd, int n) {
        double half = Z95 * sd / Math.sqrt(n);
        return new Interval(round(mean - half), round(mean + half));
    }

    private static Interval interval(double[] bounds) {
        return bounds == null ? null : new Interval(round(bounds[0]), round(bounds[1]));
    }

    private static double round(double x) {
        return Decimals.round(x, DECIMALS);
    }

    /** p-values keep 6 significant digits: an exact permutation p can be as small as 20 / 10! = 5.5e-6. */
    private static double significant(double p) {
        return Decimals.significant(p, DECIMALS);
    }

    private static double[] round(double[] xs) {
        return java.util.Arrays.stream(xs).map(ValueParts::round).toArray();
    }

    private static double[][] round(double[][] m) {
        return java.util.Arrays.stream(m).map(ValueParts::round).toArray(double[][]::new);
    }
}
