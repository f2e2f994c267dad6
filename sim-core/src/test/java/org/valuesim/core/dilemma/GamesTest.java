package org.valuesim.core.dilemma;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.valuesim.core.network.NetworkSpec;
import org.valuesim.core.network.SocialNetwork;
import org.valuesim.core.network.SocialNetworks;
import org.valuesim.core.respond.Answer;
import org.valuesim.core.respond.Provenance;

/** Payoffs worked out by hand on small networks. */
class GamesTest {

    static final Provenance P = Provenance.embedded("test");
    /** A ring of four: 0-1, 1-2, 2-3, 3-0. */
    static final SocialNetwork RING4 = SocialNetworks.build(new NetworkSpec("ring", 2, 0, 0), 4, 1);
    /** A complete network of three. */
    static final SocialNetwork TRIANGLE = SocialNetworks.build(new NetworkSpec("complete", 0, 0, 0), 3, 1);

    static Answer move(int agent, int choice) {
        return Answer.ok(agent, "g", "move", choice, null, "", P);
    }

    static Answer failed(int agent) {
        return Answer.failed(agent, "g", "move", "unreadable", "???", P);
    }

    @Test
    void publicGoodsSharesEachPotWithItsOwnerAndNeighbours() {
        Games.PublicGoods game = new Games.PublicGoods(10, 3);
        // degrees are all 2, so each pot is shared by 3: contributions 10, 0, 4, 6 make shares 10, 0, 4, 6
        double[] pay = game.payoffs(List.of(move(0, 10), move(1, 0), move(2, 4), move(3, 6)), RING4, new SplittableRandom(1));
        // agent 0: keeps 0, gets shares of pots 0, 1, 3 = 10 + 0 + 6
        // agent 1: keeps 10, gets pots 1, 0, 2 = 0 + 10 + 4
        // agent 2: keeps 6, gets pots 2, 1, 3 = 4 + 0 + 6
        // agent 3: keeps 4, gets pots 3, 2, 0 = 6 + 4 + 10
        assertArrayEquals(new double[] {16, 24, 16, 24}, pay, 1e-12);
        // the free rider earns most; full contribution by all pays 3 x 10 = 30 each
        double[] all = game.payoffs(List.of(move(0, 10), move(1, 10), move(2, 10), move(3, 10)), RING4, new SplittableRandom(1));
        assertArrayEquals(new double[] {30, 30, 30, 30}, all, 1e-12);
        // a failed move contributes nothing and keeps its endowment
        double[] withFailure = game.payoffs(List.of(failed(0), move(1, 0), move(2, 0), move(3, 0)), RING4, new SplittableRandom(1));
        assertArrayEquals(new double[] {10, 10, 10, 10}, withFailure, 1e-12);
    }

    @Test
    void prisonersDilemmaSumsTheMatrixOverNeighbours() {
        Games.PrisonersDilemma game = new Games.PrisonersDilemma(3, 0, 5, 1);
        int c = Games.PrisonersDilemma.COOPERATE;
        int d = Games.PrisonersDilemma.DEFECT;
        double[] pay = game.payoffs(List.of(move(0, c), move(1, c), move(2, d)), TRIANGLE, new SplittableRandom(1));
        // 0 vs 1: R, 0 vs 2: S -> 3 + 0; 1 likewise; 2 vs 0 and 1: T + T = 10
        assertArrayEquals(new double[] {3, 3, 10}, pay, 1e-12);
        double[] allDefect = game.payoffs(List.of(move(0, d), move(1, d), move(2, d)), TRIANGLE, new SplittableRandom(1));
        assertArrayEquals(new double[] {2, 2, 2}, allDefect, 1e-12);
        // a failed move plays no game: its partners neither gain nor lose by it
        double[] failure = game.payoffs(List.of(move(0, c), move(1, c), failed(2)), TRIANGLE, new SplittableRandom(1));
        assertArrayEquals(new double[] {3, 3, 0}, failure, 1e-12);
        assertEquals("cooperate", game.action(move(0, c)));
        assertEquals(0.0, game.cooperation(move(0, d)));
    }

    @Test
    void dictatorGiftsGoToOneNeighbourAndAreConserved() {
        Games.Dictator game = new Games.Dictator(10);
        // two agents: each one's only neighbour is the other, so the recipients are known
        SocialNetwork pair = SocialNetworks.build(new NetworkSpec("complete", 0, 0, 0), 2, 1);
        double[] pay = game.payoffs(List.of(move(0, 3), move(1, 5)), pair, new SplittableRandom(4));
        // 0 keeps 7 and gets 5; 1 keeps 5 and gets 3
        assertArrayEquals(new double[] {12, 8}, pay, 1e-12);
        // a failed move gives nothing and keeps the endowment: 0 keeps 10 and gets 2, 1 keeps 8 and gets nothing
        assertArrayEquals(new double[] {12, 8}, game.payoffs(List.of(failed(0), move(1, 2)), pair,
                new SplittableRandom(4)), 1e-12);
        // on larger networks gifts move points between agents, never making or losing any
        double[] triangle = game.payoffs(List.of(move(0, 3), move(1, 0), move(2, 10)), TRIANGLE, new SplittableRandom(4));
        assertEquals(30, triangle[0] + triangle[1] + triangle[2], 1e-12);
        assertEquals(0.3, game.cooperation(move(0, 3)), 1e-12);
    }

    @Test
    void donationPaysWhatIsKeptAndCountsWhatIsGiven() {
        Games.Donation game = new Games.Donation(10, List.of(new Games.Donation.Cause("a", "Cause A", "universalism"),
                new Games.Donation.Cause("b", "Cause B", "security")));
        Answer split = Answer.allocated(0, "g", "move", new int[] {3, 2, 5}, "", P);
        assertArrayEquals(new double[] {5, 10}, game.payoffs(List.of(split, failed(1)), TRIANGLE, new SplittableRandom(1)), 1e-12);
        assertEquals(0.5, game.cooperation(split), 1e-12);
        assertEquals("a=3;b=2;keep=5", game.action(split));
        assertEquals(3, game.move().size(), "two causes and keeping");
    }
}
