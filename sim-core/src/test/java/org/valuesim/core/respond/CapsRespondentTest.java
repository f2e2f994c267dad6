package org.valuesim.core.respond;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.valuesim.core.llm.CallCache;
import org.valuesim.core.llm.GatewayConfig;
import org.valuesim.core.llm.ModelGateway;
import org.valuesim.core.llm.ModelRequest;
import org.valuesim.core.llm.ModelResponse;
import org.valuesim.core.persona.Persona;

class CapsRespondentTest {

    static final Persona PERSON = new Persona(0, null, null, Map.of(), List.of(),
            "You are 44, you teach history, and you care most about your family.");

    /** Modules answer by their perspective (read from the system prompt); the coordinator answers 4. */
    static LlmRespondentTest.Scripted model(int cognitive, int affective, int behavioral) {
        return new LlmRespondentTest.Scripted(r -> {
            String system = r.messages().get(0).content();
            int answer = system.contains("cognitive perspective") ? cognitive
                    : system.contains("affective perspective") ? affective
                    : system.contains("behavioural perspective") ? behavioral : 4;
            String text = system.contains("Three analyses of the question") ? "4" : "Analysis: from my " + answer + " point of view.\nAnswer: " + answer;
            return new ModelResponse(text, List.of(), 100, 20);
        });
    }

    static Answer answer(LlmRespondentTest.Scripted model, CapsRespondent.Integration integration) {
        CapsRespondent caps = new CapsRespondent(new ModelGateway(model, GatewayConfig.of(List.of("http://stand-in"), 3),
                CallCache.NONE, ModelGateway.CacheMode.OFF), Prompts.builtIn(), integration, 0);
        return caps.answer(PERSON, LlmRespondentTest.PVQ, LlmRespondentTest.PVQ.items().get(0)).join();
    }

    @Test
    void agreeingModulesNeedExactlyThreeCalls() {
        LlmRespondentTest.Scripted model = model(5, 5, 5);
        Answer a = answer(model, CapsRespondent.Integration.COORDINATOR);
        assertEquals(3, model.requests.size());
        assertEquals(5, a.choice());
        assertEquals(List.of("cognitive", "affective", "behavioral"), a.modules().stream().map(Answer.ModuleAnswer::module).toList());
        assertEquals("from my 5 point of view.", a.modules().get(0).analysis());
        for (ModelRequest r : model.requests) {
            assertTrue(r.messages().get(0).content().contains("You are 44, you teach history"), "each module reads the backstory");
            assertTrue(r.messages().get(1).content().endsWith("then your choice on a last line \"Answer: <number>\"."));
        }
        assertEquals(model.requests.get(0).messages().get(1), model.requests.get(2).messages().get(1));
    }

    @Test
    void disagreeingModulesAreWeighedByACoordinatorCall() {
        LlmRespondentTest.Scripted model = model(2, 5, 5);
        Answer a = answer(model, CapsRespondent.Integration.COORDINATOR);
        assertEquals(4, model.requests.size());
        assertEquals(4, a.choice());
        String coordinator = model.requests.get(3).messages().get(1).content();
        assertTrue(coordinator.startsWith("Cognitive perspective (answer 2): from my 2 point of view.\n"
                + "Affective perspective (answer 5): from my 5 point of view."), coordinator);
        assertEquals(List.of(2, 5, 5), a.modules().stream().map(Answer.ModuleAnswer::answer).toList());
        assertEquals(4, a.provenance().attempts());
    }

    @Test
    void averageIntegrationTakesTheCeilingOfTheMeanWithoutACoordinator() {
        LlmRespondentTest.Scripted model = model(2, 5, 6);
        Answer a = answer(model, CapsRespondent.Integration.AVERAGE);
        assertEquals(3, model.requests.size());
        assertEquals(5, a.choice(), "ceil(13 / 3) = 5");
        assertEquals(4, answer(model(2, 5, 5), CapsRespondent.Integration.AVERAGE).choice(), "ceil(4) = 4");
        assertFalse(a.modules().isEmpty());
    }
}
