package org.valuesim.core.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.valuesim.core.instrument.Instrument;
import org.valuesim.core.persona.Persona;
import org.valuesim.core.respond.Answer;
import org.valuesim.core.respond.Decision;
import org.valuesim.core.respond.Provenance;
import org.valuesim.core.respond.PsychometricRespondentTest;
import org.valuesim.core.respond.Respondent;
import org.valuesim.core.values.ValueProfile;

class ShardedRespondentTest {

    static final Instrument SURVEY = PsychometricRespondentTest.INSTRUMENT;

    /** A remote side that answers every question with its agent id as the choice, and records the blocks. */
    final List<Block> sent = new CopyOnWriteArrayList<>();
    final BlockRunner echo = block -> {
        sent.add(block);
        return CompletableFuture.completedFuture(block.questions().stream().map(q -> Answer.ok(q.agent(),
                q.instrument(), q.item(), q.agent(), null, q.move() == null ? "" : q.move().text(),
                Provenance.embedded("test"))).toList());
    };

    static final Respondent LOCAL = new Respondent() {
        @Override
        public String kind() {
            return "test";
        }

        @Override
        public CompletableFuture<Answer> answer(Persona persona, Instrument instrument,
                                                org.valuesim.core.instrument.Item item) {
            throw new AssertionError("the local respondent is asked nothing");
        }
    };

    static Persona persona(int id) {
        return new Persona(id, new ValueProfile(new double[10]), null, Map.of("id", Integer.toString(id)));
    }

    @Test
    void fullBlocksOfContiguousAgentsGoAtOnceAndAnswersComeBackToTheirQuestions() {
        ShardedRespondent sharded = new ShardedRespondent(LOCAL, 5, 2, 5, SURVEY.items().size(), echo, 60_000);
        List<CompletableFuture<Answer>> answers = new ArrayList<>();
        for (int id = 0; id < 5; id++) {
            for (var item : SURVEY.items()) {
                answers.add(sharded.answer(persona(id), SURVEY, item));
            }
        }
        // agents {0,1}, {2,3} and the short last block {4} are all full: none waits for the linger
        assertEquals(3, sent.size());
        assertEquals(List.of(0, 1), sent.get(0).personas().stream().map(Persona::id).toList());
        assertEquals(List.of(4), sent.get(2).personas().stream().map(Persona::id).toList());
        assertEquals(6, sent.get(0).questions().size());
        for (int i = 0; i < answers.size(); i++) {
            Answer a = answers.get(i).join();
            assertEquals(i / 3, a.agentId());
            assertEquals(SURVEY.items().get(i % 3).id(), a.itemId());
        }
        sharded.close();
    }

    @Test
    void surveyBlocksEndAtWindowEdgesSoEachWindowsBlocksGoWithoutTheLinger() {
        // windows of 4 agents, blocks of at most 3: {0,1,2} {3} | {4,5,6} {7} | {8,9}
        ShardedRespondent sharded = new ShardedRespondent(LOCAL, 10, 3, 4, 1, echo, 60_000);
        var item = SURVEY.items().get(0);
        List<CompletableFuture<Answer>> firstWindow = new ArrayList<>();
        for (int id = 0; id < 4; id++) {
            firstWindow.add(sharded.answer(persona(id), SURVEY, item));
        }
        assertTrue(firstWindow.stream().allMatch(CompletableFuture::isDone), "the first window is answered at once");
        for (int id = 4; id < 10; id++) {
            sharded.answer(persona(id), SURVEY, item);
        }
        assertEquals(List.of(List.of(0, 1, 2), List.of(3), List.of(4, 5, 6), List.of(7), List.of(8, 9)),
                sent.stream().map(b -> b.personas().stream().map(Persona::id).toList()).toList());
        // a dilemma round steps every agent at once: its blocks ignore the survey's windows
        Decision decision = new Decision("public-goods", 1, SURVEY, new org.valuesim.core.instrument.Item("round-1",
                "t", null, false, null), Double.NaN);
        for (int id = 0; id < 6; id++) {
            assertTrue(sharded.act(persona(id), decision).isDone() == (id % 3 == 2));
        }
        sharded.close();
    }

    @Test
    void aBlockThatCannotFillGoesAfterTheLingerAndMovesCarryWhatTheAgentSaw() {
        ShardedRespondent sharded = new ShardedRespondent(LOCAL, 4, 4, 4, SURVEY.items().size(), echo, 50);
        // a resumed run: agent 1's answers are logged, so the block of agents 0-3 never fills
        CompletableFuture<Answer> first = sharded.answer(persona(0), SURVEY, SURVEY.items().get(0));
        assertFalse(first.isDone());
        assertEquals(0, first.join().agentId());
        assertEquals(1, sent.size());

        var frame = SURVEY;
        Decision decision = new Decision("public-goods", 2, frame,
                new org.valuesim.core.instrument.Item("round-2", "you gave 3", null, false, null), 0.25);
        List<CompletableFuture<Answer>> moves = new ArrayList<>();
        for (int id = 0; id < 4; id++) {
            moves.add(sharded.act(persona(id), decision));
        }
        Block round = sent.get(1);
        assertEquals(frame.id() + "#2", round.phase());
        assertEquals(new Question.Move("public-goods", 2, "you gave 3", 0.25), round.questions().get(3).move());
        assertEquals("you gave 3", moves.get(3).join().rawText());
        sharded.close();
    }

    @Test
    void aBlockThatFailsFailsItsQuestions() {
        ShardedRespondent sharded = new ShardedRespondent(LOCAL, 1, 1, 1, 1, block -> CompletableFuture.failedFuture(
                new IllegalStateException("no member")), 60_000);
        CompletableFuture<Answer> answer = sharded.answer(persona(0), SURVEY, SURVEY.items().get(0));
        assertTrue(answer.isCompletedExceptionally());
        CompletionException e = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class, answer::join);
        assertEquals("no member", e.getCause().getMessage());
        sharded.close();
    }

    @Test
    void personasTravelExactly() {
        Persona p = new Persona(7, new ValueProfile(new double[] {0.1, 1e-17, -3.3333333333333335, 4, 5, 6, 7, 8, 9,
            Math.PI}), org.valuesim.core.values.SchwartzValue.values()[2], Map.of("age", "30-44"),
                List.of(new org.valuesim.core.persona.ProfileStatement("k", "a", "t", "s", "4")), "a story");
        assertEquals(List.of(p), PersonaCodec.read(PersonaCodec.write(List.of(p))));
    }
}
