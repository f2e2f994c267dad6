package org.valuesim.core.parallel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * At most {@code size} threads taking tasks from one queue, like a fixed thread pool, except that the threads are
 * started by threads of the pool's own as tasks wait for them: the thread that hands tasks over starts only the
 * pool's one starter thread, at the first task. A
 * fixed pool starts a thread inside {@code execute} for each of its first {@code size} tasks, and each start waits
 * for the new thread to be scheduled: with a thousand calls in flight on two busy cores, the thread that puts a run's
 * questions in flight spent most of the survey's first seconds starting threads (BENCHMARKS.md, "The ramp to 1,024
 * in flight").
 *
 * <p>{@link #shutdown()} lets the tasks already handed over run, then the threads end.
 */
public final class WorkerPool implements Executor {

    private static final Runnable STOP = () -> { };

    private final LinkedBlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
    private final AtomicInteger idle = new AtomicInteger();
    /** Threads started that have not yet come to take a task: they will, so they count as idle ones. */
    private final AtomicInteger starting = new AtomicInteger();
    private final int size;
    private final String name;
    private final Object lock = new Object();
    /** The threads started so far; guarded by {@code lock}, as are the starter's start and setting {@code shutdown}. */
    private final List<Thread> threads = new ArrayList<>();
    private volatile Thread starter;
    private volatile boolean shutdown;
    /** {@code threads.size()}, for {@link #execute} to read without the lock. */
    private volatile int started;

    /** @param name the threads are called name-1, name-2, ... and the one that starts them name-starter */
    public WorkerPool(int size, String name) {
        if (size < 1) {
            throw new IllegalArgumentException("a pool needs at least one thread, not " + size);
        }
        this.size = size;
        this.name = name;
    }

    @Override
    public void execute(Runnable task) {
        if (shutdown) {
            throw new RejectedExecutionException(name + " is shut down");
        }
        tasks.add(task);
        if (started < size && idle.get() + starting.get() < tasks.size()) {
            wakeStarter();
        }
    }

    private void wakeStarter() {
        Thread s = starter;
        if (s == null) {
            synchronized (lock) {
                if (starter == null && !shutdown) {
                    starter = daemon(this::startWhileWanted, name + "-starter");
                    starter.start();
                }
                s = starter;
            }
        }
        LockSupport.unpark(s);
    }

    /** The starter's loop: a thread for each task that no idle thread will take, until the pool is full. */
    private void startWhileWanted() {
        while (!full()) {
            if (!grow()) {
                LockSupport.park(this); // execute() unparks; an unpark before the park makes it return at once
            }
        }
    }

    private boolean full() {
        synchronized (lock) {
            return shutdown || threads.size() >= size;
        }
    }

    /**
     * Starts one thread if a queued task has no idle thread to take it and the pool is not full; false if none was
     * started. The start itself is outside the lock: it waits for the new thread to be scheduled, and several
     * threads may be starting others at once.
     */
    private boolean grow() {
        if (idle.get() + starting.get() >= tasks.size()) {
            return false;
        }
        Thread t;
        synchronized (lock) {
            if (shutdown || threads.size() >= size) {
                return false;
            }
            t = reserve();
        }
        t.start();
        return true;
    }

    /** A new thread, counted as starting; guarded by {@code lock}. */
    private Thread reserve() {
        Thread t = daemon(this::work, name + "-" + (threads.size() + 1));
        threads.add(t);
        started = threads.size();
        starting.incrementAndGet();
        return t;
    }

    private void work() {
        // a new thread first starts others while tasks wait: the pool doubles each round of starts, rather than
        // growing by one thread per start of the starter's (a thousand starts at once on two cores took seconds)
        while (grow()) {
            // started one
        }
        starting.decrementAndGet();
        while (true) {
            Runnable task;
            Thread.interrupted(); // an interrupt a task left behind must not end this thread: only STOP does
            idle.incrementAndGet();
            try {
                task = tasks.take();
            } catch (InterruptedException e) {
                continue;
            } finally {
                idle.decrementAndGet();
            }
            if (task == STOP) {
                return;
            }
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                Thread t = Thread.currentThread();
                t.getUncaughtExceptionHandler().uncaughtException(t, e); // and this thread goes on
            }
        }
    }

    /** No new tasks; those handed over still run, then each thread ends. */
    public void shutdown() {
        synchronized (lock) {
            if (shutdown) {
                return;
            }
            shutdown = true;
            if (threads.isEmpty() && !tasks.isEmpty()) { // tasks handed over before any thread started still run
                reserve().start();
            }
            for (int i = 0; i < threads.size(); i++) {
                tasks.add(STOP); // behind every task already queued
            }
            if (starter != null) {
                LockSupport.unpark(starter);
            }
        }
    }

    /** Waits for every thread to end after {@link #shutdown()}; true if they all did within the time. */
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        List<Thread> all;
        synchronized (lock) {
            all = new ArrayList<>(threads);
            if (starter != null) {
                all.add(starter);
            }
        }
        for (Thread t : all) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            TimeUnit.NANOSECONDS.timedJoin(t, left);
        }
        return all.stream().noneMatch(Thread::isAlive);
    }

    /** How many threads have been started so far. */
    int threadsStarted() {
        return started;
    }

    private static Thread daemon(Runnable body, String name) {
        Thread t = new Thread(body, name);
        t.setDaemon(true); // a failed run never waits on them
        return t;
    }
}
