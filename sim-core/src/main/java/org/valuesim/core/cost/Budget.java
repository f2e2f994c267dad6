package org.valuesim.core.cost;

/**
 * A run's spending limit over all its models. A call reserves the most it can cost before it is made and settles
 * its real cost when it returns; a call whose ceiling does not fit what is left is refused, so the run stops
 * before a call would exceed the limit. Once one call is refused every later one is too, so a stopped run stays
 * stopped whatever the order calls arrive in.
 */
public final class Budget implements SpendingLimit {

    private final double limit;
    private double spent;
    private double reserved;
    private boolean stopped;

    /**
     * @param limit        US dollars
     * @param spentAlready what the run spent before it was resumed
     */
    public Budget(double limit, double spentAlready) {
        if (!(limit >= 0)) {
            throw new IllegalArgumentException("a budget cannot be negative");
        }
        this.limit = limit;
        this.spent = spentAlready;
    }

    @Override
    public double limit() {
        return limit;
    }

    @Override
    public synchronized boolean reserve(double ceiling) {
        if (stopped || spent + reserved + ceiling > limit) {
            stopped = true;
            return false;
        }
        reserved += ceiling;
        return true;
    }

    @Override
    public synchronized void settle(double ceiling, double cost) {
        reserved = Math.max(0, reserved - ceiling);
        spent += cost;
    }

    @Override
    public synchronized double spent() {
        return spent;
    }

    public synchronized boolean stopped() {
        return stopped;
    }
}
