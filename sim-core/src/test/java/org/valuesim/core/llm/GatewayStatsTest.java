package org.valuesim.core.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** A cluster member's figures drained per block and added up on the coordinator equal the figures of one gateway. */
class GatewayStatsTest {

    @Test
    void drainedFiguresAddUpToOneGatewaysWithExactPercentiles() {
        GatewayStats one = new GatewayStats();
        GatewayStats memberA = new GatewayStats();
        GatewayStats memberB = new GatewayStats();
        for (int i = 1; i <= 100; i++) {
            GatewayStats member = i % 3 == 0 ? memberB : memberA;
            for (GatewayStats s : new GatewayStats[] {one, member}) {
                s.requests.incrementAndGet();
                s.calls.incrementAndGet();
                s.tokensIn.addAndGet(i);
                s.latency(i);
            }
        }
        GatewayStats coordinator = new GatewayStats();
        coordinator.add(memberA.drain());
        coordinator.add(memberB.drain());
        assertEquals(one.snapshot(), coordinator.snapshot());
        assertEquals(50, coordinator.snapshot().latencyP50Ms());
        assertEquals(99, coordinator.snapshot().latencyP99Ms());
        assertTrue(memberA.drain().empty(), "a drain leaves zeros");
    }

    @Test
    void everyCountLandsInExactlyOneDrainWhileCallsGoOn() throws Exception {
        GatewayStats member = new GatewayStats();
        GatewayStats coordinator = new GatewayStats();
        AtomicBoolean done = new AtomicBoolean();
        Thread calls = new Thread(() -> {
            for (int i = 0; i < 200_000; i++) {
                member.calls.incrementAndGet();
                member.latency(1);
            }
            done.set(true);
        });
        calls.start();
        while (!done.get()) {
            coordinator.add(member.drain());
        }
        calls.join();
        coordinator.add(member.drain());
        assertEquals(200_000, coordinator.calls());
        assertEquals(1, coordinator.snapshot().latencyP99Ms());
    }
}
