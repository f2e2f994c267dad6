package org.valuesim.bench;

import java.util.List;
import java.util.Map;
import org.valuesim.core.instrument.Instrument;
import org.valuesim.core.instrument.Item;
import org.valuesim.core.persona.Persona;
import org.valuesim.core.respond.Answer;
import org.valuesim.core.respond.PsychometricRespondent;
import org.valuesim.populations.preset.Preset;
import org.valuesim.populations.preset.PresetCatalog;
import org.valuesim.populations.strategy.Strategies;
import org.valuesim.scenarios.catalog.InstrumentCatalog;

/**
 * Answers per second of the psychometric respondent alone, on one thread: personas sampled from us-gss-2012 answer
 * PVQ-21, nothing written. Uses only classes that exist before and after the fast path, so the same compiled class runs
 * against either jar (benchmarks/respondent.sh alternates them). Prints one line per repeat and a checksum of every
 * answer's choice and probabilities, which must agree between the jars. Next to the wall-clock rate it prints the
 * rate per second of the thread's own CPU time, which is what one idle core would do: on a shared, loaded machine the
 * wall-clock rate says more about the other processes than about the code.
 *
 * <p>With the third argument {@code survey}, the personas answer as a run's survey phase does instead (a
 * {@code ValueSimulation} whose sink only sums the answers up, in the order it receives them): the rate is then of
 * the whole survey machinery, on as many threads as it uses, and next to it the rate per second of the whole process's
 * CPU time.
 *
 * <p>Arguments: personas (default 100,000), repeats (default 5), mode ({@code respondent} (default) or {@code survey}).
 */
public final class RespondentBenchmark {

    private RespondentBenchmark() {
    }

    public static void main(String[] args) {
        int size = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        long seed = 42;
        Preset preset = new PresetCatalog().builtIn("us-gss-2012").orElseThrow();
        List<Persona> personas = Strategies.byId("sampled").orElseThrow().sample(preset, size, seed, Map.of());
        Instrument pvq = new InstrumentCatalog().builtIn("pvq21").orElseThrow();
        PsychometricRespondent respondent = new PsychometricRespondent(preset.itemModels(), preset.latent(), seed);
        if (args.length > 2 && args[2].equals("survey")) {
            survey(personas, pvq, respondent, repeats, seed);
            return;
        }
        for (int r = 0; r < repeats; r++) {
            long checksum = 0;
            long answers = 0;
            var threads = java.lang.management.ManagementFactory.getThreadMXBean();
            long cpuStart = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            for (Persona persona : personas) {
                for (Item item : pvq.items()) {
                    checksum = add(checksum, respondent.answer(persona, pvq, item).join());
                    answers++;
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpu = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
            System.out.printf("repeat %d: %,d answers in %.3f s: %,.0f answers/s; %.3f s of CPU: %,.0f answers per CPU "
                    + "second (checksum %016x)%n", r + 1, answers, seconds, answers / seconds, cpu, answers / cpu, checksum);
        }
    }

    private static long add(long checksum, Answer a) {
        long sum = checksum * 31 + a.choice();
        for (double p : a.distribution()) {
            sum = sum * 31 + Double.doubleToLongBits(p);
        }
        return sum;
    }

    private static void survey(List<Persona> personas, Instrument pvq, PsychometricRespondent respondent, int repeats,
                               long seed) {
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean();
        for (int r = 0; r < repeats; r++) {
            long[] sums = new long[2];
            long cpuStart = os.getProcessCpuTime();
            long start = System.nanoTime();
            new org.valuesim.core.sim.ValueSimulation(seed, personas, respondent, List.of(pvq), agent -> {
                for (Answer a : agent.answers()) {
                    sums[0] = add(sums[0], a);
                    sums[1]++;
                }
            }, org.valuesim.core.sim.PhaseListener.NONE).runToEnd();
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpu = (os.getProcessCpuTime() - cpuStart) / 1e9;
            System.out.printf("survey repeat %d: %,d answers in %.3f s: %,.0f answers/s; %.3f s of process CPU: %,.0f "
                    + "answers per CPU second (checksum %016x)%n", r + 1, sums[1], seconds, sums[1] / seconds, cpu,
                    sums[1] / cpu, sums[0]);
        }
    }
}
