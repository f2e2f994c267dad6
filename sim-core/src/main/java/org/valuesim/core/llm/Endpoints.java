package org.valuesim.core.llm;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The gateway's base URLs and how each is doing: a call goes to the one with the fewest calls in flight among those
 * not benched, and one that fails {@code benchAfter} times in a row is benched for {@code benchFor}.
 */
final class Endpoints {

    private final AtomicInteger[] inFlight;
    private final AtomicInteger[] consecutiveFailures;
    /** Until when (epoch ms) each endpoint is benched; read by every call without a lock. */
    private final AtomicLongArray benchedUntil;
    private final int benchAfter;
    private final long benchForMillis;

    Endpoints(int count, int benchAfter, Duration benchFor) {
        this.inFlight = new AtomicInteger[count];
        this.consecutiveFailures = new AtomicInteger[count];
        this.benchedUntil = new AtomicLongArray(count);
        this.benchAfter = benchAfter;
        this.benchForMillis = benchFor.toMillis();
        for (int i = 0; i < count; i++) {
            inFlight[i] = new AtomicInteger();
            consecutiveFailures[i] = new AtomicInteger();
        }
    }

    /** The endpoint for the next call, counted in flight until {@link #done}. */
    int begin() {
        int endpoint = pick();
        inFlight[endpoint].incrementAndGet();
        return endpoint;
    }

    /** A call to the endpoint came back, answered or not. */
    void done(int endpoint) {
        inFlight[endpoint].decrementAndGet();
    }

    void answered(int endpoint) {
        consecutiveFailures[endpoint].set(0);
    }

    void failed(int endpoint) {
        if (consecutiveFailures[endpoint].incrementAndGet() >= benchAfter) {
            benchedUntil.set(endpoint, System.currentTimeMillis() + benchForMillis);
        }
    }

    /** The endpoint with the fewest calls in flight among those not benched (all of them if all are). */
    private int pick() {
        long now = System.currentTimeMillis();
        int best = -1;
        for (int i = 0; i < inFlight.length; i++) {
            if (benchedUntil.get(i) <= now && (best < 0 || inFlight[i].get() < inFlight[best].get())) {
                best = i;
            }
        }
        if (best < 0) {
            best = 0;
            for (int i = 1; i < inFlight.length; i++) {
                if (inFlight[i].get() < inFlight[best].get()) {
                    best = i;
                }
            }
        }
        return best;
    }
}
