package org.valuesim.core.llm;

import java.util.LinkedHashSet;
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
    /**
     * The calls of the last minute, {start, tokens} each, oldest first. A set in start order, as an array is its own
     * identity: a call's entry is found in O(1) when it is taken back ({@link #release}, for each shared reply) or its
     * tokens come ({@link #used}), and two calls started in the same millisecond stay two.
     */
    private final LinkedHashSet<long[]> window = new LinkedHashSet<>();
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
        while (!window.isEmpty() && oldest()[0] <= now - WINDOW_MS) {
            long[] expired = oldest();
            window.remove(expired);
            tokens -= expired[1];
        }
        boolean full = (rpm > 0 && window.size() >= rpm) || (tpm > 0 && tokens >= tpm);
        return full ? oldest()[0] + WINDOW_MS - now : 0;
    }

    private long[] oldest() {
        return window.iterator().next();
    }

    /** Blocks until a call may start and records it; the returned entry takes the call's tokens. */
    long[] acquire() throws InterruptedException {
        while (true) {
            synchronized (this) {
                long wait = delay();
                if (wait == 0) {
                    long[] entry = {clock.getAsLong(), 0};
                    window.add(entry);
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
