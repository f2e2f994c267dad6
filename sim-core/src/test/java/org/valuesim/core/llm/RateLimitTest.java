package org.valuesim.core.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimitTest {

    @Test
    void requestsPerMinuteOverASlidingWindow() throws Exception {
        AtomicLong now = new AtomicLong(1_000_000);
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
        AtomicLong now = new AtomicLong(0);
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
}
