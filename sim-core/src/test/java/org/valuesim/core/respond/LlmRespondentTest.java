package org.valuesim.core.respond;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.valuesim.core.instrument.Instrument;
import org.valuesim.core.instrument.Item;
import org.valuesim.core.llm.CallCache;
import org.valuesim.core.llm.GatewayConfig;
import org.valuesim.core.llm.ModelBackend;
import org.valuesim.core.llm.ModelCallException;
import org.valuesim.core.llm.ModelGateway;
import org.valuesim.core.llm.ModelRequest;
import org.valuesim.core.llm.ModelResponse;
import org.valuesim.core.llm.TokenLogprob;
import org.valuesim.core.persona.Persona;
import org.valuesim.core.values.SchwartzValue;

class LlmRespondentTest {

    static final Instrument PVQ = new Instrument("pvq21", "PVQ", "s", "Here we describe some people.",
            "How much like you is this person?", AnswerReaderTest.PVQ, List.of(
                    new Item("pvq21-02", "It is important to (her/him) to be rich.", "power", false),
                    new Item("pvq21-12", "It's very important to (her/him) to help the people around (her/him).",
                            "benevolence", false)));

    /** A model that answers by a rule and keeps every request. */
    static final class Scripted implements ModelBackend {
        final List<ModelRequest> requests = new ArrayList<>();
        final Function<ModelRequest, ModelResponse> rule;

        Scripted(Function<ModelRequest, ModelResponse> rule) {
            this.rule = rule;
        }

        @Override
        public String provider() {
            return "scripted";
        }

        @Override
        public String model() {
            return "m";
        }

        @Override
        public synchronized ModelResponse call(ModelRequest request, String baseUrl) throws ModelCallException {
            requests.add(request);
            return rule.apply(request);
        }
    }

    static LlmRespondent respondent(String kind, ModelBackend backend, LlmRespondent.AnswerMode mode, int samples) {
        return new LlmRespondent(kind, new ModelGateway(backend, GatewayConfig.of(List.of("http://stand-in"), 4),
                CallCache.NONE, ModelGateway.CacheMode.OFF), Prompts.builtIn(), mode, samples, 0.7,
                LlmRespondent.Choice.ARGMAX, 1);
    }

    static final Persona POWER = new Persona(3, null, SchwartzValue.POWER, Map.of());

    @Test
    void valuePromptTellsThePersonaItsValueFirstAndTheItemLast() {
        Scripted model = new Scripted(r -> new ModelResponse("5", List.of(new TokenLogprob("5", Math.log(0.7)),
                new TokenLogprob("6", Math.log(0.2)), new TokenLogprob(" 4", Math.log(0.1))), 50, 1));
        LlmRespondent r = respondent("value-prompt", model, LlmRespondent.AnswerMode.LOGPROBS, 1);
        Answer rich = r.answer(POWER, PVQ, PVQ.items().get(0)).join();
        Answer help = r.answer(POWER, PVQ, PVQ.items().get(1)).join();
        assertTrue(rich.isOk());
        assertEquals(5, rich.choice());
        assertArrayEquals(new double[] {0, 0, 0, 0.1, 0.7, 0.2}, rich.distribution(), 1e-9);
        String system = model.requests.get(0).messages().get(0).content();
        assertTrue(system.contains("You are a person who greatly values Power: Social status and prestige, control or "
                + "dominance over people and resources."), system);
        assertEquals(system, model.requests.get(1).messages().get(0).content(), "one persona's prompts share the prefix");
        String item = model.requests.get(0).messages().get(1).content();
        assertTrue(item.contains("It is important to her or him to be rich.\n\nHow much like you is this person?\n"
                + "1 = Not like me at all\n"), item);
        assertTrue(item.endsWith("Answer with the number of your choice only."), item);
        assertEquals(20, model.requests.get(0).sampling().topLogprobs());
        assertEquals("value-prompt", help.provenance().respondent());
        assertEquals(1, rich.provenance().attempts());
        assertEquals(64, rich.provenance().promptHash().length());
    }

