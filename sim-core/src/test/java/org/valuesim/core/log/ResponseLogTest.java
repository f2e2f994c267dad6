package org.valuesim.core.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.valuesim.core.instrument.Instrument;
import org.valuesim.core.instrument.Item;
import org.valuesim.core.persona.Persona;
import org.valuesim.core.respond.Answer;
import org.valuesim.core.respond.Provenance;
import org.valuesim.core.respond.PsychometricRespondentTest;
import org.valuesim.core.respond.Respondent;

class ResponseLogTest {

    @TempDir
    Path dir;

    static final Provenance MODEL = new Provenance("value-prompt", "qwen", "ab12", true, 3, 250, 140, 2);

    @Test
    void everyAnswerReadsBackExactly() throws Exception {
        Answer ok = Answer.ok(7, "pvq21", "pvq21-03", 4, new double[] {0.1, Math.PI / 10, 1e-17, 0.3, 0.2, 0.0858},
                "4", MODEL);
        Answer failed = Answer.failed(8, "pvq21", "pvq21-03", "unreadable answer after a repair call",
                "I \"think\" so\nmaybe", MODEL);
        Answer caps = Answer.ok(9, "pvq21", "pvq21-01", 5, new double[] {0, 0, 0, 0, 1, 0}, "", MODEL)
                .withModules(List.of(new Answer.ModuleAnswer("cognitive", 5, "fits"), new Answer.ModuleAnswer("affective", null, "?")));
        Answer split = Answer.allocated(10, "donation", "round-2", new int[] {3, 0, 7}, "1: 3\n3: 7", MODEL);
        try (ResponseLog log = ResponseLog.open(dir)) {
            CompletableFuture.allOf(log.append(ok), log.append(failed), log.append(caps), log.append(split)).join();
            assertEquals(4, log.appended());
        }
        try (ResponseLog log = ResponseLog.open(dir)) {
            assertEquals(4, log.loggedCount());
            for (Answer a : List.of(ok, failed, caps, split)) {
                Answer back = log.logged(a.agentId(), a.instrumentId(), a.itemId()).orElseThrow();
                assertEquals(a.status(), back.status());
                assertEquals(a.choice(), back.choice());
                assertEquals(a.failure(), back.failure());
                assertEquals(a.rawText(), back.rawText());
                assertEquals(a.provenance(), back.provenance());
                assertEquals(a.modules(), back.modules());
                assertArrayEquals(a.distribution(), back.distribution(), 0.0);
                assertArrayEquals(a.amounts(), back.amounts());
            }
            assertTrue(log.logged(7, "pvq21", "pvq21-04").isEmpty());
        }
    }

    @Test
    void linesAreJacksonsSerializationOfTheRecordByteForByte() throws Exception {
        Provenance embedded = Provenance.embedded("psychometric");
        List<Answer> answers = List.of(
                Answer.ok(7, "pvq21", "pvq21-03", 4, new double[] {0.1, Math.PI / 10, 1e-17, 0.3, 0.2, 0.0858}, "4", MODEL),
                Answer.failed(8, "pvq21", "pvq21-03", "model call failed: HTTP 500", "", embedded),
                Answer.ok(9, "pvq21", "pvq21-01", 5, new double[] {0, 0, 0, 0, 1, 0}, "I \"think\" so\n\u00dcber \ud83d\ude00", MODEL)
                        .withModules(List.of(new Answer.ModuleAnswer("cognitive", 5, "fits"),
                                new Answer.ModuleAnswer("affective", null, "?"))),
                Answer.allocated(10, "donation", "round-2", new int[] {3, 0, 7}, "1: 3\n3: 7", MODEL),
                Answer.ok(11, "pvq21", "pvq21-02", 1, new double[] {1, 0, 0, 0, 0, Double.MIN_VALUE}, "", embedded));
        try (ResponseLog log = ResponseLog.open(dir)) {
            for (Answer a : answers) {
                log.append(a).join();
            }
        }
        var jackson = new com.fasterxml.jackson.databind.ObjectMapper().writerFor(LogLine.class);
        StringBuilder expected = new StringBuilder();
        for (Answer a : answers) {
            // bytes, as the log's writer wrote them before: the byte generator escapes characters beyond the BMP
            expected.append(new String(jackson.writeValueAsBytes(LogLine.of(a)), StandardCharsets.UTF_8)).append('\n');
        }
        assertEquals(expected.toString(), Files.readString(dir.resolve(ResponseLog.FILE)));
    }

