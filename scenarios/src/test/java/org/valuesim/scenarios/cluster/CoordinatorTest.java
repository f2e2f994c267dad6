package org.valuesim.scenarios.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** How many blocks the coordinator keeps out per member: enough for the model's slots, within the worker's threads. */
class CoordinatorTest {

    @Test
    void smallBlocksOfAWideModelGoSeveralAtOnceUpToTheWorkersThreads() {
        // 7 agents x 21 items against 16 slots: the least already fills them twice
        assertEquals(Coordinator.BLOCKS_PER_MEMBER, Coordinator.blocksPerMember(16, 147));
        // one agent's 21 items against 256 slots: 512 questions need 25 blocks, a worker answers 16 at once
        assertEquals(Coordinator.MOST_BLOCKS_PER_MEMBER, Coordinator.blocksPerMember(256, 21));
        // 64 slots (the default) and blocks of 21 questions: 128 / 21 rounded up
        assertEquals(7, Coordinator.blocksPerMember(64, 21));
        // an embedded respondent (no model) keeps the least
        assertEquals(Coordinator.BLOCKS_PER_MEMBER, Coordinator.blocksPerMember(0, 21));
    }
}
