package org.valuesim.core.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SlotQueueTest {

    /** Pieces finished on other threads, as answers come: never more than the slots under way, and all of them run. */
    @Test
    void atMostSizePiecesAreUnderWayAndEveryOneStarts() throws Exception {
        SlotQueue slots = new SlotQueue(4);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        ExecutorService finishing = Executors.newFixedThreadPool(8);
        try {
            for (int i = 0; i < 400; i++) {
                slots.submit(() -> {
                    peak.accumulateAndGet(running.incrementAndGet(), Math::max);
                    finishing.execute(() -> {
                        running.decrementAndGet();
                        done.incrementAndGet();
                        slots.release();
                    });
                });
            }
            assertTrue(slots.awaitIdle(20, TimeUnit.SECONDS));
        } finally {
            finishing.shutdown();
        }
        assertEquals(400, done.get());
        assertEquals(4, peak.get());
        assertEquals(0, slots.inUse());
    }

    /**
     * Pieces that give their slot back as they start (they failed) run one after another on the releasing thread,
     * not each inside the one before: two hundred thousand of them would overflow the stack.
     */
    @Test
    void piecesThatFailAtOnceDoNotNest() throws Exception {
        SlotQueue slots = new SlotQueue(1);
        AtomicInteger ran = new AtomicInteger();
        slots.submit(() -> { }); // holds the only slot
        for (int i = 0; i < 200_000; i++) {
            slots.submit(() -> {
                ran.incrementAndGet();
                slots.release();
            });
        }
        assertEquals(0, ran.get());
        assertFalse(slots.awaitIdle(10, TimeUnit.MILLISECONDS), "the first piece holds its slot");
        slots.release();
        assertEquals(200_000, ran.get());
        assertTrue(slots.awaitIdle(1, TimeUnit.SECONDS));
    }
}
