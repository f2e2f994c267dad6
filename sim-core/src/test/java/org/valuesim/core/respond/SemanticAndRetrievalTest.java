package org.valuesim.core.respond;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.valuesim.core.embed.MiniLmEmbedder;
import org.valuesim.core.instrument.Instrument;
import org.valuesim.core.instrument.Item;
import org.valuesim.core.instrument.ResponseOption;
import org.valuesim.core.instrument.ResponseScale;
import org.valuesim.core.llm.CallCache;
import org.valuesim.core.llm.GatewayConfig;
import org.valuesim.core.llm.ModelGateway;
import org.valuesim.core.llm.ModelResponse;
import org.valuesim.core.persona.Persona;
import org.valuesim.core.persona.ProfileStatement;
import org.valuesim.core.semantic.CirclePosition;
import org.valuesim.core.semantic.PersonaReader;
import org.valuesim.core.semantic.SemanticCalibration;
import org.valuesim.core.semantic.ValueCircle;
import org.valuesim.core.values.SchwartzValue;

/** The semantic respondent and RAG retrieval with the real in-process MiniLM model (its files kept under target/). */
class SemanticAndRetrievalTest {

    static MiniLmEmbedder embedder;

    @BeforeAll
    static void load() throws Exception {
        MiniLmEmbedder.useWorkFolder(Path.of("target", "embed"));
        embedder = new MiniLmEmbedder();
    }

    static double expected(Answer a) {
        double m = 0;
        for (int k = 0; k < a.distribution().length; k++) {
            m += (k + 1) * a.distribution()[k];
        }
        return m;
    }

    /** A few portraits with known values, in the PVQ's style: the anchors of a small value circle. */
    static ValueCircle circle() {
        Map<SchwartzValue, String> definitions = new java.util.EnumMap<>(SchwartzValue.class);
        SchwartzValue.inCircularOrder().forEach(v -> definitions.put(v, Prompts.builtIn().definition(v)));
        return new ValueCircle(embedder, definitions, List.of(
                new ValueCircle.KeyedText("It is important to her to be rich. She wants a lot of money.", SchwartzValue.POWER),
                new ValueCircle.KeyedText("She thinks everyone should be treated equally.", SchwartzValue.UNIVERSALISM),
                new ValueCircle.KeyedText("She likes surprises and looks for new things to do.", SchwartzValue.STIMULATION),
                new ValueCircle.KeyedText("It is important to her to help the people around her.", SchwartzValue.BENEVOLENCE),
                new ValueCircle.KeyedText("She wants to live in secure surroundings.", SchwartzValue.SECURITY)));
    }

    static double distance(CirclePosition p, SchwartzValue v) {
        double d = Math.abs(p.degrees() - v.angleDegrees()) % 360;
        return Math.min(d, 360 - d);
    }

    @Test
    void anItemNoOneKeyedIsReadOntoTheCircleAndAValuePromptedPersonaAnswersIt() {
        ValueCircle circle = circle();
        CirclePosition power = circle.read("I would like to be in charge and have people do what I say.");
        CirclePosition nature = circle.read("Protecting forests, rivers and wild animals matters a great deal to me.");
        assertTrue(distance(power, SchwartzValue.POWER) <= 60, "power-like item at " + power.degrees());
        assertTrue(distance(nature, SchwartzValue.UNIVERSALISM) <= 60, "nature item at " + nature.degrees());
        Instrument mine = new Instrument("mine", "Mine", "s", "Rate.", "How much like you?",
                LlmRespondentTest.PVQ.response(), List.of(new Item("charge", "I would like to be in charge and have "
                        + "people do what I say.", null, false)));
        SemanticRespondent semantic = new SemanticRespondent(new PersonaReader(circle, p -> Prompts.builtIn().system(p, true)),
                p -> SemanticCalibration.uninformed(), null, 5, SemanticRespondent.Mode.PREDICT);
        Answer byPower = semantic.answer(new Persona(0, null, SchwartzValue.POWER, Map.of()), mine, mine.items().get(0)).join();
        Answer byUniversalism = semantic.answer(new Persona(1, null, SchwartzValue.UNIVERSALISM, Map.of()), mine,
                mine.items().get(0)).join();
        assertTrue(expected(byPower) > expected(byUniversalism) + 0.5, expected(byPower) + " vs " + expected(byUniversalism));
        assertEquals(1, java.util.Arrays.stream(byPower.distribution()).sum(), 1e-12);
    }

