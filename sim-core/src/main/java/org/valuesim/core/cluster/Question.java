package org.valuesim.core.cluster;

import java.io.Serializable;

/**
 * One question an agent is asked, as it travels to the member that answers it: a survey item by its ids, or a
 * dilemma move with what the agent was shown.
 *
 * @param instrument the instrument's id, or for a move the dilemma frame's id
 * @param move       the move's context, or null for a survey item
 */
public record Question(int agent, String instrument, String item, Move move) implements Serializable {

    /**
     * A dilemma move as the coordinator put it: the game, the round, the item's text (the game and the rounds the
     * agent remembers) and the neighbours' last cooperation (NaN in the first round).
     */
    public record Move(String game, int round, String text, double othersCooperation) implements Serializable {
    }
}
