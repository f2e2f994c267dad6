package org.valuesim.core.respond;

import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.valuesim.core.instrument.ResponseOption;
import org.valuesim.core.instrument.ResponseScale;
import org.valuesim.core.persona.Persona;
import org.valuesim.core.math.StandardNormal;
import org.valuesim.core.random.Streams;
import org.valuesim.core.values.SchwartzValue;

/**
 * How the embedded respondents (psychometric, semantic) act in social dilemmas: a latent-utility rule in
 * which self-transcendence raises prosocial behaviour and self-enhancement lowers it (Schwartz 2010,
 * "Basic values: how they motivate and inhibit prosocial behavior"), with conditional cooperation
 * (Fischbacher, Gachter and Fehr 2001) and noise.
 *
 * <p>u = baseline(game) + {@value #VALUE_WEIGHT} d + {@value #RECIPROCITY_WEIGHT} (c - 0.5)
 * + {@value #PERSON_SD} p + {@value #ROUND_SD} e, where d is the persona's self-transcendence minus self-enhancement
 * (mean of universalism and benevolence minus mean of power and achievement, in answer-scale points, less the same
 * difference for the population's mean scores, so that the population's average person is neutral; for a persona
 * with only a dominant value, +1 for a self-transcendence value, -1 for a self-enhancement value, 0 otherwise; 0 for
 * a persona with neither, who then moves by the baseline and noise alone; imported individuals carry latent values
 * inferred from their answers), c
 * the neighbours' mean cooperation in the last round (0.5 in the first), p a standard normal draw that stays with
 * the agent through a dilemma (people differ stably in how cooperative they are) and e one drawn anew each round,
 * both keyed by the seed, agent, dilemma (and round). The cooperation
 * level is Phi(u): the share given or contributed (rounded to whole units), or the share donated; a prisoner's
 * dilemma move is cooperate when u &gt; 0. Baselines put the level of a neutral persona at the mean human level:
 * 28% given in dictator games (Engel 2011, meta-analysis), 50% contributed in first public-goods rounds (Ledyard
 * 1995: 40-60%), 47% cooperation in prisoner's dilemmas (Sally 1995, meta-analysis); donations use the dictator
 * baseline. The weights are chosen, not fitted: they give value-behaviour correlations of the size the literature
 * reports: about 0.1 to 0.2 between observed centred value scores and mean cooperation over ten rounds for
 * GSS-like personas (BENCHMARKS.md).
 *
 * <p>A donation goes to the causes in proportion to exp({@value #CAUSE_WEIGHT} x the centred score of the value each
 * cause serves); what is not donated goes to the options that serve no value (keeping it).
 */
public final class ValueRule {

