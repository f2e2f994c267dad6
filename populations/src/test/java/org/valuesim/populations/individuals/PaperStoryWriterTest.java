package org.valuesim.populations.individuals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.valuesim.core.llm.ModelRequest;
import org.valuesim.core.llm.Sampling;
import org.valuesim.core.persona.Persona;
import org.valuesim.core.respond.Prompts;
import org.valuesim.core.respond.Protocol;

/** The paper's story module and its optional optimisation loop against a scripted model. */
class PaperStoryWriterTest {

    /** Person b answered 5, 1 and 3. */
    static Persona person() {
        return new IndividualsImporter().personas(IndividualsTest.table(), IndividualsTest.PVQ, Set.of()).get(1);
    }

    static String text(ModelRequest r) {
        return r.messages().get(0).content();
    }

    /**
     * The first story gets one question right; the first rewrite of it all three, the second none; rewrites of the
     * best story score the same, so the second round stops the loop.
     */
    static String script(ModelRequest r) {
        String t = text(r);
        if (t.startsWith("You write backstories")) {
            return "STORY-0";
        }
        if (t.startsWith("Improve the backstory")) {
            return t.contains("STORY-0") ? (r.sampleIndex() == 0 ? "STORY-good" : "STORY-bad") : "STORY-same";
        }
        return t.contains("STORY-0") ? "Q1: 5\nQ2: 2\nQ3: 2" : t.contains("STORY-bad") ? "Q1: 1\nQ2: 2\nQ3: 4"
                : "Q1: 5\nQ2: 1\nQ3: 3";
    }

    @Test
    void oneUserMessageWithTheStatementsWritesTheStoryOnce() {
        LlmBackstoryWriterTest.ScriptedModel model = new LlmBackstoryWriterTest.ScriptedModel(PaperStoryWriterTest::script);
        PaperStoryWriter writer = new PaperStoryWriter(LlmBackstoryWriterTest.gateway(model),
                Prompts.builtIn(Protocol.PAPER), IndividualsTest.PVQ, 0, 5, 0);
        Backstory story = writer.write(person());
        assertEquals("STORY-0", story.text());
        assertEquals(1, model.requests.size(), "no coverage retries and no optimisation by default");
        ModelRequest r = model.requests.get(0);
        assertEquals(1, r.messages().size());
        assertEquals("user", r.messages().get(0).role());
        assertEquals(Sampling.NO_CAP, r.sampling().maxTokens());
        assertTrue(text(r).endsWith("What is known about this person:\n" + String.join("\n",
                person().profile().stream().map(s -> s.text()).toList())), text(r));
        Persona empty = new Persona(7, null, null, java.util.Map.of(), List.of(), null);
        assertEquals("", writer.write(empty).text());
        assertEquals(1, model.requests.size(), "an empty profile gets an empty story without a call");
    }

    @Test
    void theOptimisationKeepsARewriteOnlyIfItScoresStrictlyHigher() {
        LlmBackstoryWriterTest.ScriptedModel model = new LlmBackstoryWriterTest.ScriptedModel(PaperStoryWriterTest::script);
        Backstory story = new PaperStoryWriter(LlmBackstoryWriterTest.gateway(model), Prompts.builtIn(Protocol.PAPER),
                IndividualsTest.PVQ, 0, 2, 3).write(person());
        assertEquals("STORY-good", story.text());
        // write 1 + score 1, round 1: 2 rewrites + 2 scores, round 2: 2 rewrites + 1 score (both rewrites are the
        // same story, so the gateway asks once) and no gain: stop
        assertEquals(9, model.requests.size());
        assertEquals(5, story.attempts(), "stories written: the first and two per round");
        String evaluate = model.requests.stream().map(PaperStoryWriterTest::text)
                .filter(t -> t.startsWith("Read the backstory")).findFirst().orElseThrow();
        assertTrue(evaluate.contains("Questions:\nQ1: It is important to her or him to be rich. She or he wants to have "
                + "a lot of money and expensive things.\nHow much like you is this person?\nOptions:\n1: Not like me at "
                + "all\n"), evaluate);
        assertTrue(evaluate.contains("\n\nQ2: It's very important"), evaluate);
    }
}