    @Test
    void multipleChoiceOptionsAreReadOntoTheCircleAndEachTextIsEmbeddedOnce() {
        Instrument choice = new Instrument("mc", "MC", "s", "Choose.", "Which matters most to you?",
                new ResponseScale("multiple-choice", List.of(new ResponseOption(1, "making a lot of money"),
                        new ResponseOption(2, "caring for my family and friends"))),
                List.of(new Item("goal", "In life, what matters most?", "goals", false)));
        SemanticRespondent semantic = new SemanticRespondent(new PersonaReader(circle(),
                p -> Prompts.builtIn().system(p, true)), p -> SemanticCalibration.uninformed(), null, 5,
                SemanticRespondent.Mode.SIMULATE);
        Answer power = semantic.answer(new Persona(0, null, SchwartzValue.POWER, Map.of()), choice, choice.items().get(0)).join();
        Answer care = semantic.answer(new Persona(1, null, SchwartzValue.BENEVOLENCE, Map.of()), choice,
                choice.items().get(0)).join();
        assertTrue(power.distribution()[0] > care.distribution()[0], "power leans to money more than benevolence does");
        int before = embedder.embedded();
        Answer again = semantic.answer(new Persona(0, null, SchwartzValue.POWER, Map.of()), choice, choice.items().get(0))
                .join();
        assertEquals(before, embedder.embedded(), "an identical persona and item embed nothing new");
        assertArrayEquals(power.distribution(), again.distribution());
        assertEquals(power.choice(), again.choice());
    }

    static ProfileStatement statement(String key, String text) {
        return new ProfileStatement(key, "beliefs", text, text, "x");
    }

    @Test
    void ragRetrievesTheMostSimilarStatementsAndFallsBackToTheTopKWhenNoneReachesTheThreshold() {
        Persona person = new Persona(0, null, null, Map.of(), List.of(
                statement("a", "You said being wealthy and owning expensive things is very much like you."),
                statement("b", "You said you go fishing on Sundays."),
                statement("c", "You said earning a lot of money matters to you."),
                statement("d", "You said you live in Ohio."),
                statement("e", "You said luxury cars impress you.")), null);
        LlmRespondentTest.Scripted model = new LlmRespondentTest.Scripted(r -> new ModelResponse("4", List.of(), 1, 1));
        ModelGateway gateway = new ModelGateway(model, GatewayConfig.of(List.of("http://stand-in"), 1), CallCache.NONE,
                ModelGateway.CacheMode.OFF);
        LlmRespondent rag = new LlmRespondent("rag", gateway, Prompts.builtIn(), LlmRespondent.AnswerMode.LOGPROBS, 1, 0,
                LlmRespondent.Choice.ARGMAX, 1, new LlmRespondent.Retrieval(embedder, 3, 0.3));
        List<String> keys = rag.retrieve(person, LlmRespondentTest.PVQ, LlmRespondentTest.PVQ.items().get(0))
                .stream().map(ProfileStatement::key).toList();
        assertEquals(java.util.Set.of("a", "c"), java.util.Set.copyOf(keys.subList(0, 2)),
                "the wealth and money statements are the closest to the 'rich' item: " + keys);
        assertTrue(keys.size() <= 3 && !keys.contains("b") && !keys.contains("d"), keys.toString());
        LlmRespondent strict = new LlmRespondent("rag", gateway, Prompts.builtIn(), LlmRespondent.AnswerMode.LOGPROBS, 1, 0,
                LlmRespondent.Choice.ARGMAX, 1, new LlmRespondent.Retrieval(embedder, 3, 0.99));
        assertEquals(3, strict.retrieve(person, LlmRespondentTest.PVQ, LlmRespondentTest.PVQ.items().get(0)).size(),
                "no statement reaches 0.99: the top 3 anyway");
        rag.answer(person, LlmRespondentTest.PVQ, LlmRespondentTest.PVQ.items().get(0)).join();
        String system = model.requests.get(0).messages().get(0).content();
        assertTrue(system.contains("- You said being wealthy") && !system.contains("fishing"), system);
    }
}
