package org.valuesim.core.parallel;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * At most {@code size} pieces of work under way at once, without a thread each: a piece starts at once when a slot is
 * free, else waits in a queue, and holds its slot until it calls {@link #release()} (from whatever thread finishes
 * it), which starts the next waiting piece on that thread. A start that releases its slot at once (it failed) does
 * not start the next one inside itself: the outermost start on a thread does, so that a queue of quick failures does
 * not nest one start in another.
 */
public final class SlotQueue {

    private final ConcurrentLinkedQueue<Runnable> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicInteger free;
    private final int size;
    /** Whether this thread is already starting waiting pieces (further up its stack). */
    private final ThreadLocal<Boolean> starting = ThreadLocal.withInitial(() -> false);

    public SlotQueue(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("at least one slot is needed, not " + size);
        }
        this.size = size;
        this.free = new AtomicInteger(size);
    }

    /** Starts {@code start} on this thread when a slot is free, else when one is released. */
    public void submit(Runnable start) {
        waiting.add(start);
        startWaiting();
    }

    /** Gives back the slot of a piece of work that is done, and starts a waiting one. */
    public void release() {
        free.incrementAndGet();
        startWaiting();
    }

    /** Pieces started and not yet released. */
    public int inUse() {
        return size - free.get();
    }

    /** Waits until nothing is under way or waiting, at most {@code timeout}; false when time ran out first. */
    public boolean awaitIdle(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (inUse() > 0 || !waiting.isEmpty()) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    /**
     * Starts waiting pieces while slots are free. Every change (a piece queued, a slot freed) is followed by this on
     * the thread that made it, which then sees both, so no piece is left waiting beside a free slot.
     */
    private void startWaiting() {
        if (starting.get()) {
            return;
        }
        starting.set(true);
        try {
            while (!waiting.isEmpty()) {
                int f = free.get();
                if (f == 0) {
                    return;
                }
                if (!free.compareAndSet(f, f - 1)) {
                    continue;
                }
                Runnable next = waiting.poll();
                if (next == null) {
                    free.incrementAndGet(); // another thread took it
                    continue;
                }
                next.run();
            }
        } finally {
            starting.set(false);
        }
    }
}
