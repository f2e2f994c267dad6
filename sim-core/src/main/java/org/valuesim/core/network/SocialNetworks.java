package org.valuesim.core.network;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.valuesim.core.random.Streams;
import sim.field.network.Network;

/**
 * Builds seeded social networks into MASON's Network field: complete; ring (each agent tied to the degree/2
 * nearest on each side); small-world (Watts and Strogatz 1998: the ring, then each tie (i, i+j) rewired with
 * probability rewire to a uniformly chosen agent, avoiding self-ties and duplicates); scale-free (Barabasi and
 * Albert 1999: a complete core of m+1 agents, then each agent ties to m distinct earlier agents chosen with
 * probability proportional to their degree).
 */
public final class SocialNetworks {

    /** The largest population a complete network is built for (about 12.5 million ties). */
    public static final int MAX_COMPLETE = 5000;

    private SocialNetworks() {
    }

    public static SocialNetwork build(NetworkSpec spec, int agents, long seed) {
        String problem = spec.problem(agents);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        SplittableRandom random = Streams.of(seed, "network", 0, spec.kind());
        List<Set<Integer>> ties = switch (spec.kind()) {
            case NetworkSpec.COMPLETE -> complete(agents);
            case NetworkSpec.RING -> ring(agents, spec.degree());
            case NetworkSpec.SMALL_WORLD -> rewire(ring(agents, spec.degree()), spec.degree(), spec.rewire(), random);
            default -> scaleFree(agents, spec.m(), random);
        };
        Network field = new Network(false);
        for (int i = 0; i < agents; i++) {
            field.addNode(i);
        }
        for (int i = 0; i < agents; i++) {
            for (int j : ties.get(i)) {
                if (i < j) {
                    field.addEdge(i, j, null);
                }
            }
        }
        return new SocialNetwork(field, agents);
    }

    private static List<Set<Integer>> empty(int agents) {
        List<Set<Integer>> ties = new ArrayList<>(agents);
        for (int i = 0; i < agents; i++) {
            ties.add(new java.util.TreeSet<>());
        }
        return ties;
    }

    private static void tie(List<Set<Integer>> ties, int a, int b) {
        ties.get(a).add(b);
        ties.get(b).add(a);
    }

    private static List<Set<Integer>> complete(int agents) {
        List<Set<Integer>> ties = empty(agents);
        for (int i = 0; i < agents; i++) {
            for (int j = i + 1; j < agents; j++) {
                tie(ties, i, j);
            }
        }
        return ties;
    }

    private static List<Set<Integer>> ring(int agents, int degree) {
        List<Set<Integer>> ties = empty(agents);
        for (int i = 0; i < agents; i++) {
            for (int j = 1; j <= degree / 2; j++) {
                tie(ties, i, (i + j) % agents);
            }
        }
        return ties;
    }

    /** Watts-Strogatz: visits the lattice ties (i, i+j) in order of j, then i, as in the original construction. */
    private static List<Set<Integer>> rewire(List<Set<Integer>> ties, int degree, double p, SplittableRandom random) {
        int agents = ties.size();
        for (int j = 1; j <= degree / 2; j++) {
            for (int i = 0; i < agents; i++) {
                int old = (i + j) % agents;
                if (random.nextDouble() >= p || ties.get(i).size() >= agents - 1 || !ties.get(i).contains(old)) {
                    continue;
                }
                int target;
                do {
                    target = random.nextInt(agents);
                } while (target == i || ties.get(i).contains(target));
                ties.get(i).remove(old);
                ties.get(old).remove(i);
                tie(ties, i, target);
            }
        }
        return ties;
    }

    private static List<Set<Integer>> scaleFree(int agents, int m, SplittableRandom random) {
        List<Set<Integer>> ties = empty(agents);
        // each tie puts both ends on this list, so a uniform pick from it is a pick proportional to degree
        int[] ends = new int[2 * (m * (m + 1) / 2 + (agents - m - 1) * m)];
        int count = 0;
        for (int i = 0; i <= m; i++) {
            for (int j = i + 1; j <= m; j++) {
                tie(ties, i, j);
                ends[count++] = i;
                ends[count++] = j;
            }
        }
        Set<Integer> chosen = new HashSet<>();
        for (int i = m + 1; i < agents; i++) {
            chosen.clear();
            while (chosen.size() < m) {
                chosen.add(ends[random.nextInt(count)]);
            }
            for (int j : chosen.stream().sorted().toList()) {
                tie(ties, i, j);
                ends[count++] = i;
                ends[count++] = j;
            }
        }
        return ties;
    }
}
