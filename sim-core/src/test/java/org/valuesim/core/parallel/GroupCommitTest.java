package org.valuesim.core.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The gathering rule. Waits are checked one way only (at least the interval, or well under a long one), so a slow
 * machine cannot make a test fail.
 */
class GroupCommitTest {

    private static final long LONG_MS = 60_000;

    @Test
    void aLoneItemAfterAQuietSpellIsHandedOverAtOnce() throws InterruptedException {
        GroupCommit<Integer> commit = new GroupCommit<>(LONG_MS);
        commit.add(1);
        List<Integer> batch = new ArrayList<>();
        long start = System.nanoTime();
        assertTrue(commit.next(batch, 10, LONG_MS));
        assertEquals(List.of(1), batch);
        assertTrue(millisSince(start) < LONG_MS / 2, "the first batch waited for the gathering interval");
    }

    @Test
    void nothingQueuedIsNoBatch() throws InterruptedException {
        GroupCommit<Integer> commit = new GroupCommit<>(LONG_MS);
        List<Integer> batch = new ArrayList<>();
        assertFalse(commit.next(batch, 10, 1));
        assertTrue(batch.isEmpty());
    }

    @Test
    void itemsQueuedWithinTheIntervalWaitForItsEndAndGoInOneBatch() throws InterruptedException {
        long gather = 300;
        GroupCommit<Integer> commit = justWrote(gather);
        long firstBatch = System.nanoTime();
        for (int i = 1; i <= 5; i++) {
            commit.add(i);
        }
        List<Integer> batch = new ArrayList<>();
        assertTrue(commit.next(batch, 100, LONG_MS));
        assertTrue(millisSince(firstBatch) >= gather, "a second batch came sooner than the interval");
        assertEquals(List.of(1, 2, 3, 4, 5), batch);
        assertTrue(commit.isEmpty());
    }

    @Test
    void aFullBatchDoesNotWait() throws InterruptedException {
        GroupCommit<Integer> commit = justWrote(LONG_MS);
        for (int i = 1; i <= 6; i++) {
            commit.add(i);
        }
        List<Integer> batch = new ArrayList<>();
        long start = System.nanoTime();
        assertTrue(commit.next(batch, 4, LONG_MS));
        assertTrue(millisSince(start) < LONG_MS / 2, "a full batch waited for the interval");
        assertEquals(List.of(1, 2, 3, 4), batch, "at most max items, in order");
        batch.clear();
        commit.drainTo(batch);
        assertEquals(List.of(5, 6), batch);
    }

    @Test
    void hurryCutsTheWaitShortAndRelaxRestoresIt() throws InterruptedException {
        GroupCommit<Integer> commit = justWrote(LONG_MS);
        List<Integer> batch = new ArrayList<>();
        commit.add(1);
        Thread hurrier = new Thread(() -> {
            sleep(100);
            commit.hurry();
        });
        long start = System.nanoTime();
        hurrier.start();
        assertTrue(commit.next(batch, 10, LONG_MS));
        assertTrue(millisSince(start) < LONG_MS / 2, "hurry() did not end the wait");
        assertEquals(List.of(1), batch);
        hurrier.join();

        // hurried, nothing waits; relaxed, a batch within the interval waits again
        commit.add(2);
        batch.clear();
        assertTrue(commit.next(batch, 10, LONG_MS));
        assertEquals(List.of(2), batch);
        commit.relax();
        commit.add(3);
        List<Integer> waited = new ArrayList<>();
        Thread waiter = new Thread(() -> {
            try {
                commit.next(waited, 10, LONG_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        waiter.start();
        // with an item queued, the only timed wait in next() is the gathering one
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (waiter.getState() != Thread.State.TIMED_WAITING && waiter.isAlive() && System.nanoTime() < deadline) {
            sleep(1);
        }
        assertEquals(Thread.State.TIMED_WAITING, waiter.getState(),
                "after relax() a batch within the interval was handed over at once");
        waiter.interrupt(); // an interrupt ends the wait and hands the batch over
        waiter.join(TimeUnit.SECONDS.toMillis(30));
        assertFalse(waiter.isAlive());
        assertEquals(List.of(3), waited);
        assertTrue(commit.isEmpty());
    }

    /** A commit that has just handed over a batch, so that its gathering interval runs from now. */
    private static GroupCommit<Integer> justWrote(long gatherMillis) throws InterruptedException {
        GroupCommit<Integer> commit = new GroupCommit<>(gatherMillis);
        commit.add(0);
        assertTrue(commit.next(new ArrayList<>(), 10, LONG_MS));
        return commit;
    }

    private static long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
