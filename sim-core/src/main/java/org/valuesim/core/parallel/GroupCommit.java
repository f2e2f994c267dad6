package org.valuesim.core.parallel;

import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The queue between the threads that produce durable writes (cache rows, response-log lines) and the one thread
 * that writes them. The writer takes at most one batch per {@code gather} interval: once something arrives it waits
 * out the rest of the interval since its previous batch, so that a flood of items goes to disk in a few large
 * batches (one commit or sync each) instead of one wake-up and one sync per item, while a lone item after a quiet
 * spell is written at once. {@link #hurry()} cuts the wait short (a caller waiting for everything to be written).
 */
public final class GroupCommit<T> {

    private final LinkedBlockingQueue<T> queue = new LinkedBlockingQueue<>();
    private final long gatherNanos;
    private volatile Thread writer;
    private volatile boolean hurried;
    private long lastBatch;

    /** @param gatherMillis the least time between two batches while items keep coming */
    public GroupCommit(long gatherMillis) {
        this.gatherNanos = TimeUnit.MILLISECONDS.toNanos(gatherMillis);
        this.lastBatch = System.nanoTime() - gatherNanos;
    }

    public void add(T item) {
        queue.add(item);
    }

    public boolean isEmpty() {
        return queue.isEmpty();
    }

    /**
     * The writer's next batch, into {@code batch} (at most {@code max} items): waits up to {@code pollMillis} for a
     * first item (none: false), then out the rest of the gathering interval unless hurried or already full.
     */
    public boolean next(List<T> batch, int max, long pollMillis) throws InterruptedException {
        writer = Thread.currentThread();
        T first = queue.poll(pollMillis, TimeUnit.MILLISECONDS);
        if (first == null) {
            return false;
        }
        long deadline = lastBatch + gatherNanos;
        for (long wait = deadline - System.nanoTime(); wait > 0 && !hurried && queue.size() < max - 1;
                wait = deadline - System.nanoTime()) {
            LockSupport.parkNanos(this, wait); // hurry() unparks; a spurious wake-up parks again
            if (Thread.currentThread().isInterrupted()) {
                break; // the batch taken is still handed over; the next call's poll throws
            }
        }
        batch.add(first);
        queue.drainTo(batch, max - 1);
        lastBatch = System.nanoTime();
        return true;
    }

    /**
     * Everything queued is wanted on disk now: the writer stops gathering until {@link #relax()} (call both around a
     * wait for the writer, and {@code hurry} alone before closing).
     */
    public void hurry() {
        hurried = true;
        Thread w = writer;
        if (w != null) {
            LockSupport.unpark(w);
        }
    }

    /** Back to gathering after a {@link #hurry()}. */
    public void relax() {
        hurried = false;
    }

    /** Takes whatever is queued, without waiting (what is left when the writer has stopped). */
    public void drainTo(List<T> batch) {
        queue.drainTo(batch);
    }
}
