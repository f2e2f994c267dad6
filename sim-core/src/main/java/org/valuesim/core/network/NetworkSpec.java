package org.valuesim.core.network;

/**
 * Which social network to build.
 *
 * @param kind   complete, ring, small-world or scale-free
 * @param degree ring and small-world: neighbours per agent (even, at least 2)
 * @param rewire small-world: the probability of rewiring each lattice edge (Watts-Strogatz beta)
 * @param m      scale-free: edges each new agent brings (Barabasi-Albert m)
 */
public record NetworkSpec(String kind, int degree, double rewire, int m) {

    public static final String COMPLETE = "complete";
    public static final String RING = "ring";
    public static final String SMALL_WORLD = "small-world";
    public static final String SCALE_FREE = "scale-free";

    /** Why this network cannot be built over n agents, or null when it can. */
    public String problem(int n) {
        return switch (kind) {
            case COMPLETE -> n > SocialNetworks.MAX_COMPLETE ? "a complete network over " + n + " agents has "
                    + (long) n * (n - 1) / 2 + " ties; use at most " + SocialNetworks.MAX_COMPLETE
                    + " agents or a sparse network" : null;
            case RING, SMALL_WORLD -> degree < 2 || degree % 2 != 0 ? "degree must be an even number of at least 2, got "
                    + degree : degree >= n ? "degree " + degree + " needs more than " + degree + " agents"
                    : !(rewire >= 0 && rewire <= 1) ? "rewire must be a probability from 0 to 1, got " + rewire : null;
            case SCALE_FREE -> m < 1 ? "m must be at least 1, got " + m : m >= n ? "m " + m + " needs more than " + m
                    + " agents" : null;
            default -> "unknown network kind " + kind;
        };
    }
}
