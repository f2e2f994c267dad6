package org.valuesim.core.cost;

import java.io.Serializable;

/**
 * A run's spending limit over all its models. A call reserves the most it can cost before it is made and settles
 * its real cost when it returns; a call whose ceiling does not fit what is left is refused, so the run stops
 * before a call would exceed the limit. Once one call is refused every later one is too, so a stopped run stays
 * stopped whatever the order calls arrive in.
 */
public final class Budget implements SpendingLimit {

    /**
     * A budget's figures at one moment, each step giving the next: the rules of a budget in one place, for this
     * JVM's {@link Budget} and for a ledger that a cluster keeps in a map (hence serializable).
     *
     * @param spent includes what a resumed run spent before
     */
    public record State(double limit, double spent, double reserved, boolean stopped) implements Serializable {

        /**
         * @param limit        US dollars
         * @param spentAlready what the run spent before it was resumed
         */
        public static State open(double limit, double spentAlready) {
            if (!(limit >= 0)) {
                throw new IllegalArgumentException("a budget cannot be negative");
            }
            return new State(limit, spentAlready, 0, false);
        }

        /**
         * The ceiling reserved when it fits; otherwise the budget stopped (this same state when it already was). The
         * reservation was made when the result is not {@link #stopped()}.
         */
        public State reserve(double ceiling) {
            if (stopped) {
                return this;
            }
            if (spent + reserved + ceiling > limit) {
                return new State(limit, spent, reserved, true);
            }
            return new State(limit, spent, reserved + ceiling, false);
        }

        /** A reserved call returned: its reservation gives way to what it cost. */
        public State settle(double ceiling, double cost) {
            return new State(limit, spent + cost, Math.max(0, reserved - ceiling), stopped);
        }
    }

    private State state;

    /**
     * @param limit        US dollars
     * @param spentAlready what the run spent before it was resumed
     */
    public Budget(double limit, double spentAlready) {
        this.state = State.open(limit, spentAlready);
    }

    @Override
    public synchronized double limit() {
        return state.limit();
    }

    @Override
    public synchronized boolean reserve(double ceiling) {
        state = state.reserve(ceiling);
        return !state.stopped();
    }

    @Override
    public synchronized void settle(double ceiling, double cost) {
        state = state.settle(ceiling, cost);
    }

    @Override
    public synchronized double spent() {
        return state.spent();
    }

    public synchronized boolean stopped() {
        return state.stopped();
    }
}
