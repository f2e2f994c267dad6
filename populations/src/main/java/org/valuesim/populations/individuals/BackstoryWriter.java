package org.valuesim.populations.individuals;

import org.valuesim.core.persona.Persona;

/** Writes a second-person narrative backstory from a persona's profile statements. */
public interface BackstoryWriter {

    /** The writer's name in scenario files (template, llm). */
    String id();

    Backstory write(Persona persona);
}
