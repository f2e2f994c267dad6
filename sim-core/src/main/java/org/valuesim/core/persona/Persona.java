package org.valuesim.core.persona;

import java.util.Map;
import java.util.TreeMap;
import org.valuesim.core.values.SchwartzValue;
import org.valuesim.core.values.ValueProfile;

/**
 * One simulated person.
 *
 * @param id           0-based index in the population, also the MASON agent id
 * @param latent       latent value scores on the answer scale, or null when the persona has none
 * @param dominant     the value the persona is built around, or null for a persona with no dominant value
 * @param demographics attribute name to value, sorted by name
 */
public record Persona(int id, ValueProfile latent, SchwartzValue dominant, Map<String, String> demographics) {

    public Persona {
        demographics = java.util.Collections.unmodifiableMap(new TreeMap<>(demographics));
    }
}
