package org.valuesim.core.persona;

import java.util.List;
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
 * @param profile      an imported individual's statements (answers shown to it, demographics); empty otherwise
 * @param backstory    a narrative written from the profile, or null
 */
public record Persona(int id, ValueProfile latent, SchwartzValue dominant, Map<String, String> demographics,
                      List<ProfileStatement> profile, String backstory) {

    public Persona {
        demographics = java.util.Collections.unmodifiableMap(new TreeMap<>(demographics));
        profile = List.copyOf(profile);
    }

    /** A persona drawn from a value distribution, with no imported profile. */
    public Persona(int id, ValueProfile latent, SchwartzValue dominant, Map<String, String> demographics) {
        this(id, latent, dominant, demographics, List.of(), null);
    }

    public Persona withBackstory(String story) {
        return new Persona(id, latent, dominant, demographics, profile, story);
    }
}
