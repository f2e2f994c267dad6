package org.valuesim.populations.strategy;

import java.util.List;
import org.valuesim.core.persona.Persona;
import org.valuesim.populations.preset.Preset;

/** How personas are drawn from a preset. Same preset, size and seed give the same personas. */
public interface PopulationStrategy {

    /** The strategy's name in scenario files. */
    String id();

    List<Persona> sample(Preset preset, int size, long seed);
}
