package org.valuesim.core.parallel;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Work over agents [0, n) cut into slices of consecutive agents, run on a pool of threads: a survey window's answers,
 * a dilemma round's moves. Each slice's work must not depend on which thread runs it or when, so that the results
 * are the same as running the slices one after another. Every caller slices by one rule, {@link #SIZE} agents a
 * slice, whatever the number of cores.
 */
public final class Slices {

    /** Agents a pool thread takes in one go: enough that handing a slice over costs little next to its work. */
    public static final int SIZE = 256;

    /** The work of agents [from, to). */
    @FunctionalInterface
    public interface Slice {
        void run(int from, int to);
    }

    private Slices() {
    }

    /**
     * One thread per core to run slices on. Daemon threads, so a failed run never waits on them; the caller shuts
     * them down.
     */
    public static ExecutorService threads() {
        AtomicInteger count = new AtomicInteger();
        return Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), task -> {
            Thread thread = new Thread(task, "valuesim-answer-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Runs {@code slice} over [0, n) in slices of {@link #SIZE}: the first on this thread, the others on
     * {@code threads} meanwhile; with {@code threads} null, all of [0, n) in one slice on this thread. Returns when
     * all have run.
     */
    public static void run(int n, Executor threads, Slice slice) {
        run(n, threads == null ? Math.max(1, n) : SIZE, threads, slice);
    }

    /**
     * Starts {@code slice} over [0, n) in slices of {@link #SIZE}, each on {@code threads}; the future completes when
     * all have run, exceptionally when one failed.
     */
    public static CompletableFuture<Void> start(int n, Executor threads, Slice slice) {
        return start(n, SIZE, threads, slice);
    }

    /**
     * Runs {@code slice} over [0, n) in slices of {@code size}: the first on this thread, the others on
     * {@code threads} meanwhile (none when {@code size >= n}, when {@code threads} may be null); returns when all have
     * run.
     */
    static void run(int n, int size, Executor threads, Slice slice) {
        CompletableFuture<Void> others = start(Math.min(n, size), n, size, threads, slice);
        slice.run(0, Math.min(n, size));
        others.join();
    }

    /** {@link #start(int, Executor, Slice)} in slices of {@code size}. */
    static CompletableFuture<Void> start(int n, int size, Executor threads, Slice slice) {
        return start(0, n, size, threads, slice);
    }

    private static CompletableFuture<Void> start(int first, int n, int size, Executor threads, Slice slice) {
        if (size < 1) {
            throw new IllegalArgumentException("a slice of " + size + " agents");
        }
        CompletableFuture<?>[] slices = new CompletableFuture<?>[(n - first + size - 1) / size];
        for (int k = 0; k < slices.length; k++) {
            int from = first + k * size;
            int to = Math.min(n, from + size);
            slices[k] = CompletableFuture.runAsync(() -> slice.run(from, to), threads);
        }
        return CompletableFuture.allOf(slices);
    }
}