    @Test
    void naiveShowsNoPersonaAndRankedProfilesAreListed() {
        Scripted model = new Scripted(r -> new ModelResponse("3", List.of(), 10, 1));
        respondent("naive", model, LlmRespondent.AnswerMode.LOGPROBS, 1).answer(POWER, PVQ, PVQ.items().get(0)).join();
        assertEquals("You are taking part in a survey. Answer every question as yourself, honestly.",
                model.requests.get(0).messages().get(0).content());
        double[] latent = {1, 2, 3, 4, 9, 5, 6, 7, 8, 0};
        Persona sampled = new Persona(0, new org.valuesim.core.values.ValueProfile(latent), null, Map.of());
        respondent("value-prompt", model, LlmRespondent.AnswerMode.LOGPROBS, 1).answer(sampled, PVQ, PVQ.items().get(0)).join();
        assertTrue(model.requests.get(1).messages().get(0).content().contains("from most to least important to you, are: "
                + "Power, Benevolence, Tradition, Conformity, Security, Achievement, Hedonism, Stimulation, "
                + "Self-Direction, Universalism."), model.requests.get(1).messages().get(0).content());
    }

    @Test
    void fullProfilePutsEveryStatementBeforeTheItemAndPromptsCanBeReplaced() throws Exception {
        Persona imported = new Persona(0, null, null, Map.of(), List.of(
                new org.valuesim.core.persona.ProfileStatement("demographic:age", "demographics", "Your age is 30-44.", "age", "30-44"),
                new org.valuesim.core.persona.ProfileStatement("q", "beliefs", "You said tradition is like you.", "tradition", "Like me")),
                null);
        Scripted model = new Scripted(r -> new ModelResponse("3", List.of(), 10, 1));
        respondent("full-profile", model, LlmRespondent.AnswerMode.LOGPROBS, 1).answer(imported, PVQ, PVQ.items().get(0)).join();
        assertTrue(model.requests.get(0).messages().get(0).content().contains(
                "Here is what is known about you:\n- Your age is 30-44.\n- You said tradition is like you.\n"),
                model.requests.get(0).messages().get(0).content());
        java.nio.file.Path mine = java.nio.file.Files.createTempFile("format", ".txt");
        java.nio.file.Files.writeString(mine, "Reply with a digit.");
        Prompts custom = Prompts.load(Map.of("format-number", mine));
        assertTrue(custom.item(PVQ, PVQ.items().get(0), imported).endsWith("Reply with a digit."));
        java.nio.file.Files.delete(mine);
    }

    @Test
    void withoutLogprobsTheTextIsReadAndAnUnreadableAnswerGetsOneRepairCall() {
        Scripted model = new Scripted(r -> r.messages().size() == 2
                ? new ModelResponse("Hmm, hard to say.", List.of(), 10, 4) : new ModelResponse("Answer: 2", List.of(), 12, 2));
        Answer a = respondent("value-prompt", model, LlmRespondent.AnswerMode.LOGPROBS, 1)
                .answer(POWER, PVQ, PVQ.items().get(0)).join();
        assertTrue(a.isOk());
        assertEquals(2, a.choice());
        assertArrayEquals(new double[] {0, 1, 0, 0, 0, 0}, a.distribution());
        assertEquals(2, model.requests.size());
        ModelRequest repair = model.requests.get(1);
        assertEquals("Hmm, hard to say.", repair.messages().get(2).content());
        assertEquals("Your answer could not be read. Reply with one number from 1 to 6 only.",
                repair.messages().get(3).content());
        assertEquals(2, a.provenance().attempts());
        assertEquals(22, a.provenance().tokensIn());
    }

    @Test
    void anAnswerStillUnreadableAfterTheRepairIsFailedWithTheRawText() {
        Scripted model = new Scripted(r -> new ModelResponse("I'd rather not.", List.of(), 10, 4));
        Answer a = respondent("naive", model, LlmRespondent.AnswerMode.LOGPROBS, 1)
                .answer(POWER, PVQ, PVQ.items().get(0)).join();
        assertFalse(a.isOk());
        assertEquals("unreadable answer after a repair call", a.failure());
        assertEquals("I'd rather not.", a.rawText());
        assertEquals(2, model.requests.size());
    }

    @Test
    void sampledAnswersMakeTheDistribution() {
        Scripted model = new Scripted(r -> new ModelResponse(r.sampleIndex() < 3 ? "4" : "6", List.of(), 10, 1));
        Answer a = respondent("value-prompt", model, LlmRespondent.AnswerMode.SAMPLE, 5)
                .answer(POWER, PVQ, PVQ.items().get(0)).join();
        assertArrayEquals(new double[] {0, 0, 0, 0.6, 0, 0.4}, a.distribution(), 1e-12);
        assertEquals(4, a.choice());
        assertEquals(List.of(0, 1, 2, 3, 4), model.requests.stream().map(ModelRequest::sampleIndex).sorted().toList());
        assertEquals(0, model.requests.get(0).sampling().topLogprobs());
    }
}
