package org.valuesim.populations.strategy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.valuesim.core.math.Apportionment;
import org.valuesim.core.persona.Persona;
import org.valuesim.core.random.Streams;
import org.valuesim.core.values.SchwartzValue;
import org.valuesim.populations.preset.Dominance;
import org.valuesim.populations.preset.Preset;

/**
 * The value-prompting population mixes (Yehudai, Rozen and Gera 2026): each persona is built around
 * one dominant value (it will be told it greatly values it), or, for {@code human-naive}, around none
 * (an unprimed persona). Counts are exact up to rounding (largest remainder) and their order over
 * persona ids is a seeded shuffle. Demographics are drawn given the persona's dominant value.
 *
 * <p>The share of people with no dominant value is the preset's unless a scenario sets another: the values'
 * shares are then scaled so that they and the new share still sum to 1 (their proportions to one another kept).
 */
public final class DominantValueStrategy implements PopulationStrategy {

    /** How the ten values (and "none") are weighted. */
    public enum Mix {
        /** 10% per value. */
        UNIFORM("uniform"),
        /** Dominant values in human proportions; the no-dominant share becomes unprimed personas. */
        HUMAN_NAIVE("human-naive"),
        /** Human proportions with the no-dominant share spread evenly over the ten values. */
        HUMAN_EVEN("human-even"),
        /** Human proportions with the no-dominant share dropped and the rest renormalised. */
        HUMAN_NORMALIZED("human-normalized");

        private final String id;

        Mix(String id) {
            this.id = id;
        }
    }

    private final Mix mix;
    private final Double noDominantShare;

    public DominantValueStrategy(Mix mix) {
        this(mix, null);
    }

    /**
     * @param noDominantShare the share of people with no dominant value (0 to below 1), or null for the preset's
     */
    public DominantValueStrategy(Mix mix, Double noDominantShare) {
        if (noDominantShare != null && (noDominantShare < 0 || noDominantShare >= 1)) {
            throw new IllegalArgumentException("the no-dominant share must be at least 0 and below 1, got "
                    + noDominantShare);
        }
        this.mix = mix;
        this.noDominantShare = noDominantShare;
    }

    /** Whether this mix uses the no-dominant share (uniform ignores it, human-normalized drops it). */
    public boolean usesNoDominantShare() {
        return mix == Mix.HUMAN_NAIVE || mix == Mix.HUMAN_EVEN;
    }

    @Override
    public String id() {
        return mix.id;
    }

    /** Weight of each value in circular order, then of "no dominant value". */
    double[] weights(Dominance dominance) {
        int k = SchwartzValue.count();
        if (dominance == null) {
            double[] w = new double[k + 1];
            java.util.Arrays.fill(w, 0, k, 1.0 / k); // uniform, the one mix that needs no human dominance
            return w;
        }
        double none = noDominantShare == null ? dominance.none() : noDominantShare;
        double scale = noDominantShare == null || dominance.none() >= 1 ? 1 : (1 - none) / (1 - dominance.none());
        double[] w = new double[k + 1];
        for (SchwartzValue v : SchwartzValue.inCircularOrder()) {
            double human = dominance.shares().getOrDefault(v.id(), 0.0) * scale;
            w[v.ordinal()] = switch (mix) {
                case UNIFORM -> 1.0 / k;
                case HUMAN_NAIVE, HUMAN_NORMALIZED -> human;
                case HUMAN_EVEN -> human + none / k;
            };
        }
        w[k] = mix == Mix.HUMAN_NAIVE ? none : 0;
        return w;
    }

    @Override
    public List<Persona> sample(Preset preset, int size, long seed, Map<String, String> fixed) {
        if (!preset.hasValues() && mix != Mix.UNIFORM) {
            throw new IllegalArgumentException(noValues(preset, id()));
        }
        DemographicSampler demographics = new DemographicSampler(preset, fixed);
        int[] counts = Apportionment.largestRemainder(weights(preset.dominance()), size);
        List<SchwartzValue> slots = new ArrayList<>(size);
        for (int slot = 0; slot < counts.length; slot++) {
            SchwartzValue value = slot < SchwartzValue.count() ? SchwartzValue.inCircularOrder().get(slot) : null;
            for (int c = 0; c < counts[slot]; c++) {
                slots.add(value);
            }
        }
        Streams.shuffle(slots, new SplittableRandom(Streams.key(seed, "strategy-order", size)));
        List<Persona> personas = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            SchwartzValue value = slots.get(i);
            var cell = demographics.draw(Streams.of(seed, "persona-demographics", i, ""),
                    value == null ? "none" : value.id());
            personas.add(new Persona(i, null, value, demographics.attributes(cell)));
        }
        return personas;
    }

    /** Why a strategy cannot draw from a preset without values. */
    static String noValues(Preset preset, String strategy) {
        return "preset " + preset.name() + " has no value distribution (its survey has no value-keyed questions, or too few to model the ten "
                + "values), so "
                + "'" + strategy + "' has nothing to draw from; use uniform (each value dominant for a tenth of the "
                + "personas), or build the preset from a file with two value-keyed questions for each value";
    }
}
