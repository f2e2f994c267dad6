package org.valuesim.core.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SocialNetworksTest {

    static SocialNetwork build(String kind, int n, int degree, double rewire, int m, long seed) {
        return SocialNetworks.build(new NetworkSpec(kind, degree, rewire, m), n, seed);
    }

    @Test
    void completeAndRingHaveTheirDegreeSequences() {
        SocialNetwork complete = build("complete", 30, 0, 0, 0, 1);
        assertTrue(IntStream.range(0, 30).allMatch(i -> complete.degree(i) == 29));
        assertEquals(30 * 29 / 2, complete.edges());
        assertEquals(1.0, complete.clustering(), 1e-12);

        SocialNetwork ring = build("ring", 100, 6, 0, 0, 1);
        assertTrue(IntStream.range(0, 100).allMatch(i -> ring.degree(i) == 6));
        assertArrayEquals(new int[] {1, 2, 3, 97, 98, 99}, ring.neighbours(0));
        // a ring lattice's clustering is 3(k-2) / (4(k-1)) = 0.6 for k = 6
        assertEquals(0.6, ring.clustering(), 1e-12);
        // the MASON field holds the same ties
        assertEquals(6, ring.field().getEdgesOut(0).numObjs);
    }

    @Test
    void smallWorldKeepsItsTiesAndLosesSomeClusteringButStaysFarAboveRandom() {
        SocialNetwork ring = build("ring", 2000, 6, 0, 0, 5);
        SocialNetwork world = build("small-world", 2000, 6, 0.1, 0, 5);
        assertEquals(ring.edges(), world.edges(), "rewiring moves ties, it does not add or remove them");
        assertEquals(6.0, world.meanDegree(), 1e-12);
        // Watts-Strogatz: C(p) is about C(0) (1 - p)^3 = 0.437 at p = 0.1; a random graph of this density has 0.003
        assertTrue(world.clustering() < ring.clustering() - 0.1, "clustering " + world.clustering());
        assertTrue(world.clustering() > 0.35 && world.clustering() < 0.52, "clustering " + world.clustering());
        assertFalse(IntStream.range(0, 2000).allMatch(i -> world.degree(i) == 6), "rewiring changes some degrees");
        for (int i = 0; i < 2000; i++) {
            int self = i;
            int[] n = world.neighbours(i);
            assertTrue(IntStream.of(n).noneMatch(j -> j == self), "no self-ties");
            assertEquals(n.length, IntStream.of(n).distinct().count(), "no duplicate ties");
        }
    }

    @Test
    void scaleFreeGrowsHubs() {
        int n = 5000;
        int m = 3;
        SocialNetwork net = build("scale-free", n, 0, 0, m, 9);
        assertEquals((long) m * (m + 1) / 2 + (long) (n - m - 1) * m, net.edges());
        assertTrue(IntStream.range(0, n).allMatch(i -> net.degree(i) >= m), "every agent has at least m ties");
        int max = IntStream.range(0, n).map(net::degree).max().orElseThrow();
        // preferential attachment grows hubs of order sqrt(n) m (about 200 here); a ring of the same density has 6
        assertTrue(max > 15 * net.meanDegree(), "largest degree " + max);
        // the early agents are the hubs
        double early = IntStream.range(0, 50).map(net::degree).average().orElseThrow();
        double late = IntStream.range(n - 50, n).map(net::degree).average().orElseThrow();
        assertTrue(early > 5 * late, early + " vs " + late);
    }

    @Test
    void theSameSeedBuildsTheSameNetworkAndAnotherSeedAnother() {
        for (String kind : new String[] {"small-world", "scale-free"}) {
            SocialNetwork a = build(kind, 500, 4, 0.2, 2, 3);
            SocialNetwork b = build(kind, 500, 4, 0.2, 2, 3);
            SocialNetwork c = build(kind, 500, 4, 0.2, 2, 4);
            boolean differs = false;
            for (int i = 0; i < 500; i++) {
                assertArrayEquals(a.neighbours(i), b.neighbours(i));
                differs |= !java.util.Arrays.equals(a.neighbours(i), c.neighbours(i));
            }
            assertTrue(differs, kind);
        }
    }

    @Test
    void impossibleNetworksSayWhy() {
        assertNotNull(new NetworkSpec("ring", 5, 0, 0).problem(100));
        assertNotNull(new NetworkSpec("ring", 10, 0, 0).problem(10));
        assertNotNull(new NetworkSpec("small-world", 4, 1.5, 0).problem(100));
        assertNotNull(new NetworkSpec("scale-free", 0, 0, 0).problem(100));
        assertNotNull(new NetworkSpec("complete", 0, 0, 0).problem(SocialNetworks.MAX_COMPLETE + 1));
        assertNull(new NetworkSpec("small-world", 4, 0.1, 0).problem(100));
    }
}
