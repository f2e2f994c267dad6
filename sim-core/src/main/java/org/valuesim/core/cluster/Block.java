package org.valuesim.core.cluster;

import java.util.List;
import org.valuesim.core.persona.Persona;

/**
 * One task for the grid: the questions of a contiguous range of agents in one phase (the survey, or one round
 * of a dilemma), with the personas that ask them.
 *
 * @param phase "survey", or the dilemma frame's id and round
 * @param index the block's place in the phase (blocks of contiguous agents, in agent order)
 */
public record Block(String phase, int index, List<Persona> personas, List<Question> questions) {

    public Block {
        personas = List.copyOf(personas);
        questions = List.copyOf(questions);
    }
}
