package org.valuesim.scenarios.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import org.valuesim.core.dilemma.Dilemma;
import org.valuesim.core.dilemma.DilemmaPhase;
import org.valuesim.core.dilemma.Games;
import org.valuesim.core.dilemma.Move;
import org.valuesim.core.network.NetworkSpec;
import org.valuesim.core.network.SocialNetwork;
import org.valuesim.core.parallel.Slices;
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
 * that read their neighbours' last contributions and set their own, with a barrier per round, and nothing else. The
 * phase runs twice per repeat: its moves made on the schedule's thread (as the single-threaded bare loop), then on
 * every core (as a run makes them).
 */
@Command(name = "dilemmas", mixinStandardHelpOptions = true,
        description = "Agent-steps/s of psychometric agents in public goods on a small-world network (moves made on the "
                + "schedule's thread, then on every core), next to a bare MASON loop over the same network. Prints one "
                + "line per measurement and a JSON summary.")
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
        // per repeat: the bare loop, then the phase with its moves made on the schedule's thread, then on every core
        double[][][] rates = new double[3][2][repeats];
        long steps = (long) agents * rounds;
        // the threads a run makes its moves on
        ExecutorService cores = Slices.threads();
        try {
            for (int r = 0; r < repeats; r++) {
                double[] one = {0};
                double[] all = {0};
                Rate[] rate = {
                    Rate.of(steps, () -> bareLoop(network)),
                    Rate.of(steps, () -> publicGoods(game, network, personas, respondent, prompts, one, null)),
                    Rate.of(steps, () -> publicGoods(game, network, personas, respondent, prompts, all, cores))};
                if (one[0] != all[0]) {
                    throw new IllegalStateException("the phase played differently with its moves made on every core");
                }
                for (int k = 0; k < 3; k++) {
                    rates[k][0][r] = rate[k].wall();
                    rates[k][1][r] = rate[k].cpu();
                }
                out.printf("repeat %d: bare MASON loop %,.0f agent-steps/s; valuesim public goods %,.0f agent-steps/s "
                        + "(mean cooperation %.3f), ratio %.3f; moves on %d cores %,.0f agent-steps/s, ratio %.3f; "
                        + "per CPU second %,.0f, %,.0f and %,.0f%n", r + 1, rate[0].wall(), rate[1].wall(),
                        one[0] / steps, rate[1].wall() / rate[0].wall(), Runtime.getRuntime().availableProcessors(),
                        rate[2].wall(), rate[2].wall() / rate[0].wall(), rate[0].cpu(), rate[1].cpu(), rate[2].cpu());
            }
        } finally {
            cores.shutdownNow();
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("agents", agents);
        summary.put("rounds", rounds);
        summary.put("bare_mason_steps_per_second", Math.round(median(rates[0][0])));
        summary.put("valuesim_steps_per_second", Math.round(median(rates[1][0])));
        // each repeat's loops run back to back, so their ratio is the least disturbed by a noisy machine
        summary.put("ratio", round3(medianRatio(rates[1][0], rates[0][0])));
        summary.put("ratio_of_medians", round3(median(rates[1][0]) / median(rates[0][0])));
        // the bare loop is single-threaded; these make the phase's moves on every core
        summary.put("cores", Runtime.getRuntime().availableProcessors());
        summary.put("valuesim_all_cores_steps_per_second", Math.round(median(rates[2][0])));
        summary.put("all_cores_ratio", round3(medianRatio(rates[2][0], rates[0][0])));
        // CPU time of the whole process (GC and compiler threads included): what other processes take does not count
        summary.put("bare_mason_steps_per_cpu_second", Math.round(median(rates[0][1])));
        summary.put("valuesim_steps_per_cpu_second", Math.round(median(rates[1][1])));
        summary.put("cpu_ratio", round3(medianRatio(rates[1][1], rates[0][1])));
        out.println(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(summary));
        return 0;
    }

    /** The median of each repeat's ratio of {@code xs} to {@code ys}. */
    private static double medianRatio(double[] xs, double[] ys) {
        double[] ratios = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            ratios[i] = xs[i] / ys[i];
        }
        return median(ratios);
    }

    /** Agent-steps per second of wall time and per second of the process's CPU time. */
    record Rate(double wall, double cpu) {

        static Rate of(long steps, Runnable loop) {
            var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            long cpu = os.getProcessCpuTime();
            long start = System.nanoTime();
            loop.run();
            long wall = System.nanoTime() - start;
            return new Rate(steps / (wall / 1e9), steps / ((os.getProcessCpuTime() - cpu) / 1e9));
        }
    }

    private static double round3(double x) {
        return Math.round(x * 1000) / 1000.0;
    }

    /**
     * The rounds of a run's public-goods phase on the given network, from scheduling the first round to the last
     * barrier as the bare loop is timed, each round delivered to a sink that sums the moves' cooperation; with
     * {@code cores}, the barrier makes and records the moves on them, as a run does.
     */
    private void publicGoods(Dilemma game, SocialNetwork network, List<Persona> personas,
                             PsychometricRespondent respondent, Prompts prompts, double[] cooperation,
                             java.util.concurrent.Executor cores) {
        SimState sim = new SimState(seed);
        sim.start();
        DilemmaPhase phase = new DilemmaPhase(game, personas, respondent, prompts, round -> {
            for (Move m : round.moves()) {
                cooperation[0] += m.cooperation();
            }
        }, seed, () -> { }, cores);
        phase.schedule(sim, 1, network);
        while (sim.schedule.step(sim)) {
            // one time slot per step
        }
        sim.finish();
    }

    /** The same schedule as a dilemma phase, with a neighbour-average rule instead of a respondent. */
    private void bareLoop(SocialNetwork network) {
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
        new Round(1).schedule(1);
        while (sim.schedule.step(sim)) {
            // one time slot per step
        }
        sim.finish();
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        java.util.Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
