package org.valuesim.core.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/** Slices cover every agent once, in slices of the size asked; run makes the first here; failures come back. */
class SlicesTest {

    @Test
    void everyAgentOnceInSlicesOfTheSizeAsked() {
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try {
            for (int n : new int[] {0, 1, 9, 10, 11}) {
                AtomicIntegerArray runs = new AtomicIntegerArray(n);
                List<String> slices = new CopyOnWriteArrayList<>();
                Thread here = Thread.currentThread();
                List<Thread> firstRanOn = new CopyOnWriteArrayList<>();
                Slices.run(n, 5, threads, (from, to) -> {
                    slices.add(from + "-" + to);
                    if (from == 0) {
                        firstRanOn.add(Thread.currentThread());
                    }
                    for (int i = from; i < to; i++) {
                        runs.incrementAndGet(i);
                    }
                });
                for (int i = 0; i < n; i++) {
                    assertEquals(1, runs.get(i), "agent " + i + " of " + n);
                }
                assertEquals(n == 0 ? 1 : (n + 4) / 5, slices.size(), slices.toString());
                assertSame(here, firstRanOn.get(0), "the first slice runs on the caller's thread");

                AtomicIntegerArray started = new AtomicIntegerArray(n);
                Slices.start(n, 4, threads, (from, to) -> {
                    assertEquals(Math.min(n, from + 4), to);
                    for (int i = from; i < to; i++) {
                        started.incrementAndGet(i);
                    }
                }).join();
                for (int i = 0; i < n; i++) {
                    assertEquals(1, started.get(i), "agent " + i + " of " + n);
                }
            }
            // without threads, all in one slice here
            List<String> alone = new CopyOnWriteArrayList<>();
            Slices.run(7, 7, null, (from, to) -> alone.add(from + "-" + to));
            assertEquals(List.of("0-7"), alone);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void everyCallerSlicesBySizeOnThreadsAndRunsAllHereWithout() {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            int n = 2 * Slices.SIZE + 1;
            List<String> expected = List.of("0-" + Slices.SIZE, Slices.SIZE + "-" + 2 * Slices.SIZE,
                    2 * Slices.SIZE + "-" + n);
            List<String> run = new CopyOnWriteArrayList<>();
            Slices.run(n, threads, (from, to) -> run.add(from + "-" + to));
            assertEquals(expected, run.stream().sorted(Comparator.comparingInt(SlicesTest::from)).toList());
            List<String> started = new CopyOnWriteArrayList<>();
            Slices.start(n, threads, (from, to) -> started.add(from + "-" + to)).join();
            assertEquals(expected, started.stream().sorted(Comparator.comparingInt(SlicesTest::from)).toList());
        } finally {
            threads.shutdownNow();
        }
        List<String> alone = new CopyOnWriteArrayList<>();
        Slices.run(2 * Slices.SIZE + 1, null, (from, to) -> alone.add(from + "-" + to));
        assertEquals(List.of("0-" + (2 * Slices.SIZE + 1)), alone);
    }

    private static int from(String slice) {
        return Integer.parseInt(slice.substring(0, slice.indexOf('-')));
    }

    @Test
    void aFailedSliceFailsTheWhole() {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            IllegalStateException broken = new IllegalStateException("agent 7");
            CompletionException e = assertThrows(CompletionException.class, () -> Slices.run(10, 3, threads,
                    (from, to) -> {
                        if (from <= 7 && 7 < to) {
                            throw broken;
                        }
                    }));
            assertSame(broken, e.getCause());
            CompletionException started = assertThrows(CompletionException.class, () -> Slices.start(10, 3, threads,
                    (from, to) -> {
                        if (from == 0) {
                            throw broken;
                        }
                    }).join());
            assertSame(broken, started.getCause());
        } finally {
            threads.shutdownNow();
        }
    }
}
