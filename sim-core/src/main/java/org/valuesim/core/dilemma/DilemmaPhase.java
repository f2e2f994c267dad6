package org.valuesim.core.dilemma;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.valuesim.core.failure.SimulationException;
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
    /** Each agent's persona id, as its moves are recorded. */
    private final int[] ids;
    private final Instrument frame;
    private final boolean readsText;
    /** How the rounds' moves are made: by the respondent's value rule, or asked of it agent by agent. */
    private final RoundMoves moves;
    private SocialNetwork network;
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
     * @param threads where the barrier makes and records slices of the round's moves ({@link Slices}) while it makes
     *                the first itself, or null to make them all on the schedule's thread: each move is a function of
     *                its agent and what it saw, so the round is the same either way
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
        this.ids = this.personas.stream().mapToInt(Persona::id).toArray();
        this.moves = respondent.valueRule().<RoundMoves>map(Ruled::new).orElseGet(Asked::new);
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

    /** An agent's step: the last round as it saw it (its neighbours' mean cooperation) goes to its move. */
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
        moves.step(agent, neighbours, others);
    }

    /** How a round's moves are made: each agent's step hands over what it saw, the barrier collects the moves. */
    private interface RoundMoves {

        /** Agent {@code agent}'s step, with its neighbours and their mean cooperation in the last round it saw. */
        void step(int agent, int[] neighbours, double others);

        /** The round's moves, at its barrier, into {@code answers} in agent order. */
        void collect(Answer[] answers);
    }

    /** A respondent asked through act: each step puts the agent's decision in flight, the barrier joins them. */
    private final class Asked implements RoundMoves {

        /** Per agent, the round's move in flight. */
        @SuppressWarnings("unchecked")
        private final CompletableFuture<Answer>[] pending = new CompletableFuture[personas.size()];

        @Override
        public void step(int agent, int[] neighbours, double others) {
            Persona persona = personas.get(agent);
            Item item = shared != null ? shared
                    : new Item(itemId, decisionText(prompts, dilemma, agent, round, neighbours, history), null, false,
                            null);
            Decision decision = new Decision(dilemma.game().kind(), round, frame, item, others);
            CompletableFuture<Answer> move = respondent.act(persona, decision);
            // an embedded respondent's move is already made: no second future for a failure that cannot come
            pending[agent] = move.isDone() && !move.isCompletedExceptionally() ? move : move.exceptionally(e -> {
                CallsStopped.rethrowIfStopped(e);
                return Answer.failed(persona.id(), frame.id(), item.id(), "respondent error: " + e, "",
                        Provenance.embedded(respondent.kind()));
            });
        }

        @Override
        public void collect(Answer[] answers) {
            for (int i = 0; i < answers.length; i++) {
                answers[i] = pending[i].join();
            }
        }
    }

    /**
     * A respondent that plays by the value rule: each step keeps what its agent saw, and the barrier makes the moves
     * in agent order, in slices on the threads, as that rule's function of what each saw.
     */
    private final class Ruled implements RoundMoves {

        /** The rule's per-agent terms for this dilemma, worked out once. */
        private final ValueRule.Moves rule;
        private final Provenance provenance = Provenance.embedded(respondent.kind());
        /** Per agent, its neighbours' mean cooperation as it saw it this round. */
        private final double[] seen = new double[personas.size()];

        Ruled(ValueRule rule) {
            this.rule = rule.moves(personas, frame, dilemma.game().kind());
        }

        @Override
        public void step(int agent, int[] neighbours, double others) {
            seen[agent] = others;
        }

        @Override
        public void collect(Answer[] answers) {
            ValueRule.Moves.Round made = rule.round(round);
            Slices.run(answers.length, threads, (from, to) -> {
                for (int i = from; i < to; i++) {
                    answers[i] = rule.answer(i, itemId, made.utility(i, seen[i]), provenance);
                }
            });
        }
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
        moves.collect(answers);
        double[] pay = dilemma.game().payoffs(java.util.Arrays.asList(answers), network,
                Streams.of(seed, "dilemma-payoffs", round, dilemma.id()));
        Move[] result = new Move[n];
        String[] actions = new String[n];
        // every step of the round has read the last round's cooperation: this round's takes its place
        double[] cooperation = lastCooperation != null ? lastCooperation : new double[n];
        Slices.run(n, threads, (from, to) -> {
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
