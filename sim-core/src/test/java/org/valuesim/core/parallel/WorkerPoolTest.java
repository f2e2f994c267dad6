package org.valuesim.core.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class WorkerPoolTest {

    @Test
    void runsEveryTaskOnAtMostSizeThreadsAndReachesThatSizeWhenTasksWait() throws Exception {
        int size = 8;
        WorkerPool pool = new WorkerPool(size, "test-pool");
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch allIn = new CountDownLatch(size);
        Set<String> threads = ConcurrentHashMap.newKeySet();
        List<CompletableFuture<Integer>> results = IntStream.range(0, 200)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> {
                    int now = running.incrementAndGet();
                    most.accumulateAndGet(now, Math::max);
                    threads.add(Thread.currentThread().getName());
                    allIn.countDown();
                    try {
                        // the first tasks hold their threads until `size` of them run at once
                        allIn.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    running.decrementAndGet();
                    return i * i;
                }, pool))
                .toList();
        for (int i = 0; i < results.size(); i++) {
            assertEquals(i * i, results.get(i).get(30, TimeUnit.SECONDS));
        }
        assertEquals(size, most.get(), "tasks that wait get a thread each, up to the pool's size and no more");
        assertTrue(threads.size() <= size, threads.toString());
        assertTrue(threads.stream().allMatch(n -> n.matches("test-pool-[1-8]")), threads.toString());
        pool.shutdown();
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
    }

    @Test
    void tasksOneAtATimeDoNotStartTheWholePool() throws Exception {
        WorkerPool pool = new WorkerPool(64, "test-pool");
        for (int i = 0; i < 50; i++) {
            CompletableFuture.runAsync(() -> { }, pool).get(30, TimeUnit.SECONDS);
        }
        // an idle thread takes the next task; a new thread is started only when one finished but is not yet back
        assertTrue(pool.threadsStarted() < 32, pool.threadsStarted() + " threads for one task at a time");
        pool.shutdown();
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
    }

    @Test
    void shutdownRunsWhatWasHandedOverThenRejects() throws Exception {
        WorkerPool pool = new WorkerPool(2, "test-pool");
        AtomicInteger ran = new AtomicInteger();
        for (int i = 0; i < 50; i++) {
            pool.execute(ran::incrementAndGet);
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        assertEquals(50, ran.get());
        assertThrows(RejectedExecutionException.class, () -> pool.execute(ran::incrementAndGet));
    }

    @Test
    void aTaskThatThrowsDoesNotCostAThread() throws Exception {
        WorkerPool pool = new WorkerPool(1, "test-pool");
        Thread.UncaughtExceptionHandler quiet = (t, e) -> { };
        CountDownLatch done = new CountDownLatch(1);
        pool.execute(() -> {
            Thread.currentThread().setUncaughtExceptionHandler(quiet);
            throw new IllegalStateException("boom");
        });
        pool.execute(done::countDown);
        assertTrue(done.await(30, TimeUnit.SECONDS), "the pool's only thread died with the task");
        pool.shutdown();
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
    }

    @Test
    void aTaskThatLeavesItsThreadInterruptedDoesNotCostTheThread() throws Exception {
        WorkerPool pool = new WorkerPool(1, "test-pool");
        CompletableFuture.runAsync(() -> Thread.currentThread().interrupt(), pool).get(30, TimeUnit.SECONDS);
        CountDownLatch done = new CountDownLatch(1);
        pool.execute(done::countDown);
        assertTrue(done.await(30, TimeUnit.SECONDS), "the pool's only thread ended with the interrupt");
        assertEquals(1, pool.threadsStarted());
        pool.shutdown();
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
    }

    @Test
    void aPoolNeedsAThread() {
        assertThrows(IllegalArgumentException.class, () -> new WorkerPool(0, "test-pool"));
    }
}
