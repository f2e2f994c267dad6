package org.valuesim.scenarios.cluster;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Counts what the cluster did, for the progress bar: members now, shards (blocks) done, model calls per second. */
public final class GridCounter implements GridProgress {

    private final AtomicInteger members = new AtomicInteger();
    private final AtomicLong shards = new AtomicLong();
    private final AtomicLong calls = new AtomicLong();
    private final long started = System.nanoTime();
    private volatile Runnable onLost = () -> { };

    /** What to do when the cluster is lost (stop the run as interrupted). */
    public void onLost(Runnable action) {
        this.onLost = action;
    }

    @Override
    public void clusterLost() {
        onLost.run();
    }

    @Override
    public void members(int count) {
        members.set(count);
    }

    @Override
    public void blockDone(long madeCalls) {
        shards.incrementAndGet();
        calls.addAndGet(madeCalls);
    }

    /** "3 members, 120 shards done, 410 calls/s". */
    public String line() {
        double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
        return String.format(Locale.ROOT, "%d members, %,d shards done, %,.0f calls/s", members.get(), shards.get(),
                calls.get() / seconds);
    }
}
