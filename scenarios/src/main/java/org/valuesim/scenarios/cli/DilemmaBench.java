package org.valuesim.scenarios.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.valuesim.core.dilemma.Dilemma;
import org.valuesim.core.dilemma.DilemmaPhase;
import org.valuesim.core.dilemma.Games;
import org.valuesim.core.dilemma.Move;
import org.valuesim.core.network.NetworkSpec;
import org.valuesim.core.network.SocialNetwork;
import org.valuesim.core.persona.Persona;
import org.valuesim.core.respond.Prompts;
import org.valuesim.core.respond.PsychometricRespondent;
import org.valuesim.populations.preset.Preset;
import org.valuesim.populations.preset.PresetCatalog;
import org.valuesim.populations.strategy.Strategies;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import sim.engine.SimState;
import sim.engine.Steppable;

/**
 * Agent-steps per second of psychometric agents playing public goods on a small-world network (a run's dilemma phase,
 * on its schedule), next to a bare MASON loop over the same network in the same process: agents scheduled each round
 * that read their neighbours' last contributions and set their own, with a barrier per round, and nothing else.
 */
@Command(name = "dilemmas", mixinStandardHelpOptions = true,
        description = "Agent-steps/s of psychometric agents in public goods on a small-world network, next to a bare "
                + "MASON loop over the same network. Prints one line per measurement and a JSON summary.")
final class DilemmaBench implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--agents", defaultValue = "100000", description = "agents (default ${DEFAULT-VALUE})")
    int agents;

    @Option(names = "--rounds", defaultValue = "10", description = "rounds per measurement (default ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--repeats", defaultValue = "3", description = "measurements of each, alternating (default ${DEFAULT-VALUE})")
    int repeats;

    @Option(names = "--seed", defaultValue = "42")
    long seed;

    @Override
    public Integer call() throws Exception {
        OptionRanges.require("--agents", agents, 7, 10_000_000, "a small-world network of degree 6 needs more than 6 agents");
        OptionRanges.require("--rounds", rounds, 1, 1000, null);
        OptionRanges.require("--repeats", repeats, 1, 100, null);
        var out = spec.commandLine().getOut();
        NetworkSpec small = new NetworkSpec(NetworkSpec.SMALL_WORLD, 6, 0.1, 0);
        Dilemma game = new Dilemma("public-goods", new Games.PublicGoods(10, 3), rounds, small);
        long t0 = System.nanoTime();
        // the network a run's public-goods phase builds for these agents and seed; both loops play on it
        SocialNetwork network = DilemmaPhase.network(game, agents, seed);
        out.printf("network: %,d agents, %,d ties, built in %d ms%n", agents, network.edges(), (System.nanoTime() - t0) / 1_000_000);
        Preset preset = new PresetCatalog().builtIn("us-gss-2012").orElseThrow();
        List<Persona> personas = Strategies.byId("sampled").orElseThrow().sample(preset, agents, seed, Map.of());
        PsychometricRespondent respondent = new PsychometricRespondent(preset.itemModels(), preset.latent(), seed);
        Prompts prompts = Prompts.builtIn();
        double[] bare = new double[repeats];
        double[] valuesim = new double[repeats];
        double[] ratios = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            bare[r] = bareLoop(network);
            double[] cooperation = {0};
            valuesim[r] = publicGoods(game, network, personas, respondent, prompts, cooperation);
            ratios[r] = valuesim[r] / bare[r];
            out.printf("repeat %d: bare MASON loop %,.0f agent-steps/s; valuesim public goods %,.0f agent-steps/s "
                    + "(mean cooperation %.3f); ratio %.3f%n", r + 1, bare[r], valuesim[r],
                    cooperation[0] / agents / rounds, ratios[r]);
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("agents", agents);
        summary.put("rounds", rounds);
        summary.put("bare_mason_steps_per_second", Math.round(median(bare)));
        summary.put("valuesim_steps_per_second", Math.round(median(valuesim)));
        // each repeat's two loops run back to back, so their ratio is the least disturbed by a noisy machine
        summary.put("ratio", Math.round(median(ratios) * 1000) / 1000.0);
        summary.put("ratio_of_medians", Math.round(median(valuesim) / median(bare) * 1000) / 1000.0);
        out.println(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(summary));
        return 0;
    }

    /**
     * The rounds of a run's public-goods phase on the given network, each delivered to a sink that sums the moves'
     * cooperation; agent-steps per second from scheduling the first round to the last barrier, as the bare loop's.
     */
    private double publicGoods(Dilemma game, SocialNetwork network, List<Persona> personas,
                               PsychometricRespondent respondent, Prompts prompts, double[] cooperation) {
        SimState sim = new SimState(seed);
        sim.start();
        DilemmaPhase phase = new DilemmaPhase(game, personas, respondent, prompts, round -> {
            for (Move m : round.moves()) {
                cooperation[0] += m.cooperation();
            }
        }, seed);
        long start = System.nanoTime();
        phase.schedule(sim, 1, network);
        while (sim.schedule.step(sim)) {
            // one time slot per step
        }
        sim.finish();
        return (double) personas.size() * rounds / ((System.nanoTime() - start) / 1e9);
    }

    /** The same schedule as a dilemma phase, with a neighbour-average rule instead of a respondent. */
    private double bareLoop(SocialNetwork network) {
        int n = network.size();
        double[][] state = {new double[n], new double[n]};
        java.util.Arrays.fill(state[0], 5);
        SimState sim = new SimState(seed);
        sim.start();
        class Round implements Steppable {
            private static final long serialVersionUID = 1L;
            final int round;

            Round(int round) {
                this.round = round;
            }

            void schedule(double time) {
                for (int i = 0; i < n; i++) {
                    int agent = i;
                    sim.schedule.scheduleOnce(time, 0, (Steppable) s -> {
                        double sum = 0;
                        for (int j : network.neighbours(agent)) {
                            sum += state[0][j];
                        }
                        state[1][agent] = Math.rint(sum / Math.max(1, network.degree(agent)));
                    });
                }
                sim.schedule.scheduleOnce(time, 1, this);
            }

            @Override
            public void step(SimState s) {
                double[] t = state[0];
                state[0] = state[1];
                state[1] = t;
                if (round < rounds) {
                    new Round(round + 1).schedule(s.schedule.getTime() + 1);
                }
            }
        }
        long start = System.nanoTime();
        new Round(1).schedule(1);
        while (sim.schedule.step(sim)) {
            // one time slot per step
        }
        sim.finish();
        return (double) n * rounds / ((System.nanoTime() - start) / 1e9);
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        java.util.Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
