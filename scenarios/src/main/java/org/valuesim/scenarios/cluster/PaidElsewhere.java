package org.valuesim.scenarios.cluster;

/**
 * Tells a member's budget that the response its backend just returned on this thread was paid by another member
 * (it waited for that member's identical call, see {@link GridBackend}): the gateway settles such a call as it
 * settles any, and the run's ledger must count it as free, or the cluster's cost would count it twice.
 */
final class PaidElsewhere {

    private final ThreadLocal<Boolean> flag = ThreadLocal.withInitial(() -> Boolean.FALSE);

    void mark() {
        flag.set(Boolean.TRUE);
    }

    /** Whether the last response on this thread was paid elsewhere; clears the mark. */
    boolean take() {
        boolean marked = flag.get();
        flag.set(Boolean.FALSE);
        return marked;
    }
}
