package org.valuesim.core.dilemma;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.valuesim.core.instrument.Instrument;
import org.valuesim.core.instrument.Item;
import org.valuesim.core.network.NetworkSpec;
import org.valuesim.core.persona.Persona;
import org.valuesim.core.respond.Answer;
import org.valuesim.core.respond.Prompts;
import org.valuesim.core.respond.Provenance;
import org.valuesim.core.respond.PsychometricRespondent;
import org.valuesim.core.respond.Respondent;
import org.valuesim.core.sim.ValueSimulation;
import org.valuesim.core.values.SchwartzValue;
import org.valuesim.core.values.ValueProfile;

class DilemmaPhaseTest {

    static final Dilemma PUBLIC_GOODS = new Dilemma("public-goods", new Games.PublicGoods(10, 3), 5,
            new NetworkSpec("small-world", 6, 0.1, 0));

    /** Even ids lean to self-transcendence, odd ids to self-enhancement, by the same margin. */
    static List<Persona> personas(int n) {
        List<Persona> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[] v = new double[SchwartzValue.count()];
            java.util.Arrays.fill(v, 4);
            boolean transcendent = i % 2 == 0;
            v[SchwartzValue.UNIVERSALISM.ordinal()] = transcendent ? 5 : 3;
            v[SchwartzValue.BENEVOLENCE.ordinal()] = transcendent ? 5 : 3;
            v[SchwartzValue.POWER.ordinal()] = transcendent ? 3 : 5;
            v[SchwartzValue.ACHIEVEMENT.ordinal()] = transcendent ? 3 : 5;
            out.add(new Persona(i, new ValueProfile(v), null, Map.of()));
        }
        return out;
    }

    static List<RoundResult> play(Respondent respondent, List<Persona> personas, List<Dilemma> dilemmas, long seed) {
        List<RoundResult> rounds = Collections.synchronizedList(new ArrayList<>());
        new ValueSimulation(seed, personas, respondent, List.of(), a -> { }, x -> { }, dilemmas, Prompts.builtIn(),
                rounds::add).runToEnd();
        return rounds;
    }

    @Test
    void selfTranscendentAgentsContributeMoreAndRoundsKeepTheirOrder() {
        List<RoundResult> rounds = play(new PsychometricRespondent(Map.of(), null, 11), personas(400),
                List.of(PUBLIC_GOODS), 11);
        assertEquals(List.of(1, 2, 3, 4, 5), rounds.stream().map(RoundResult::round).toList());
        double[] sum = new double[2];
        for (RoundResult r : rounds) {
            assertEquals(400, r.moves().size());
            for (Move m : r.moves()) {
                sum[m.agentId() % 2] += m.cooperation();
            }
        }
        double transcendent = sum[0] / (200 * 5);
        double enhancing = sum[1] / (200 * 5);
        // d = +2 vs -2 scale points, weight 0.3: about 1.2 apart on the utility scale
        assertTrue(transcendent > enhancing + 0.15, transcendent + " vs " + enhancing);
    }

    @Test
    void theSameSeedPlaysTheSameGameAndAnotherSeedAnother() {
        List<Dilemma> all = List.of(PUBLIC_GOODS,
                new Dilemma("pd", new Games.PrisonersDilemma(3, 0, 5, 1), 3, new NetworkSpec("scale-free", 0, 0, 2)),
                new Dilemma("dictator", new Games.Dictator(10), 2, new NetworkSpec("ring", 4, 0, 0)),
                new Dilemma("donation", new Games.Donation(10, List.of(new Games.Donation.Cause("a", "A", "universalism"))),
                        2, new NetworkSpec("complete", 0, 0, 0)));
        List<RoundResult> a = play(new PsychometricRespondent(Map.of(), null, 5), personas(60), all, 5);
        List<RoundResult> b = play(new PsychometricRespondent(Map.of(), null, 5), personas(60), all, 5);
        List<RoundResult> c = play(new PsychometricRespondent(Map.of(), null, 6), personas(60), all, 6);
        assertEquals(12, a.size());
        assertEquals(describe(a), describe(b));
        assertTrue(!describe(a).equals(describe(c)));
        // dilemmas are played in the scenario's order
        assertEquals(List.of("public-goods", "pd", "dictator", "donation"),
                a.stream().map(RoundResult::dilemma).distinct().toList());
    }

    static List<String> describe(List<RoundResult> rounds) {
        return rounds.stream().flatMap(r -> r.moves().stream().map(m -> r.dilemma() + r.round() + ":" + m.agentId() + "="
                + m.action() + "/" + m.payoff())).toList();
    }

    /** A text-reading respondent that contributes its agent id mod 11 and remembers what it was told. */
    static final class Scripted implements Respondent {
        final Map<String, String> seen = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public String kind() {
            return "scripted";
        }

        @Override
        public CompletableFuture<Answer> answer(Persona persona, Instrument instrument, Item item) {
            seen.put(persona.id() + "/" + item.id(), item.text());
            if (persona.id() == 3) {
                return CompletableFuture.completedFuture(Answer.failed(persona.id(), instrument.id(), item.id(),
                        "unreadable answer", "I'd rather not say", Provenance.embedded("scripted")));
            }
            return CompletableFuture.supplyAsync(() -> Answer.ok(persona.id(), instrument.id(), item.id(),
                    persona.id() % 11, null, Integer.toString(persona.id() % 11), Provenance.embedded("scripted")));
        }
    }

    @Test
    void eachRoundTellsTheAgentItsLastMovePayoffAndItsNeighboursMoves() {
        Scripted respondent = new Scripted();
        Dilemma ring = new Dilemma("pg", new Games.PublicGoods(10, 2), 2, new NetworkSpec("ring", 2, 0, 0));
        List<RoundResult> rounds = play(respondent, personas(6), List.of(ring), 1);
        String first = respondent.seen.get("2/round-1");
        assertTrue(first.contains("10 points") && first.contains("multiplied by 2") && first.contains("first round"), first);
        String second = respondent.seen.get("2/round-2");
        // agent 2 on a ring of six has neighbours 1 and 3; 3's move failed
        assertTrue(second.contains("round 2 of 2"), second);
        assertTrue(second.contains("you chose 2"), second);
        assertTrue(second.contains("Your contacts chose: 1, no readable move."), second);
        double pay = rounds.get(0).moves().get(2).payoff();
        assertTrue(second.contains("earned " + Games.number(Math.round(pay * 100) / 100.0) + " points"), second);
        // the failed move is recorded with its reason, not dropped
        Move failed = rounds.get(0).moves().get(3);
        assertEquals("", failed.action());
        assertTrue(Double.isNaN(failed.cooperation()));
        assertEquals("unreadable answer", failed.answer().failure());
    }

    @Test
    void withMemoryAgentsAreShownTheirLastRoundsOldestFirst() {
        Scripted respondent = new Scripted();
        Dilemma ring = new Dilemma("pg", new Games.PublicGoods(10, 2), 4, 2, new NetworkSpec("ring", 2, 0, 0));
        List<RoundResult> rounds = play(respondent, personas(6), List.of(ring), 1);
        // round 2 remembers one round, told as with memory 1
        String second = respondent.seen.get("2/round-2");
        assertTrue(second.contains("This is round 2 of 4. In the last round you chose 2"), second);
        String fourth = respondent.seen.get("2/round-4");
        String pay2 = Games.number(Math.round(rounds.get(1).moves().get(2).payoff() * 100) / 100.0);
        String pay3 = Games.number(Math.round(rounds.get(2).moves().get(2).payoff() * 100) / 100.0);
        assertTrue(fourth.endsWith("This is round 4 of 4. Here are the last 2 rounds, oldest first:\n"
                + "Round 2: you chose 2, and you earned " + pay2 + " points. Your contacts chose: 1, no readable move.\n"
                + "Round 3: you chose 2, and you earned " + pay3 + " points. Your contacts chose: 1, no readable move."),
                fourth);
        assertTrue(!fourth.contains("Round 1:"), "only the last two rounds: " + fourth);
    }
}
