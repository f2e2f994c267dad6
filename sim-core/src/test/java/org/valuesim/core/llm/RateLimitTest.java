package org.valuesim.core.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimitTest {

    /** The limits' clock in milliseconds, moved by each test. */
    private final AtomicLong now = new AtomicLong(1_000_000);

    @Test
    void requestsPerMinuteOverASlidingWindow() throws Exception {
        RateLimit limit = new RateLimit(3, 0, now::get);
        limit.acquire();
        now.addAndGet(10_000);
        limit.acquire();
        limit.acquire();
        assertEquals(50_000, limit.delay(), "the fourth waits until the first is a minute old");
        now.addAndGet(50_000);
        assertEquals(0, limit.delay());
    }

    @Test
    void tokensPerMinuteCountWhenCallsReturn() throws Exception {
        RateLimit limit = new RateLimit(0, 1000, now::get);
        long[] first = limit.acquire();
        assertEquals(0, limit.delay(), "tokens are counted when the call returns");
        limit.used(first, 1200);
        now.addAndGet(20_000);
        assertEquals(40_000, limit.delay());
        now.addAndGet(40_000);
        assertEquals(0, limit.delay());
        assertFalse(new RateLimit(0, 0, now::get).limited());
    }

    @Test
    void aTakenBackCallNoLongerCountsAndOnlyThatOne() throws Exception {
        RateLimit limit = new RateLimit(2, 1000, now::get);
        long[] first = limit.acquire();
        long[] twin = limit.acquire();
        assertEquals(60_000, limit.delay(), "two calls in the minute");
        limit.release(twin);
        assertEquals(0, limit.delay(), "the call started in the same millisecond still counts, the other does not");
        limit.used(twin, 5000);
        assertEquals(0, limit.delay(), "a taken-back call's tokens do not count");
        now.addAndGet(10_000);
        limit.acquire();
        assertEquals(50_000, limit.delay(), "the first call still holds its place until it is a minute old");
        limit.release(first);
        assertEquals(0, limit.delay());
    }

    @Test
    void takingBackACallOlderThanTheWindowLeavesTheOthersTokens() throws Exception {
        RateLimit limit = new RateLimit(0, 1000, now::get);
        long[] old = limit.acquire();
        limit.used(old, 700);
        now.addAndGet(60_000);
        long[] recent = limit.acquire();
        limit.used(recent, 1200);
        limit.release(old);
        assertEquals(60_000, limit.delay(), "the old call left the window already: its tokens are not taken again");
    }
}
