package org.valuesim.core.network;

import java.util.Arrays;
import sim.field.network.Network;

/**
 * A social network over agents 0..n-1: MASON's undirected {@link Network} field (its nodes are the agent ids as
 * Integers) and, read from it once, each agent's neighbour ids in ascending order for the agents' steps.
 */
public final class SocialNetwork {

    private final Network field;
    private final int[][] neighbours;

    SocialNetwork(Network field, int agents) {
        this.field = field;
        this.neighbours = new int[agents][];
        for (int i = 0; i < agents; i++) {
            var edges = field.getEdgesOut(i);
            int[] ids = new int[edges.numObjs];
            for (int e = 0; e < edges.numObjs; e++) {
                ids[e] = (Integer) ((sim.field.network.Edge) edges.objs[e]).getOtherNode(i);
            }
            Arrays.sort(ids);
            neighbours[i] = ids;
        }
    }

    public Network field() {
        return field;
    }

    public int size() {
        return neighbours.length;
    }

    /** The agent's neighbours, ascending; the caller must not change the array. */
    public int[] neighbours(int agent) {
        return neighbours[agent];
    }

    public int degree(int agent) {
        return neighbours[agent].length;
    }

    public long edges() {
        long sum = 0;
        for (int[] n : neighbours) {
            sum += n.length;
        }
        return sum / 2;
    }

    public double meanDegree() {
        return 2.0 * edges() / size();
    }

    /** The mean local clustering coefficient (agents with fewer than two neighbours count as 0). */
    public double clustering() {
        double sum = 0;
        for (int i = 0; i < size(); i++) {
            int[] ni = neighbours[i];
            if (ni.length < 2) {
                continue;
            }
            long links = 0;
            for (int a = 0; a < ni.length; a++) {
                for (int b = a + 1; b < ni.length; b++) {
                    if (Arrays.binarySearch(neighbours[ni[a]], ni[b]) >= 0) {
                        links++;
                    }
                }
            }
            sum += 2.0 * links / ((long) ni.length * (ni.length - 1));
        }
        return sum / size();
    }
}
