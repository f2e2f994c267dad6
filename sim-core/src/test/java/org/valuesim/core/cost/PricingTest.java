package org.valuesim.core.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.valuesim.core.llm.BudgetExceeded;
import org.valuesim.core.llm.CallCache;
import org.valuesim.core.llm.GatewayConfig;
import org.valuesim.core.llm.Message;
import org.valuesim.core.llm.ModelBackend;
import org.valuesim.core.llm.ModelGateway;
import org.valuesim.core.llm.ModelRequest;
import org.valuesim.core.llm.ModelResponse;
import org.valuesim.core.llm.Sampling;
import org.valuesim.core.llm.Spending;

/** Prices per million tokens, the batch discount, and the budget that refuses a call before it is made. */
class PricingTest {

    /** Claude Haiku 4.5's published prices (input, cache hits, 5-minute cache writes, output; batch half price). */
    static final Pricing HAIKU = new Pricing(1.00, 0.10, 1.25, 5.00, 0.5);

    @Test
    void eachKindOfTokenAtItsPriceAndBatchesAtHalf() {
        // 3,000 prompt tokens: 1,000 uncached, 1,500 read from the cache, 500 written to it; 200 output
        TokenUsage usage = new TokenUsage(3000, 1500, 500, 200);
        double live = (1000 * 1.00 + 1500 * 0.10 + 500 * 1.25 + 200 * 5.00) / 1e6;
        assertEquals(live, HAIKU.cost(usage, false), 1e-15);
        assertEquals(live / 2, HAIKU.cost(usage, true), 1e-15);
        assertEquals(1000, usage.uncachedInput());
        assertThrows(IllegalArgumentException.class, () -> new Pricing(1, 1, 1, 1, 1.0));
        assertThrows(IllegalArgumentException.class, () -> new Pricing(-1, 1, 1, 1, 0.5));
    }

    @Test
    void aRefusedCallStopsEveryLaterOneAndSettlingFreesItsReservation() {
        Budget budget = new Budget(1.0, 0.25);
        assertTrue(budget.reserve(0.5));
        budget.settle(0.5, 0.1);
        assertEquals(0.35, budget.spent(), 1e-12);
        assertTrue(budget.reserve(0.6));
        assertFalse(budget.reserve(0.1), "0.35 spent + 0.6 reserved + 0.1 is over 1.0");
        budget.settle(0.6, 0);
        assertFalse(budget.reserve(0.01), "once stopped, stopped");
        assertTrue(budget.stopped());
    }

    @Test
    void theGatewayRefusesACallThatCouldExceedTheBudgetWithoutMakingIt() {
        AtomicInteger made = new AtomicInteger();
        ModelBackend backend = new ModelBackend() {
            @Override
            public String provider() {
                return "stand-in";
            }

            @Override
            public String model() {
                return "m";
            }

            @Override
            public ModelResponse call(ModelRequest request, String baseUrl) {
                made.incrementAndGet();
                return new ModelResponse("4", List.of(), 40, 1);
            }
        };
        ModelGateway gateway = new ModelGateway(backend, GatewayConfig.of(List.of("x"), 1), CallCache.NONE,
                ModelGateway.CacheMode.OFF);
        Budget budget = new Budget(0.001, 0);
        gateway.spend(new Spending("local", new Pricing(10, 10, 10, 10, 0.5), budget));
        ModelRequest small = new ModelRequest(List.of(Message.user("Rate 1-6.")), new Sampling(0, 8, 0), 0);
        assertTrue(gateway.call(small).join().ok());
        assertEquals((40 + 1) * 10 / 1e6, budget.spent(), 1e-12, "what the call cost, not its ceiling");
        ModelRequest big = new ModelRequest(List.of(Message.user("x".repeat(200))), new Sampling(0, 8, 0), 0);
        CompletionException e = assertThrows(CompletionException.class, () -> gateway.call(big).join());
        assertInstanceOf(BudgetExceeded.class, e.getCause());
        assertTrue(e.getCause().getMessage().startsWith("budget-usd 0.001 would be exceeded: model local's next call "
                + "may cost up to $0.002400 and $0.000410 of it is spent"), e.getCause().getMessage());
        assertEquals(1, made.get(), "the refused call was never made");
        gateway.close();
    }
}
