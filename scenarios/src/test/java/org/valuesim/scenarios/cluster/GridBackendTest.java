package org.valuesim.scenarios.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.valuesim.core.llm.CallCache;
import org.valuesim.core.llm.GatewayConfig;
import org.valuesim.core.llm.Message;
import org.valuesim.core.llm.ModelBackend;
import org.valuesim.core.llm.ModelGateway;
import org.valuesim.core.llm.ModelOptions;
import org.valuesim.core.llm.ModelRequest;
import org.valuesim.core.llm.ModelResponse;
import org.valuesim.core.llm.OllamaBackend;
import org.valuesim.core.llm.Sampling;

class GridBackendTest {

    /**
     * A member's gateway keys a request as one machine's does, reasoning effort included: the member's cache file and
     * the cluster's map hold the keys of one machine, and models that differ only in their effort never share answers.
     */
    @Test
    void aMembersCacheKeysAreThoseOfOneMachine() {
        ModelRequest request = new ModelRequest(List.of(Message.user("q")), new Sampling(0, 4, 5), 0);
        ModelBackend high = new OllamaBackend("m", Duration.ofSeconds(1), new ModelOptions(true, "high", 0, false));
        ModelBackend low = new OllamaBackend("m", Duration.ofSeconds(1), new ModelOptions(true, "low", 0, false));
        try (ModelGateway alone = gateway(high); ModelGateway member = gateway(new GridBackend(high, null));
             ModelGateway lowMember = gateway(new GridBackend(low, null))) {
            assertEquals(alone.key(request), member.key(request));
            assertNotEquals(member.key(request), lowMember.key(request));
        }
    }

    /** A member's gateway, closed when its run ends, closes its model's backend (its pooled connections) too. */
    @Test
    void closingAMembersGatewayClosesTheModelsBackend() {
        java.util.concurrent.atomic.AtomicInteger closed = new java.util.concurrent.atomic.AtomicInteger();
        ModelBackend model = new ModelBackend() {
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
                throw new UnsupportedOperationException("not asked");
            }

            @Override
            public void close() {
                closed.incrementAndGet();
            }
        };
        gateway(new GridBackend(model, null)).close();
        assertEquals(1, closed.get());
    }

    private static ModelGateway gateway(ModelBackend backend) {
        return new ModelGateway(backend, GatewayConfig.of(List.of("http://127.0.0.1:1"), 1), CallCache.NONE,
                ModelGateway.CacheMode.USE);
    }
}
