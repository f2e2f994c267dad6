package org.valuesim.scenarios.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.valuesim.core.cost.Budget;
import org.valuesim.core.cost.Pricing;
import org.valuesim.core.llm.CallCache;
import org.valuesim.core.llm.GatewayConfig;
import org.valuesim.core.llm.GatewayStats;
import org.valuesim.core.llm.Message;
import org.valuesim.core.llm.ModelBackend;
import org.valuesim.core.llm.ModelGateway;
import org.valuesim.core.llm.ModelOptions;
import org.valuesim.core.llm.ModelRequest;
import org.valuesim.core.llm.ModelResponse;
import org.valuesim.core.llm.OllamaBackend;
import org.valuesim.core.llm.Sampling;
import org.valuesim.core.llm.Spending;
import org.valuesim.core.llm.TokenLogprob;

/**
 * A member's backend: its cache keys, its closing, and the cluster's one-call-per-request guard on one member on
 * loopback (two members' backends over the same calls map, as two machines of a cluster have, the second asking for a
 * request the first already answered).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GridBackendTest {

    static final String URL = "http://127.0.0.1:1";
    static final Pricing PRICING = new Pricing(1, 1, 1, 1, 0.5);

    HazelcastInstance member;
    IMap<String, String> calls;

    @BeforeAll
    void startMember() {
        member = Hazelcast.newHazelcastInstance(GridConfig.member("valuesim-test-" + UUID.randomUUID(), null,
                List.of(), "127.0.0.1", null, 1_000, 1));
        calls = member.getMap(GridCalls.MAP);
    }

    @AfterAll
    void stopMember() {
        member.shutdown();
    }

    /** A model that counts the calls made to it, and its closings. */
    static final class Counting implements ModelBackend {
        final AtomicInteger calls = new AtomicInteger();
        final AtomicInteger closed = new AtomicInteger();

        @Override
        public String provider() {
            return "p";
        }

        @Override
        public String model() {
            return "m";
        }

        @Override
        public ModelResponse call(ModelRequest request, String baseUrl) {
            calls.incrementAndGet();
            return new ModelResponse("5", List.of(new TokenLogprob("5", -0.25)), 10, 1);
        }

        @Override
        public void close() {
            closed.incrementAndGet();
        }
    }

    static ModelRequest request(String text) {
        return new ModelRequest(List.of(Message.user(text)), new Sampling(0, 4, 5), 0);
    }

    /**
     * A member's gateway keys a request as one machine's does, reasoning effort included: the member's cache file and
     * the cluster's map hold the keys of one machine, and models that differ only in their effort never share answers.
     */
    @Test
    void aMembersCacheKeysAreThoseOfOneMachine() {
        ModelRequest request = request("q");
        ModelBackend high = new OllamaBackend("m", Duration.ofSeconds(1), new ModelOptions(true, "high", 0, false));
        ModelBackend low = new OllamaBackend("m", Duration.ofSeconds(1), new ModelOptions(true, "low", 0, false));
        try (ModelGateway alone = gateway(high); ModelGateway onAMember = gateway(new GridBackend(high, null));
             ModelGateway lowMember = gateway(new GridBackend(low, null))) {
            assertEquals(alone.key(request), onAMember.key(request));
            assertNotEquals(onAMember.key(request), lowMember.key(request));
        }
    }

    /** A member's gateway, closed when its run ends, closes its model's backend (its pooled connections) too. */
    @Test
    void closingAMembersGatewayClosesTheModelsBackend() {
        Counting model = new Counting();
        gateway(new GridBackend(model, null)).close();
        assertEquals(1, model.closed.get());
    }

    @Test
    void theSecondMemberGetsTheFirstMembersResponsePaidElsewhereWithoutAskingTheModel() throws Exception {
        Counting model = new Counting();
        GridBackend first = new GridBackend(model, calls);
        GridBackend second = new GridBackend(model, calls);
        String key = "direct-" + UUID.randomUUID();

        ModelBackend.Reply asked = first.reply(key, request("q"), URL);
        ModelBackend.Reply shared = second.reply(key, request("q"), URL);

        assertFalse(asked.paidElsewhere());
        assertTrue(shared.paidElsewhere());
        assertEquals(asked.response(), shared.response());
        assertEquals(1, model.calls.get());
        assertFalse(calls.isLocked(key), "the lock is let go after each reply");
    }

    /** Through the members' gateways: the second member's request is shared, with no model call and no cost. */
    @Test
    void throughAGatewayTheSecondMembersRequestIsSharedAndCostsNothing() {
        Counting model = new Counting();
        Budget firstBudget = new Budget(1.0, 0);
        Budget secondBudget = new Budget(1.0, 0);
        ModelRequest request = request("gateway " + UUID.randomUUID());
        try (ModelGateway first = gateway(new GridBackend(model, calls), firstBudget);
             ModelGateway second = gateway(new GridBackend(model, calls), secondBudget)) {
            assertTrue(first.call(request).join().ok());
            GatewayStats.Tally asked = first.stats().drain();
            assertTrue(second.call(request).join().ok());
            GatewayStats.Tally shared = second.stats().drain();

            assertEquals(1, model.calls.get());
            assertEquals(List.of(1L, 0L, 1L, 10L, 1L), List.of(asked.requests(), asked.shared(), asked.calls(),
                    asked.tokensIn(), asked.tokensOut()));
            assertEquals(List.of(1L, 1L, 0L, 0L, 0L, 0L), List.of(shared.requests(), shared.shared(), shared.calls(),
                    shared.tokensIn(), shared.tokensOut(), (long) shared.latenciesMs().length));
            assertEquals(11e-6, firstBudget.spent(), 1e-12);
            assertEquals(0.0, secondBudget.spent());
            assertTrue(secondBudget.reserve(1.0 - 1e-9), "the second member's reservation was given back whole");
        }
    }

    private static ModelGateway gateway(ModelBackend backend, Budget budget) {
        ModelGateway gateway = gateway(backend);
        gateway.spend(new Spending("m", PRICING, budget));
        return gateway;
    }

    private static ModelGateway gateway(ModelBackend backend) {
        return new ModelGateway(backend, GatewayConfig.of(List.of(URL), 1), CallCache.NONE,
                ModelGateway.CacheMode.USE);
    }
}
