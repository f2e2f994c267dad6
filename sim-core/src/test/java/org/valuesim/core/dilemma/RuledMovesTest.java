package org.valuesim.core.dilemma;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.valuesim.core.instrument.Instrument;
import org.valuesim.core.instrument.Item;
import org.valuesim.core.network.NetworkSpec;
import org.valuesim.core.parallel.Slices;
import org.valuesim.core.persona.Persona;
import org.valuesim.core.respond.Answer;
import org.valuesim.core.respond.Decision;
import org.valuesim.core.respond.Prompts;
import org.valuesim.core.respond.PsychometricRespondent;
import org.valuesim.core.respond.Respondent;
import org.valuesim.core.values.SchwartzValue;
import org.valuesim.core.values.ValueProfile;
import org.valuesim.core.values.ValueStatistics;
import sim.engine.SimState;

/**
 * A respondent that plays by the value rule has its moves made by the phase from per-agent terms worked out once
 * ({@code ValueRule.Moves}), in slices on threads (a run's answering threads, it being recomputable); they must be
 * exactly the moves its {@code act} makes one by one on the schedule's thread.
 */
class RuledMovesTest {

    /** The same respondent with its rule hidden and not recomputable: the phase asks {@code act} for every move. */
    record OneByOne(Respondent inner) implements Respondent {

        @Override
        public String kind() {
            return inner.kind();
        }

        @Override
        public CompletableFuture<Answer> answer(Persona persona, Instrument instrument, Item item) {
            return inner.answer(persona, instrument, item);
        }

        @Override
        public CompletableFuture<Answer> act(Persona persona, Decision decision) {
            return inner.act(persona, decision);
        }

        @Override
        public boolean readsDecisionText() {
            return false;
        }
    }

    /** Personas with latent values (spread), with only a dominant value, and with neither. */
    static List<Persona> mixed(int n) {
        List<Persona> out = new ArrayList<>();
        java.util.SplittableRandom random = new java.util.SplittableRandom(9);
        for (int i = 0; i < n; i++) {
            if (i % 5 == 3) {
                out.add(new Persona(i, null, SchwartzValue.values()[i % SchwartzValue.count()], Map.of()));
            } else if (i % 5 == 4) {
                out.add(new Persona(i, null, null, Map.of()));
            } else {
                double[] v = new double[SchwartzValue.count()];
                for (int k = 0; k < v.length; k++) {
                    v[k] = 1 + 5 * random.nextDouble();
                }
                out.add(new Persona(i, new ValueProfile(v), null, Map.of()));
            }
        }
        return out;
    }

    static List<String> everything(List<RoundResult> rounds) {
        List<String> out = new ArrayList<>();
        for (RoundResult r : rounds) {
            for (Move m : r.moves()) {
                Answer a = m.answer();
                out.add(r.dilemma() + "/" + r.round() + " " + m.agentId() + " " + m.action() + " " + m.cooperation() + " "
                        + m.payoff() + " | " + a.agentId() + " " + a.instrumentId() + " " + a.itemId() + " " + a.choice()
                        + " " + Arrays.toString(a.distribution()) + " " + Arrays.toString(a.amounts()) + " "
                        + a.status() + " " + a.failure() + " " + a.rawText() + " " + a.provenance() + " " + a.modules());
            }
        }
        return out;
    }

    /** The dilemmas played one after another, as a run plays them, their moves made in slices on {@code threads}. */
    static List<RoundResult> playOn(Executor threads, Respondent respondent, List<Persona> personas,
                                    List<Dilemma> dilemmas, long seed) {
        List<RoundResult> rounds = new ArrayList<>();
        SimState state = new SimState(seed);
        state.start();
        double time = 0;
        for (Dilemma dilemma : dilemmas) {
            new DilemmaPhase(dilemma, personas, respondent, Prompts.builtIn(), rounds::add, seed, () -> { }, threads)
                    .schedule(state, time);
            time += dilemma.rounds();
        }
        while (state.schedule.step(state)) {
            // one round's steps and barrier per time step
        }
        state.finish();
        return rounds;
    }

    @Test
    void movesMadeFromTermsWorkedOutOnceAreTheMovesActMakes() {
        double[] means = new double[SchwartzValue.count()];
        double[] sds = new double[SchwartzValue.count()];
        Arrays.fill(means, 3.5);
        Arrays.fill(sds, 1);
        means[SchwartzValue.UNIVERSALISM.ordinal()] = 4.2;
        double[][] correlation = new double[SchwartzValue.count()][SchwartzValue.count()];
        for (int k = 0; k < correlation.length; k++) {
            correlation[k][k] = 1;
        }
        ValueStatistics population = new ValueStatistics(means, sds, correlation);
        List<Dilemma> all = List.of(
                new Dilemma("public-goods", new Games.PublicGoods(10, 3), 4, new NetworkSpec("small-world", 4, 0.2, 0)),
                new Dilemma("pd", new Games.PrisonersDilemma(3, 0, 5, 1), 3, new NetworkSpec("scale-free", 0, 0, 2)),
                new Dilemma("dictator", new Games.Dictator(25), 3, new NetworkSpec("ring", 4, 0, 0)),
                new Dilemma("donation", new Games.Donation(10, List.of(new Games.Donation.Cause("a", "A", "universalism"),
                        new Games.Donation.Cause("b", "B", "power"))), 2, new NetworkSpec("complete", 0, 0, 0)));
        // three slices of a round's moves, whatever the number of cores
        int n = 2 * Slices.SIZE + 1;
        List<Persona> personas = mixed(n);
        PsychometricRespondent ruled = new PsychometricRespondent(Map.of(), population, 21);
        assertTrue(ruled.valueRule().isPresent());
        AtomicInteger sliced = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<String> fast;
        try {
            fast = everything(playOn(task -> {
                sliced.incrementAndGet();
                pool.execute(task);
            }, ruled, personas, all, 21));
        } finally {
            pool.shutdownNow();
        }
        List<String> slow = everything(DilemmaPhaseTest.play(
                new OneByOne(new PsychometricRespondent(Map.of(), population, 21)), personas, all, 21));
        int rounds = 4 + 3 + 3 + 2;
        // each round's barrier hands two slices of its moves and two of their records to the threads
        assertEquals(rounds * 2 * 2, sliced.get(), "slices on the threads");
        assertEquals(n * rounds, fast.size());
        for (int i = 0; i < slow.size(); i++) {
            assertEquals(slow.get(i), fast.get(i), "move " + i);
        }
        assertEquals(slow.size(), fast.size());
    }
}
