package org.valuesim.populations.individuals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.valuesim.core.llm.CallCache;
import org.valuesim.core.llm.GatewayConfig;
import org.valuesim.core.llm.ModelBackend;
import org.valuesim.core.llm.ModelCallException;
import org.valuesim.core.llm.ModelGateway;
import org.valuesim.core.llm.ModelRequest;
import org.valuesim.core.llm.ModelResponse;
import org.valuesim.core.llm.Sampling;
import org.valuesim.core.persona.Persona;

/** The llm writer against a scripted stand-in model: coverage check and regeneration. */
class LlmBackstoryWriterTest {

    /** Answers each call with the next story of its script (or by a rule), and keeps the requests. */
    static final class ScriptedModel implements ModelBackend {
        final List<ModelRequest> requests = new ArrayList<>();
        final java.util.function.Function<ModelRequest, String> reply;

        ScriptedModel(String... stories) {
            this.reply = r -> requests.size() > stories.length ? null : stories[requests.size() - 1];
        }

        /** Replies by the rule. */
        ScriptedModel(java.util.function.Function<ModelRequest, String> rule) {
            this.reply = rule;
        }

        @Override
        public String provider() {
            return "scripted";
        }

        @Override
        public String model() {
            return "writer";
        }

        @Override
        public synchronized ModelResponse call(ModelRequest request, String baseUrl) throws ModelCallException {
            requests.add(request);
            String text = reply.apply(request);
            if (text == null) {
                throw new ModelCallException("script exhausted", false, null, null);
            }
            return new ModelResponse(text, List.of(), 300, 200);
        }
    }

    static Persona persona() {
        return new IndividualsImporter().personas(IndividualsTest.table(), IndividualsTest.PVQ, Set.of()).get(1);
    }

    static ModelGateway gateway(ModelBackend backend) {
        return new ModelGateway(backend, GatewayConfig.of(List.of("http://stand-in"), 2), CallCache.NONE,
                ModelGateway.CacheMode.OFF);
    }

    static final String DROPS_ONE = "Being rich is important to you: lots of money and expensive things, \"Like me\".";
    static final String KEEPS_ALL = "Being rich is important to you; you want money and expensive things: \"Like me\". "
            + "Helping the people around you and caring for their well-being is \"Not like me at all\". "
            + "Tradition, following the customs handed down by your religion or family, is \"A little like me\".";

    @Test
    void aStoryBelowTheCoverageIsRewrittenAsAnotherSample() {
        ScriptedModel model = new ScriptedModel(DROPS_ONE, KEEPS_ALL);
        Backstory story = new LlmBackstoryWriter(gateway(model), "Write it.", new Sampling(0.7, 800, 0), 0.9, 3)
                .write(persona());
        assertEquals(KEEPS_ALL, story.text());
        assertEquals(1.0, story.coverage(), 1e-12);
        assertEquals(2, story.attempts());
        assertEquals(List.of(0, 1), model.requests.stream().map(ModelRequest::sampleIndex).toList());
        // the prompt carries every statement after the instructions
        String user = model.requests.get(0).messages().get(1).content();
        assertTrue(user.startsWith("- Asked \"How much like you is this person?\""), user);
        assertEquals(3, user.lines().count());
        assertEquals("Write it.", model.requests.get(0).messages().get(0).content());
    }

    @Test
    void afterTheLastAttemptTheBestStoryIsKeptWithItsCoverage() {
        ScriptedModel model = new ScriptedModel("Nothing useful.", DROPS_ONE);
        Backstory story = new LlmBackstoryWriter(gateway(model), "Write it.", new Sampling(0.7, 800, 0), 0.9, 2)
                .write(persona());
        assertEquals(DROPS_ONE, story.text());
        assertEquals(1 / 3.0, story.coverage(), 1e-12);
        assertEquals(2, story.attempts());
    }

    @Test
    void aModelThatCannotAnswerIsAnErrorNotAnEmptyStory() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new LlmBackstoryWriter(gateway(new ScriptedModel()), "Write it.", new Sampling(0, 10, 0), 0.9, 1)
                        .write(persona()));
        assertTrue(e.getMessage().contains("script exhausted"), e.getMessage());
        assertTrue(LlmBackstoryWriter.defaultInstructions().contains("Keep every data point"));
        assertEquals(Duration.ofSeconds(30), GatewayConfig.of(List.of("x"), 1).maxBackoff());
    }
}
