package org.valuesim.core.respond;

import java.util.Arrays;
import java.util.Map;
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
    private static final String ROUND_STREAM = "value-rule";

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

    /**
     * The stream name of a dilemma round ("frame/round"), made once per round and shared by all its agents asked one
     * by one ({@link Moves.Round} makes it once for a phase's agents).
     */
    private String roundKey(String frame, int round) {
        RoundKey key = lastRound;
        if (key == null || key.round() != round || !key.frame().equals(frame)) {
            key = new RoundKey(frame, round, frame + "/" + round);
            lastRound = key;
        }
        return key.name();
    }

    /** The persona's move, as an answer to the decision's item. */
    public Answer decide(Persona persona, Decision decision, Provenance provenance) {
        ResponseScale scale = decision.frame().response(decision.item());
        String frame = decision.frame().id();
        double u = utility(fixed(persona, decision.game(), scale), decision.othersCooperation(),
                personTerm(persona.id(), frame), roundTerm(Streams.key(seed, ROUND_STREAM, persona.id()),
                        roundKey(frame, decision.round())));
        return answer(persona, frame, decision.item().id(), scale, u, amountSteps(scale), provenance);
    }

    /**
     * The moves of these personas (a dilemma phase's agents) in the dilemma framed by {@code frame}, answering items
     * with the frame's response: the same as {@link #decide} gives, with what stays the same for an agent through the
     * dilemma worked out once.
     */
    public Moves moves(java.util.List<Persona> personas, org.valuesim.core.instrument.Instrument frame, String game) {
        return new Moves(personas, frame, game);
    }

    /**
     * One dilemma's moves by the rule for a fixed list of personas. Per agent it keeps the baseline and value term,
     * the person term and the round stream's key, so a round's move costs its reciprocity term, one draw and its
     * answer; {@link #decide} would read the persona's values and draw the person term again every round.
     */
    public final class Moves {

        private final java.util.List<Persona> personas;
        private final String frame;
        private final ResponseScale scale;
        private final double[] steps;
        private final double[] fixed;
        private final double[] person;
        private final long[] roundKeys;

        private Moves(java.util.List<Persona> personas, org.valuesim.core.instrument.Instrument frame, String game) {
            this.personas = java.util.List.copyOf(personas);
            this.frame = frame.id();
            this.scale = frame.response(); // a round's item has no response of its own
            this.steps = amountSteps(scale);
            int n = this.personas.size();
            fixed = new double[n];
            person = new double[n];
            roundKeys = new long[n];
            for (int i = 0; i < n; i++) {
                Persona p = this.personas.get(i);
                fixed[i] = fixed(p, game, scale);
                person[i] = personTerm(p.id(), this.frame);
                roundKeys[i] = Streams.key(seed, ROUND_STREAM, p.id());
            }
        }

        /** Round {@code round} of the dilemma: its stream name, which every agent's draw of the round is keyed by. */
        public Round round(int round) {
            return new Round(frame + "/" + round);
        }

        /** The agent's move with utility {@code u}, as an answer to the round's item. */
        public Answer answer(int agent, String itemId, double u, Provenance provenance) {
            return ValueRule.this.answer(personas.get(agent), frame, itemId, scale, u, steps, provenance);
        }

        /** One round's moves, the round's stream name made once for all its agents. */
        public final class Round {

            private final String stream;

            private Round(String stream) {
                this.stream = stream;
            }

            /** The utility of agent {@code agent}'s move, its neighbours' cooperation being {@code others}. */
            public double utility(int agent, double others) {
                return ValueRule.utility(fixed[agent], others, person[agent], roundTerm(roundKeys[agent], stream));
            }
        }
    }

    private static boolean binary(ResponseScale scale) {
        return !scale.isAllocation() && !ResponseScale.NUMERIC.equals(scale.kind());
    }

    /** The baseline and the value term: what a persona's utility starts from in every round of a game. */
    private double fixed(Persona persona, String game, ResponseScale scale) {
        return baseline(game, binary(scale)) + VALUE_WEIGHT * transcendence(persona);
    }

    /** The person term: a draw that stays with the agent through a dilemma. */
    private double personTerm(int personaId, String frame) {
        return PERSON_SD * Streams.gaussian(Streams.of(seed, "value-rule-person", personaId, frame));
    }

    private static double roundTerm(long agentKey, String round) {
        return ROUND_SD * Streams.gaussian(agentKey, round);
    }

    /** u, summed in this order so that it is bit for bit the sum of all five terms written out left to right. */
    private static double utility(double fixed, double others, double person, double round) {
        double c = Double.isNaN(others) ? 0.5 : others;
        return fixed + RECIPROCITY_WEIGHT * (c - 0.5) + person + round;
    }

    /** The steps of a numeric move's amounts (see {@link #amount}); null for other moves. */
    private double[] amountSteps(ResponseScale scale) {
        if (!ResponseScale.NUMERIC.equals(scale.kind())) {
            return null;
        }
        return stepsOf(scale.min(), scale.max());
    }

    private double[] stepsOf(int lowest, int highest) {
        return amountSteps.computeIfAbsent(((long) lowest << 32) ^ (highest & 0xffffffffL), k -> steps(lowest, highest));
    }

    /** The move with utility u as an answer; {@code steps} are the scale's amount steps for a numeric move. */
    private Answer answer(Persona persona, String frame, String item, ResponseScale scale, double u, double[] steps,
                          Provenance provenance) {
        if (steps != null) {
            // a numeric scale's options are the numbers min..max
            return Answer.ok(persona.id(), frame, item, amount(u, scale.min(), scale.max(), steps), null, "", provenance);
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
        return amount(u, lowest, highest, stepsOf(lowest, highest));
    }

    private static int amount(double u, int lowest, int highest, double[] steps) {
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
