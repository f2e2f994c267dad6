package org.valuesim.core.dilemma;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.valuesim.core.instrument.Instrument;
import org.valuesim.core.instrument.Item;
import org.valuesim.core.llm.CallsStopped;
import org.valuesim.core.network.SocialNetwork;
import org.valuesim.core.parallel.Slices;
import org.valuesim.core.persona.Persona;
import org.valuesim.core.random.Streams;
import org.valuesim.core.respond.Answer;
import org.valuesim.core.respond.Decision;
import org.valuesim.core.respond.Prompts;
import org.valuesim.core.respond.Provenance;
import org.valuesim.core.respond.Respondent;
import org.valuesim.core.respond.ValueRule;
import sim.engine.SimState;
import sim.engine.Steppable;

/**
 * One dilemma's rounds on the MASON schedule. In each round every agent steps (ordering 0) and puts its move in
 * flight with what it saw of the last round; the round's barrier (ordering 1) waits for the moves in agent order,
 * pays them, hands the round to the sink and schedules the next round's steps. Rounds therefore keep their order
 * while a slow model answers all agents of a round at once. A respondent whose moves are the value rule is not asked
 * one move at a time: its agents' steps keep what they saw, and the barrier makes their moves in agent order from
 * per-agent terms worked out once per phase ({@link ValueRule.Moves}), the same moves as asking it would give.
 */
public final class DilemmaPhase {

    private static final int MAX_LISTED = 12;

    private final Dilemma dilemma;
    private final List<Persona> personas;
    private final Respondent respondent;
    private final Prompts prompts;
    private final RoundSink sink;
    private final long seed;
    private final Runnable atBarrier;
    private final Executor threads;
    /** Agents per slice of a round's moves: one slice per core on the threads, or all of them on the schedule's. */
    private final int slice;
    /** Each agent's persona id, as its moves are recorded. */
    private final int[] ids;
    private final Instrument frame;
    private final boolean readsText;
    private SocialNetwork network;
    /** The value rule's moves when the respondent's moves are that rule (built with the network); else null. */
    private ValueRule.Moves ruled;
    private final Provenance ruledProvenance;
    /** Per agent, the round's move in flight (a respondent asked through act). */
    private final CompletableFuture<Answer>[] pending;
    /**
     * Per agent, its neighbours' cooperation as it saw it this round (a respondent that plays by the value rule: its
     * move is that rule's function of what it saw, made as the barrier collects the moves, in agent order).
     */
    private final double[] seen;
    /** Each agent's step, made once: every round schedules the same ones. */
    private Steppable[] agentSteps;
    /** The round being played, its item id and the item every agent is asked when the respondent reads no text. */
    private int round;
    private String itemId;
    private Item shared;
    /** Per agent, the last round's cooperation (null before the first round). */
    private double[] lastCooperation;
    /** The rounds agents are shown, oldest first: the dilemma's memory for text readers, else the last one. */
    private final ArrayDeque<PlayedRound> history = new ArrayDeque<>();

    /** A played round as agents are later told it: each agent's action text and payoff. */
    public record PlayedRound(int round, String[] actions, double[] payoffs) {
    }

    public DilemmaPhase(Dilemma dilemma, List<Persona> personas, Respondent respondent, Prompts prompts,
                        RoundSink sink, long seed) {
        this(dilemma, personas, respondent, prompts, sink, seed, () -> { }, null);
    }

