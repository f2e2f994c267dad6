package org.valuesim.results.record;

import java.util.List;

/**
 * One dilemma: its game, rounds and network, and its cooperation (share given, contributed, donated, or cooperating)
 * and mean payoff per round, with the failed moves of each round. A round with no readable move has no cooperation
 * (null).
 */
public record DilemmaSummary(String game, int rounds, Network network, double meanCooperation,
                             List<Double> cooperationByRound, List<Double> payoffByRound, List<Long> failedMovesByRound) {

    /**
     * The network as built: kind and its parameters, ties, mean and largest degree, clustering (left out for very
     * large networks).
     */
    public record Network(String kind, Integer degree, Double rewire, Integer m, long ties, double meanDegree,
                          int maxDegree, Double clustering) {
    }
}
