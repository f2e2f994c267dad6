package org.valuesim.core.cost;

/**
 * What a model call's cost is checked against: a run's {@link Budget} in this JVM, or one that a cluster's members
 * share. Before a call its most possible cost is reserved; when it returns, what it really cost.
 */
public interface SpendingLimit {

    /** US dollars. */
    double limit();

    /** Reserves the ceiling of a call; false (and refused from now on) when it does not fit. */
    boolean reserve(double ceiling);

    /** A reserved call returned: its reservation gives way to what it cost (0 when it failed unbilled). */
    void settle(double ceiling, double cost);

    double spent();
}