    @Test
    void aLineCutShortByACrashIsDroppedAndTheLogGoesOn() throws Exception {
        try (ResponseLog log = ResponseLog.open(dir)) {
            log.append(Answer.ok(1, "t", "a", 2, null, "", MODEL)).join();
        }
        Path file = dir.resolve(ResponseLog.FILE);
        Files.writeString(file, "{\"a\":2,\"i\":\"t\",\"q\":\"a\",\"c\":", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        try (ResponseLog log = ResponseLog.open(dir)) {
            assertEquals(1, log.loggedCount());
            log.append(Answer.ok(2, "t", "a", 3, null, "", MODEL)).join();
        }
        try (ResponseLog log = ResponseLog.open(dir)) {
            assertEquals(2, log.loggedCount());
            assertEquals(3, log.logged(2, "t", "a").orElseThrow().choice());
        }
        assertEquals(2, Files.readAllLines(file).size());
    }

    @Test
    void aLoggedAnswerIsNotAskedAgain() throws Exception {
        Instrument instrument = PsychometricRespondentTest.INSTRUMENT;
        Item item = instrument.items().get(0);
        AtomicInteger asked = new AtomicInteger();
        Respondent counting = new Respondent() {
            @Override
            public String kind() {
                return "counting";
            }

            @Override
            public CompletableFuture<Answer> answer(Persona persona, Instrument i, Item it) {
                asked.incrementAndGet();
                return CompletableFuture.completedFuture(Answer.ok(persona.id(), i.id(), it.id(), 2, null, "", MODEL));
            }
        };
        Persona persona = new Persona(0, null, null, Map.of());
        try (ResponseLog log = ResponseLog.open(dir)) {
            new LoggedRespondent(counting, log).answer(persona, instrument, item).join();
        }
        try (ResponseLog log = ResponseLog.open(dir)) {
            Answer again = new LoggedRespondent(counting, log).answer(persona, instrument, item).join();
            assertEquals(2, again.choice());
            assertEquals(0, log.appended());
        }
        assertEquals(1, asked.get(), "the second run read the answer from the log");
    }

    /** A respondent that counts what it is asked per agent and answers from a rule. */
    static final class Counting implements Respondent {
        final Map<Integer, AtomicInteger> asked = new java.util.concurrent.ConcurrentHashMap<>();
        final java.util.function.Function<Persona, Answer> rule;
        final boolean recomputable;

        Counting(java.util.function.Function<Persona, Answer> rule, boolean recomputable) {
            this.rule = rule;
            this.recomputable = recomputable;
        }

        @Override
        public String kind() {
            return "counting";
        }

        @Override
        public boolean recomputable() {
            return recomputable;
        }

        @Override
        public CompletableFuture<Answer> answer(Persona persona, Instrument i, Item it) {
            asked.computeIfAbsent(persona.id(), k -> new AtomicInteger()).incrementAndGet();
            return CompletableFuture.completedFuture(rule.apply(persona));
        }

        int asked(int agent) {
            return asked.getOrDefault(agent, new AtomicInteger()).get();
        }
    }

    @Test
    void resumeKeepsEveryRepliedAnswerFailedOrNotAndAsksAgainOnlyCallsThatGotNoReply() throws Exception {
        Instrument instrument = PsychometricRespondentTest.INSTRUMENT;
        Item item = instrument.items().get(0);
        // the first run: agent 0 answers, agent 1's reply cannot be read (paid for), agent 2's calls all fail
        java.util.function.Function<Persona, Answer> first = p -> switch (p.id()) {
            case 0 -> Answer.ok(0, instrument.id(), item.id(), 3, new double[] {0, 0, 1, 0, 0, 0}, "3", MODEL);
            case 1 -> Answer.failed(1, instrument.id(), item.id(), "unreadable answer after a repair call", "hm", MODEL);
            default -> Answer.failed(p.id(), instrument.id(), item.id(),
                    Answer.CALL_FAILED + ": connection refused at http://127.0.0.1:1/v1 (is the server running?)", "",
                    MODEL);
        };
        List<Persona> personas = List.of(new Persona(0, null, null, Map.of()), new Persona(1, null, null, Map.of()),
                new Persona(2, null, null, Map.of()), new Persona(3, null, null, Map.of()));
        try (ResponseLog log = ResponseLog.open(dir)) {
            LoggedRespondent logged = new LoggedRespondent(new Counting(first, false), log);
            for (Persona p : personas.subList(0, 3)) {
                logged.answer(p, instrument, item).join();
            }
        }
        // the resumed run: the server is back; it would now answer 5 for everyone
        Counting second = new Counting(p -> Answer.ok(p.id(), instrument.id(), item.id(), 5,
                new double[] {0, 0, 0, 0, 1, 0}, "5", MODEL), false);
        List<Answer> resumed = new java.util.ArrayList<>();
        try (ResponseLog log = ResponseLog.open(dir)) {
            assertEquals(2, log.loggedCount(), "the call that got no reply is not read back");
            LoggedRespondent logged = new LoggedRespondent(second, log);
            for (Persona p : personas) {
                resumed.add(logged.answer(p, instrument, item).join());
            }
            assertEquals(2, log.appended());
        }
        assertEquals(0, second.asked(0), "an answer is not asked twice");
        assertEquals(0, second.asked(1), "a paid reply that could not be read is not asked twice");
        assertEquals(3, resumed.get(0).choice());
        assertEquals("unreadable answer after a repair call", resumed.get(1).failure());
        assertEquals("hm", resumed.get(1).rawText());
        assertEquals(1, second.asked(2), "a call that got no reply is asked again");
        assertEquals(5, resumed.get(2).choice());
        assertEquals(1, second.asked(3));
        try (ResponseLog log = ResponseLog.open(dir)) {
            assertEquals(4, log.loggedCount());
            assertEquals(5, log.logged(2, instrument.id(), item.id()).orElseThrow().choice(), "the last line counts");
        }
        assertEquals(5, Files.readAllLines(dir.resolve(ResponseLog.FILE)).size());
    }

    @Test
    void recomputableAnswersBypassTheLog() throws Exception {
        Instrument instrument = PsychometricRespondentTest.INSTRUMENT;
        Item item = instrument.items().get(0);
        Counting embedded = new Counting(p -> Answer.ok(p.id(), instrument.id(), item.id(), 2, null, "",
                Provenance.embedded("counting")), true);
        Persona persona = new Persona(0, null, null, Map.of());
        for (int run = 0; run < 2; run++) {
            try (ResponseLog log = ResponseLog.open(dir)) {
                assertEquals(2, new LoggedRespondent(embedded, log).answer(persona, instrument, item).join().choice());
                assertEquals(0, log.appended());
            }
        }
        assertEquals(2, embedded.asked(0), "computed again, not read back");
        assertEquals(0, Files.size(dir.resolve(ResponseLog.FILE)));
    }
}
