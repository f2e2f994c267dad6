package org.valuesim.core.dilemma;

import org.valuesim.core.network.NetworkSpec;

/**
 * A repeated social dilemma as a run plays it.
 *
 * @param id      its name in results (the game kind, suffixed when a scenario plays a game twice)
 * @param game    the game and its payoff parameters
 * @param rounds  how many rounds
 * @param memory  how many past rounds a text-reading agent is shown (its own moves and payoffs, its neighbours' moves)
 * @param network who plays with whom
 */
public record Dilemma(String id, Game game, int rounds, int memory, NetworkSpec network) {

    public Dilemma {
        if (rounds < 1) {
            throw new IllegalArgumentException("a dilemma needs at least one round");
        }
        if (memory < 1) {
            throw new IllegalArgumentException("agents remember at least the last round");
        }
    }

    /** A dilemma whose agents are shown the last round only. */
    public Dilemma(String id, Game game, int rounds, NetworkSpec network) {
        this(id, game, rounds, 1, network);
    }
}
