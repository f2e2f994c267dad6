package org.valuesim.populations.strategy;

import java.util.List;
import java.util.Map;
import org.valuesim.core.persona.Persona;
import org.valuesim.core.sim.PersonaSource;
import org.valuesim.populations.preset.Preset;

/** How personas are drawn from a preset. Same preset, size, seed and fixed attributes give the same personas. */
public interface PopulationStrategy {

    /** The strategy's name in scenario files. */
    String id();

    /**
     * @param fixed demographic attributes every persona must have (restricting the preset's cells), or
     *              that are given to every persona when the preset does not know them
     * @throws IllegalArgumentException when no people of the preset have the fixed attributes
     */
    List<Persona> sample(Preset preset, int size, long seed, Map<String, String> fixed);

    /**
     * The same personas as {@link #sample}, handed out a window at a time: a strategy whose personas come from keyed
     * streams draws each window as it is asked for, so a run need not hold them all; others sample them all at once.
     */
    default PersonaSource source(Preset preset, int size, long seed, Map<String, String> fixed) {
        return PersonaSource.of(sample(preset, size, seed, fixed));
    }

    default List<Persona> sample(Preset preset, int size, long seed) {
        return sample(preset, size, seed, Map.of());
    }
}
