package org.valuesim.core.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.valuesim.core.instrument.Instrument;
import org.valuesim.core.instrument.Item;
import org.valuesim.core.persona.Persona;
import org.valuesim.core.respond.Answer;
import org.valuesim.core.respond.Provenance;
import org.valuesim.core.respond.Respondent;
import org.valuesim.core.respond.PsychometricRespondentTest;

class ValueSimulationTest {

    /** A respondent that answers after a delay on another thread, like a model server would. */
    static final class SlowRespondent implements Respondent {
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger peak = new AtomicInteger();

        @Override
        public String kind() {
            return "slow";
        }

        @Override
        public CompletableFuture<Answer> answer(Persona persona, Instrument instrument, Item item) {
            peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            return CompletableFuture.supplyAsync(() -> {
                inFlight.decrementAndGet();
                // the later agents answer first: the barrier must still hand them over in agent order
                return Answer.ok(persona.id(), instrument.id(), item.id(), 1, null, "", Provenance.embedded("slow"));
            }, CompletableFuture.delayedExecutor(200L - persona.id(), TimeUnit.MILLISECONDS));
        }
    }

    @Test
    void everyAgentsQuestionsAreInFlightAtOnceAndResultsArriveInAgentOrder() {
        List<Persona> personas = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            personas.add(new Persona(i, null, null, Map.of()));
        }
        SlowRespondent respondent = new SlowRespondent();
        List<Integer> order = new ArrayList<>();
        List<Integer> completed = java.util.Collections.synchronizedList(new ArrayList<>());
        Instrument instrument = PsychometricRespondentTest.INSTRUMENT;
        new ValueSimulation(1, personas, respondent, List.of(instrument), a -> order.add(a.persona().id()),
                a -> completed.add(a.persona().id())).runToEnd();
        assertEquals(50 * instrument.items().size(), respondent.peak.get(), "all questions in flight together");
        assertEquals(java.util.stream.IntStream.range(0, 50).boxed().toList(), order);
        // progress is reported as agents finish: every agent once, the fastest (highest id) ones first
        assertEquals(50, completed.size());
        assertEquals(50, new java.util.HashSet<>(completed).size());
        assertTrue(completed.indexOf(49) < completed.indexOf(0), completed.toString());
    }

    @Test
    void aRespondentThatThrowsGivesFailedAnswersNotALostAgent() {
        Respondent broken = new Respondent() {
            @Override
            public String kind() {
                return "broken";
            }

            @Override
            public CompletableFuture<Answer> answer(Persona persona, Instrument instrument, Item item) {
                return CompletableFuture.failedFuture(new IllegalStateException("server gone"));
            }
        };
        List<AgentAnswers> got = new ArrayList<>();
        new ValueSimulation(1, List.of(new Persona(0, null, null, Map.of())), broken,
                List.of(PsychometricRespondentTest.INSTRUMENT), got::add, PhaseListener.NONE).runToEnd();
        assertEquals(1, got.size());
        assertEquals(3, got.get(0).answers().size());
        assertTrue(got.get(0).answers().stream().allMatch(a -> !a.isOk() && a.failure().contains("server gone")));
    }

    @Test
    void aSurveyReachesTheSinkInWindowsSoItsAnswersDoNotAllLiveAtOnce() {
        int agents = 3 * ValueSimulation.WINDOW + 5;
        List<Persona> personas = new ArrayList<>();
        for (int i = 0; i < agents; i++) {
            personas.add(new Persona(i, null, null, Map.of()));
        }
        AtomicInteger answered = new AtomicInteger();
        AtomicInteger unwritten = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        java.util.Set<String> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();
        Respondent embedded = new Respondent() {
            @Override
            public String kind() {
                return "embedded";
            }

            @Override
            public boolean recomputable() {
                return true;
            }

            @Override
            public CompletableFuture<Answer> answer(Persona persona, Instrument instrument, Item item) {
                if (item == instrument.items().get(0)) {
                    threads.add(Thread.currentThread().getName().replaceAll("\\d+$", ""));
                    answered.incrementAndGet();
                    peak.accumulateAndGet(unwritten.incrementAndGet(), Math::max);
                }
                return CompletableFuture.completedFuture(Answer.ok(persona.id(), instrument.id(), item.id(), 1, null, "",
                        Provenance.embedded("embedded")));
            }
        };
        List<Integer> order = new ArrayList<>();
        new ValueSimulation(1, personas, embedded, List.of(PsychometricRespondentTest.INSTRUMENT), a -> {
            order.add(a.persona().id());
            unwritten.decrementAndGet();
        }, PhaseListener.NONE).runToEnd();
        assertEquals(java.util.stream.IntStream.range(0, agents).boxed().toList(), order);
        assertEquals(agents, answered.get());
        assertTrue(peak.get() >= ValueSimulation.WINDOW && peak.get() <= 2 * ValueSimulation.WINDOW,
                "at most two windows answered and not yet written, got " + peak.get());
        assertEquals(java.util.Set.of("valuesim-answer-"), threads, "a recomputable survey is answered by the pool");
    }
}
