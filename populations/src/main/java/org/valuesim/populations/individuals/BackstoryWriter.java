package org.valuesim.populations.individuals;

import java.util.Optional;
import org.valuesim.core.llm.ModelRequest;
import org.valuesim.core.persona.Persona;

/** Writes a second-person narrative backstory from a persona's profile statements. */
public interface BackstoryWriter {

    /** The writer's name in scenario files (template, llm). */
    String id();

    Backstory write(Persona persona);

    /** The model call that starts a persona's story (for estimates before any call); empty for writers that use none. */
    default Optional<ModelRequest> firstCall(Persona persona) {
        return Optional.empty();
    }
}