    static final double VALUE_WEIGHT = 0.3;
    static final double RECIPROCITY_WEIGHT = 1.0;
    static final double PERSON_SD = 0.8;
    static final double ROUND_SD = 0.6;
    static final double CAUSE_WEIGHT = 2.0;

    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);
    /** The human mean levels as standard normal quantiles, and the noise scales of amounts and binary moves. */
    private static final double Z_PUBLIC_GOODS = STANDARD_NORMAL.inverseCumulativeProbability(0.50);
    private static final double Z_PRISONERS_DILEMMA = STANDARD_NORMAL.inverseCumulativeProbability(0.47);
    private static final double Z_GIVING = STANDARD_NORMAL.inverseCumulativeProbability(0.28);
    private static final double SCALE_BINARY = Math.sqrt(PERSON_SD * PERSON_SD + ROUND_SD * ROUND_SD);
    private static final double SCALE_AMOUNT = Math.sqrt(1 + (PERSON_SD * PERSON_SD + ROUND_SD * ROUND_SD));

    private final long seed;
    private final double neutral;
    /** The last round's stream name ("frame/round"), kept so that every agent of a round shares one string and hash. */
    private volatile RoundKey lastRound;
    /** Per (lowest, highest) of numeric moves: see {@link #amount}. */
    private final Map<Long, double[]> amountSteps = new ConcurrentHashMap<>();
    /** How near a step u must be for a numeric move's amount to be worked out from the exact normal CDF. */
    static final double STEP_MARGIN = 1e-6;

    private record RoundKey(String frame, int round, String name) {
    }

    /**
     * @param population the population's value statistics, whose mean scores define the neutral persona; null for
     *                   personas with only a dominant value
     */
    public ValueRule(long seed, org.valuesim.core.values.ValueStatistics population) {
        this.seed = seed;
        this.neutral = population == null ? 0 : transcendence(new org.valuesim.core.values.ValueProfile(population.means()));
    }

    /**
     * The baseline utility that gives a neutral persona the game's mean human level once the noise is averaged
     * over: E[Phi(b + s e)] = Phi(b / sqrt(1 + s^2)) for amounts, P(b + s e &gt; 0) = Phi(b / s) for a binary move,
     * where s^2 is the total noise variance.
     */
    static double baseline(String game, boolean binary) {
        double z = switch (game) {
            case "public-goods" -> Z_PUBLIC_GOODS;
            case "prisoners-dilemma" -> Z_PRISONERS_DILEMMA;
            default -> Z_GIVING;
        };
        return z * (binary ? SCALE_BINARY : SCALE_AMOUNT);
    }

    /** Self-transcendence minus self-enhancement, in answer-scale points. */
    double transcendence(Persona persona) {
        if (persona.latent() != null) {
            return transcendence(persona.latent()) - neutral;
        }
        if (persona.dominant() == null) {
            return 0;
        }
        return switch (persona.dominant()) {
            case UNIVERSALISM, BENEVOLENCE -> 1;
            case POWER, ACHIEVEMENT -> -1;
            default -> 0;
        };
    }

    private static double transcendence(org.valuesim.core.values.ValueProfile v) {
        return (v.get(SchwartzValue.UNIVERSALISM) + v.get(SchwartzValue.BENEVOLENCE)) / 2
                - (v.get(SchwartzValue.POWER) + v.get(SchwartzValue.ACHIEVEMENT)) / 2;
    }

    /** The persona's centred score on a value (latent minus its mean latent), or +1/0 from its dominant value. */
    static double centred(Persona persona, SchwartzValue value) {
        if (persona.latent() != null) {
            double[] scores = persona.latent().scores();
            double mean = java.util.Arrays.stream(scores).average().orElse(0);
            return persona.latent().get(value) - mean;
        }
        return value == persona.dominant() ? 1 : 0;
    }

    /** The persona's move, as an answer to the decision's item. */
    private String roundKey(Decision decision) {
        RoundKey key = lastRound;
        String frame = decision.frame().id();
        if (key == null || key.round() != decision.round() || !key.frame().equals(frame)) {
            key = new RoundKey(frame, decision.round(), frame + "/" + decision.round());
            lastRound = key;
        }
        return key.name();
    }

    public Answer decide(Persona persona, Decision decision, Provenance provenance) {
        SplittableRandom person = Streams.of(seed, "value-rule-person", persona.id(), decision.frame().id());
        SplittableRandom round = Streams.of(seed, "value-rule", persona.id(), roundKey(decision));
        double others = Double.isNaN(decision.othersCooperation()) ? 0.5 : decision.othersCooperation();
        ResponseScale scale = decision.frame().response(decision.item());
        boolean binary = !scale.isAllocation() && !ResponseScale.NUMERIC.equals(scale.kind());
        double u = baseline(decision.game(), binary) + VALUE_WEIGHT * transcendence(persona)
                + RECIPROCITY_WEIGHT * (others - 0.5) + PERSON_SD * Streams.gaussian(person)
                + ROUND_SD * Streams.gaussian(round);
        String frame = decision.frame().id();
        String item = decision.item().id();
        if (ResponseScale.NUMERIC.equals(scale.kind())) {
            return Answer.ok(persona.id(), frame, item, amount(u, scale.lowest(), scale.highest()), null, "", provenance);
        }
        double level = StandardNormal.cdf(u);
        if (scale.isAllocation()) {
            return Answer.allocated(persona.id(), frame, item, allocate(persona, scale, level), "", provenance);
        }
        // two options, cooperate first
        int chosen = u > 0 ? scale.options().get(0).value() : scale.options().get(1).value();
        double[] p = {level, 1 - level};
        return Answer.ok(persona.id(), frame, item, chosen, p, "", provenance);
    }

    /**
     * {@code (int) Math.round(lowest + Phi(u) * (highest - lowest))}, the amount a numeric move gives, found by where u
     * falls among the utilities at which the rounded amount steps up; Phi itself is computed only when u lies within
     * {@link #STEP_MARGIN} of a step, where the comparison could differ from the exact value. A move's amount is all
     * that is kept of it, so this gives the same amounts as computing Phi every time, for a fraction of the cost.
     */
    int amount(double u, int lowest, int highest) {
        double[] steps = amountSteps.computeIfAbsent(((long) lowest << 32) ^ (highest & 0xffffffffL),
                k -> steps(lowest, highest));
        int at = Arrays.binarySearch(steps, u);
        int below = at >= 0 ? at : -at - 1;
        boolean near = at >= 0 || !Double.isFinite(u) || (below > 0 && u - steps[below - 1] < STEP_MARGIN)
                || (below < steps.length && steps[below] - u < STEP_MARGIN);
        if (near) {
            return (int) Math.round(lowest + StandardNormal.cdf(u) * (highest - lowest));
        }
        return lowest + below;
    }

    /** The utilities u at which Phi(u) * (highest - lowest) crosses k + 1/2, ascending. */
    private static double[] steps(int lowest, int highest) {
        double[] steps = new double[Math.max(0, highest - lowest)];
        for (int k = 0; k < steps.length; k++) {
            steps[k] = STANDARD_NORMAL.inverseCumulativeProbability((k + 0.5) / steps.length);
        }
        return steps;
    }

    private static int[] allocate(Persona persona, ResponseScale scale, double level) {
        int donated = (int) Math.round(level * scale.endowment());
        double[] causes = new double[scale.size()];
        double[] keep = new double[scale.size()];
        boolean anyCause = false;
        for (int i = 0; i < scale.size(); i++) {
            ResponseOption o = scale.options().get(i);
            var value = o.serves() == null ? java.util.Optional.<SchwartzValue>empty() : SchwartzValue.find(o.serves());
            if (value.isPresent()) {
                causes[i] = Math.exp(CAUSE_WEIGHT * centred(persona, value.get()));
                anyCause = true;
            } else {
                keep[i] = 1;
            }
        }
        if (!anyCause) {
            java.util.Arrays.fill(causes, 1);
            return AllocationReader.split(scale.endowment(), causes);
        }
        if (java.util.Arrays.stream(keep).sum() == 0) {
            donated = scale.endowment();
        }
        int[] toCauses = AllocationReader.split(donated, causes);
        int[] kept = AllocationReader.split(scale.endowment() - donated, keep);
        int[] out = new int[scale.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = toCauses[i] + kept[i];
        }
        return out;
    }
}
