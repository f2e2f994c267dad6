package org.valuesim.core.dilemma;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.valuesim.core.instrument.Instrument;
import org.valuesim.core.instrument.Item;
import org.valuesim.core.instrument.ResponseScale;
import org.valuesim.core.network.SocialNetwork;
import org.valuesim.core.respond.Answer;

/**
 * The rules of one social dilemma: how a move is asked for (its response scale and the game's prompt), how a move
 * reads as cooperation, and what each agent earns in a round.
 */
public interface Game {

    /** dictator, donation, public-goods or prisoners-dilemma (the name of its prompt, game-KIND). */
    String kind();

    /** How a move is answered. */
    ResponseScale move();

    /** The numbers the game's prompt shows, by placeholder name. */
    Map<String, String> parameters(int neighbours);

    /** The move as written to actions.csv; empty for a failed move. */
    String action(Answer answer);

    /** How prosocial an answered move is, 0..1. */
    double cooperation(Answer answer);

    /**
     * Each agent's earnings in a round. A failed move takes no part: it gives and contributes nothing and plays no
     * prisoner's dilemma, so its partners neither gain nor lose by it.
     *
     * @param random seeded for this round (the dictator picks recipients with it)
     */
    double[] payoffs(List<Answer> moves, SocialNetwork network, SplittableRandom random);

    /** The frame a decision is asked in: the game as an instrument of one item. */
    default Instrument frame(String dilemmaId) {
        return new Instrument(dilemmaId, kind(), "valuesim dilemma", "", "", move(),
                List.of(new Item("move", kind(), null, false, null)));
    }
}
