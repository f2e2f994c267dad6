package org.valuesim.core.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.valuesim.core.llm.CallCache;
import org.valuesim.core.llm.GatewayConfig;
import org.valuesim.core.llm.ModelBackend;
import org.valuesim.core.llm.ModelGateway;
import org.valuesim.core.llm.ModelRequest;
import org.valuesim.core.llm.ModelResponse;
import org.valuesim.core.persona.Persona;
import org.valuesim.core.respond.LlmRespondent;
import org.valuesim.core.respond.Prompts;
import org.valuesim.core.respond.PsychometricRespondentTest;
import org.valuesim.core.values.SchwartzValue;

/**
 * Calls reach the server persona-major: every agent asks all its items at once and the gateway's queue keeps their
 * order, so one persona's prompts (its prefix) arrive together, which is what a server's prefix cache reuses.
 */
class PersonaMajorOrderTest {

    @Test
    void onePersonasItemsReachTheServerTogether() {
        List<String> systems = Collections.synchronizedList(new ArrayList<>());
        ModelBackend server = new ModelBackend() {
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
                systems.add(request.messages().get(0).content());
                return new ModelResponse("3", List.of(), 50, 1);
            }
        };
        ModelGateway gateway = new ModelGateway(server, GatewayConfig.of(List.of("x"), 1), CallCache.NONE,
                ModelGateway.CacheMode.OFF);
        List<Persona> personas = new ArrayList<>();
        for (SchwartzValue v : SchwartzValue.values()) {
            personas.add(new Persona(personas.size(), null, v, Map.of()));
        }
        var instrument = PsychometricRespondentTest.INSTRUMENT;
        LlmRespondent respondent = new LlmRespondent("value-prompt", gateway, Prompts.builtIn(),
                LlmRespondent.AnswerMode.SAMPLE, 1, 0, LlmRespondent.Choice.ARGMAX, 1);
        new ValueSimulation(1, personas, respondent, List.of(instrument), a -> { }, PhaseListener.NONE).runToEnd();
        int items = instrument.items().size();
        assertEquals(personas.size() * items, systems.size());
        int runs = 1;
        for (int i = 1; i < systems.size(); i++) {
            runs += systems.get(i).equals(systems.get(i - 1)) ? 0 : 1;
        }
        assertEquals(personas.size(), runs, "each persona's " + items + " calls in one run");
        assertEquals(personas.size(), new LinkedHashSet<>(systems).size());
        gateway.close();
    }
}