    /**
     * @param atBarrier run as each round's barrier starts waiting, when every move of the round is in flight
     * @param threads where the barrier makes and records a slice of the round's moves while it makes another itself
     *                (one slice per core), or null to make them all on the schedule's thread: each move is a function
     *                of its agent and what it saw, so the round is the same either way
     */
    public DilemmaPhase(Dilemma dilemma, List<Persona> personas, Respondent respondent, Prompts prompts,
                        RoundSink sink, long seed, Runnable atBarrier, Executor threads) {
        this.atBarrier = atBarrier;
        this.threads = threads;
        this.dilemma = dilemma;
        this.personas = List.copyOf(personas);
        this.respondent = respondent;
        this.prompts = prompts;
        this.sink = sink;
        this.seed = seed;
        this.frame = dilemma.game().frame(dilemma.id());
        this.readsText = respondent.readsDecisionText();
        this.ruledProvenance = Provenance.embedded(respondent.kind());
        boolean byRule = respondent.valueRule().isPresent();
        this.pending = byRule ? null : newPending(this.personas.size());
        this.seen = byRule ? new double[this.personas.size()] : null;
        this.ids = this.personas.stream().mapToInt(Persona::id).toArray();
        int n = this.personas.size();
        int slices = threads == null ? 1 : Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), n));
        this.slice = Math.max(1, (n + slices - 1) / slices);
    }

    @SuppressWarnings("unchecked")
    private static CompletableFuture<Answer>[] newPending(int agents) {
        return new CompletableFuture[agents];
    }

    public Dilemma dilemma() {
        return dilemma;
    }

    /** The network, built when the phase is scheduled; null before. */
    public SocialNetwork network() {
        return network;
    }

    /** Builds the network and schedules the first round at {@code time}; the others follow one time step apart. */
    public void schedule(SimState state, double time) {
        schedule(state, time, network(dilemma, personas.size(), seed));
    }

    /** Schedules the rounds as {@link #schedule(SimState, double)} does, on a network built already. */
    public void schedule(SimState state, double time, SocialNetwork built) {
        if (built.size() != personas.size()) {
            throw new IllegalArgumentException("a network of " + built.size() + " agents for " + personas.size()
                    + " personas");
        }
        network = built;
        if (seen != null) {
            ruled = respondent.valueRule().orElseThrow().moves(personas, frame, dilemma.game().kind());
        }
        scheduleRound(state, time, 1);
    }

    /** The dilemma's network for a run's agents and seed, as a run builds it (the estimate builds the same). */
    public static SocialNetwork network(Dilemma dilemma, int agents, long seed) {
        return org.valuesim.core.network.SocialNetworks.build(dilemma.network(), agents,
                Streams.key(seed, "network", 0) ^ dilemma.id().hashCode());
    }

    private void scheduleRound(SimState state, double time, int round) {
        this.round = round;
        itemId = "round-" + round;
        // a respondent that does not read the decision's text is asked the same item by every agent of the round
        shared = readsText ? null : new Item(itemId, dilemma.game().kind(), null, false, null);
        if (agentSteps == null) {
            agentSteps = new Steppable[personas.size()];
            for (int i = 0; i < agentSteps.length; i++) {
                int agent = i;
                agentSteps[i] = s -> step(agent);
            }
        }
        for (Steppable agent : agentSteps) {
            state.schedule.scheduleOnce(time, 0, agent);
        }
        state.schedule.scheduleOnce(time, 1, (Steppable) s -> close(s, time));
    }

    /**
     * An agent's step: its decision, with the last round as it saw it, goes to its respondent; for a respondent that
     * plays by the value rule, what it saw is kept for the barrier to make its move.
     */
    private void step(int agent) {
        int[] neighbours = network.neighbours(agent);
        double others = Double.NaN;
        if (round > 1) {
            double sum = 0;
            int count = 0;
            for (int j : neighbours) {
                if (!Double.isNaN(lastCooperation[j])) {
                    sum += lastCooperation[j];
                    count++;
                }
            }
            others = count == 0 ? Double.NaN : sum / count;
        }
        if (ruled != null) {
            seen[agent] = others;
            return;
        }
        Persona persona = personas.get(agent);
        Item item = shared != null ? shared
                : new Item(itemId, decisionText(prompts, dilemma, agent, round, neighbours, history), null, false, null);
        Decision decision = new Decision(dilemma.game().kind(), round, frame, item, others);
        CompletableFuture<Answer> move = respondent.act(persona, decision);
        // an embedded respondent's move is already made: no second future for a failure that cannot come
        pending[agent] = move.isDone() && !move.isCompletedExceptionally() ? move : move.exceptionally(e -> {
            CallsStopped.rethrowIfStopped(e);
            return Answer.failed(persona.id(), frame.id(), item.id(), "respondent error: " + e, "",
                    Provenance.embedded(respondent.kind()));
        });
    }

    /** The game and the remembered rounds as an agent saw them: the text of its decision. */
    public static String decisionText(Prompts prompts, Dilemma dilemma, int agent, int round, int[] neighbours,
                                      java.util.Collection<PlayedRound> history) {
        List<Map<String, String>> past = new ArrayList<>();
        for (PlayedRound p : history) {
            Map<String, String> seen = new LinkedHashMap<>();
            seen.put("played", Integer.toString(p.round()));
            String own = p.actions()[agent];
            seen.put("own", own.isEmpty() ? "nothing (your answer could not be read)" : own);
            seen.put("payoff", Games.number(Math.round(p.payoffs()[agent] * 100) / 100.0));
            seen.put("neighbours", describe(neighbours, p.actions()));
            past.add(seen);
        }
        return prompts.game(dilemma.game().kind(), dilemma.game().parameters(neighbours.length), round,
                dilemma.rounds(), past);
    }

    /** The neighbours' moves in one round: up to a dozen listed, then how many more. */
    private static String describe(int[] neighbours, String[] actions) {
        if (neighbours.length == 0) {
            return "nobody (you have no contacts)";
        }
        List<String> moves = new ArrayList<>();
        for (int k = 0; k < neighbours.length && k < MAX_LISTED; k++) {
            String a = actions[neighbours[k]];
            moves.add(a.isEmpty() ? "no readable move" : a);
        }
        String listed = String.join(", ", moves);
        return neighbours.length > MAX_LISTED ? listed + " and " + (neighbours.length - MAX_LISTED) + " more" : listed;
    }

    /** The round's barrier: moves in agent order, payoffs, the sink, then the next round. */
    private void close(SimState state, double time) {
        atBarrier.run();
        int n = personas.size();
        Answer[] answers = new Answer[n];
        if (ruled != null) {
            ValueRule.Moves.Round moves = ruled.round(round);
            Slices.run(n, slice, threads, (from, to) -> {
                for (int i = from; i < to; i++) {
                    answers[i] = ruled.answer(i, itemId, moves.utility(i, seen[i]), ruledProvenance);
                }
            });
        } else {
            for (int i = 0; i < n; i++) {
                answers[i] = pending[i].join();
            }
        }
        double[] pay = dilemma.game().payoffs(java.util.Arrays.asList(answers), network,
                Streams.of(seed, "dilemma-payoffs", round, dilemma.id()));
        Move[] result = new Move[n];
        String[] actions = new String[n];
        // every step of the round has read the last round's cooperation: this round's takes its place
        double[] cooperation = lastCooperation != null ? lastCooperation : new double[n];
        Slices.run(n, slice, threads, (from, to) -> {
            for (int i = from; i < to; i++) {
                Answer a = answers[i];
                actions[i] = dilemma.game().action(a);
                cooperation[i] = a.isOk() ? dilemma.game().cooperation(a) : Double.NaN;
                result[i] = new Move(ids[i], actions[i], cooperation[i], pay[i], a);
            }
        });
        lastCooperation = cooperation;
        history.addLast(new PlayedRound(round, actions, pay));
        while (history.size() > (readsText ? dilemma.memory() : 1)) {
            history.removeFirst();
        }
        try {
            sink.accept(new RoundResult(dilemma.id(), dilemma.game().kind(), round, dilemma.rounds(),
                    java.util.Arrays.asList(result)));
        } catch (Exception e) {
            throw new SimulationException("could not record round " + round + " of " + dilemma.id(), e);
        }
        if (round < dilemma.rounds()) {
            scheduleRound(state, time + 1, round + 1);
        }
    }
}
