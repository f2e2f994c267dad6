package org.valuesim.core.sim;

import java.util.List;
import org.valuesim.core.persona.Persona;

/**
 * The personas of a run by agent id, handed out a survey window at a time: a population drawn from keyed streams
 * draws each window's personas as the window starts, so a run does not hold every persona at once.
 */
public interface PersonaSource {

    /** How many agents the run has (ids 0 .. size - 1). */
    int size();

    /** The personas with ids from (inclusive) to (exclusive), in id order; asked from one thread at a time. */
    List<Persona> range(int from, int to);

    /** Every demographic attribute any of the personas has, sorted (the columns of agents.csv). */
    List<String> demographics();

    /** Personas already in memory. */
    static PersonaSource of(List<Persona> personas) {
        List<Persona> all = List.copyOf(personas);
        List<String> attributes = List.copyOf(all.stream().flatMap(p -> p.demographics().keySet().stream())
                .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new)));
        return new PersonaSource() {
            @Override
            public List<String> demographics() {
                return attributes;
            }

            @Override
            public int size() {
                return all.size();
            }

            @Override
            public List<Persona> range(int from, int to) {
                return all.subList(from, to);
            }
        };
    }
}
