package org.valuesim.scenarios.cli;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.valuesim.scenarios.run.RunPlan;
import org.valuesim.scenarios.scenario.Scenario;

/**
 * The launcher starts the JVM with the C1 compiler only (jvm.args): a model-backed or small run then spends about half
 * the CPU it did with C2 compiling, but a large embedded survey computes and writes its answers with about 1.3 to 1.5
 * times the CPU it needs with C2 (BENCHMARKS.md, "JVM options"). Such a run gets a note on how to turn C2 back on;
 * nothing in the results depends on the compiler.
 */
final class CompilerNote {

    /** Psychometric agents from which C2 paid for itself when measured: not at 100,000, 1.3 times at 300,000. */
    static final int AGENTS = 200_000;

    private CompilerNote() {
    }

    /**
     * @param plans             a run's plan, or a study's runs'
     * @param tieredStopAtLevel the JVM's highest compilation tier (4 is C2)
     */
    static Optional<String> forRuns(List<RunPlan> plans, int tieredStopAtLevel) {
        if (tieredStopAtLevel >= 4) {
            return Optional.empty();
        }
        return plans.stream()
                .filter(plan -> plan.file().scenario().respondent().kind() == Scenario.RespondentKind.PSYCHOMETRIC)
                .mapToInt(RunPlan::size).filter(size -> size >= AGENTS).max().stream()
                .mapToObj(size -> String.format(Locale.ROOT, "a run of %,d embedded agents computes faster with the C2"
                        + " compiler, which ./valuesim leaves out for short runs: VALUESIM_JAVA_OPTS=-XX:TieredStopAtLevel=4",
                        size))
                .findFirst();
    }

    /** This JVM's TieredStopAtLevel, or 4 where the JVM does not say (not HotSpot). */
    static int tieredStopAtLevel() {
        try {
            return Integer.parseInt(ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                    .getVMOption("TieredStopAtLevel").getValue());
        } catch (RuntimeException notHotSpot) {
            return 4;
        }
    }
}
