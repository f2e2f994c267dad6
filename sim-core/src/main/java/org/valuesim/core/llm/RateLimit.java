package org.valuesim.core.llm;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;

/**
 * Requests-per-minute and tokens-per-minute limits over a sliding 60-second window. A call may start
 * when fewer than {@code rpm} calls and fewer than {@code tpm} tokens fall in the last minute; zero
 * means no limit. Tokens are counted when the call returns.
 */
final class RateLimit {

    static final long WINDOW_MS = 60_000;

    private final int rpm;
    private final long tpm;
    private final LongSupplier clock;
    private final Deque<long[]> window = new ArrayDeque<>();
    private long tokens;

    RateLimit(int rpm, long tpm, LongSupplier clock) {
        this.rpm = rpm;
        this.tpm = tpm;
        this.clock = clock;
    }

    boolean limited() {
        return rpm > 0 || tpm > 0;
    }

    /** How long a call must wait from now (0 when it may start). */
    synchronized long delay() {
        long now = clock.getAsLong();
        while (!window.isEmpty() && window.peekFirst()[0] <= now - WINDOW_MS) {
            tokens -= window.pollFirst()[1];
        }
        boolean full = (rpm > 0 && window.size() >= rpm) || (tpm > 0 && tokens >= tpm);
        return full ? window.peekFirst()[0] + WINDOW_MS - now : 0;
    }

    /** Blocks until a call may start and records it; the returned entry takes the call's tokens. */
    long[] acquire() throws InterruptedException {
        while (true) {
            synchronized (this) {
                long wait = delay();
                if (wait == 0) {
                    long[] entry = {clock.getAsLong(), 0};
                    window.addLast(entry);
                    return entry;
                }
            }
            Thread.sleep(Math.min(delay(), 1000) + 1);
        }
    }

    /** Takes back an acquired entry whose call was never made: it no longer counts against either limit. */
    synchronized void release(long[] entry) {
        if (window.remove(entry)) {
            tokens -= entry[1];
        }
    }

    synchronized void used(long[] entry, long count) {
        entry[1] = count;
        if (window.contains(entry)) {
            tokens += count;
        }
    }
}
