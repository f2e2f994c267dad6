package org.valuesim.core.dilemma;

import java.util.List;

/** Every agent's move in one round of a dilemma, in agent id order. */
public record RoundResult(String dilemma, String game, int round, int rounds, List<Move> moves) {

    public RoundResult {
        moves = List.copyOf(moves);
    }
}
