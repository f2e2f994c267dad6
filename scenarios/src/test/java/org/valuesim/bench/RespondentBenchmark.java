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
 * <p>Arguments: personas (default 100,000), repeats (default 5).
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
        for (int r = 0; r < repeats; r++) {
            long checksum = 0;
            long answers = 0;
            var threads = java.lang.management.ManagementFactory.getThreadMXBean();
            long cpuStart = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            for (Persona persona : personas) {
                for (Item item : pvq.items()) {
                    Answer a = respondent.answer(persona, pvq, item).join();
                    checksum = checksum * 31 + a.choice();
                    for (double p : a.distribution()) {
                        checksum = checksum * 31 + Double.doubleToLongBits(p);
                    }
                    answers++;
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpu = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
            System.out.printf("repeat %d: %,d answers in %.3f s: %,.0f answers/s; %.3f s of CPU: %,.0f answers per CPU "
                    + "second (checksum %016x)%n", r + 1, answers, seconds, answers / seconds, cpu, answers / cpu, checksum);
        }
    }
}
