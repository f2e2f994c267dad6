package org.valuesim.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.valuesim.scenarios.run.RunPlan;
import org.valuesim.scenarios.scenario.FieldOverride;
import org.valuesim.scenarios.scenario.Origin;

class CompilerNoteTest {

    private static RunPlan plan(String scenario, int size) throws Exception {
        return Plans.plan(Path.of("examples", scenario), null, List.of(FieldOverride.parse(
                "population.size=" + size, Origin.argument())));
    }

    @Test
    void aLargeEmbeddedRunWithoutC2IsToldHowToTurnItOn() throws Exception {
        RunPlan large = plan("quickstart.yaml", CompilerNote.AGENTS);
        assertEquals(Optional.of("a run of 200,000 embedded agents computes faster with the C2 compiler, which"
                + " ./valuesim leaves out for short runs: VALUESIM_JAVA_OPTS=-XX:TieredStopAtLevel=4"),
                CompilerNote.forRuns(List.of(large), 1));
        assertEquals(Optional.empty(), CompilerNote.forRuns(List.of(large), 4), "C2 already on");
    }

    @Test
    void smallOrModelBackedRunsGetNoNote() throws Exception {
        assertEquals(Optional.empty(), CompilerNote.forRuns(List.of(plan("quickstart.yaml", CompilerNote.AGENTS - 1)), 1));
        assertEquals(Optional.empty(), CompilerNote.forRuns(List.of(plan("value-prompted.yaml", CompilerNote.AGENTS)), 1));
    }

    @Test
    void aStudyIsToldOfItsLargestEmbeddedRun() throws Exception {
        List<RunPlan> runs = List.of(plan("quickstart.yaml", 1_000), plan("quickstart.yaml", 300_000),
                plan("value-prompted.yaml", 500_000), plan("quickstart.yaml", 250_000));
        assertEquals(Optional.of("a run of 300,000 embedded agents computes faster with the C2 compiler, which"
                + " ./valuesim leaves out for short runs: VALUESIM_JAVA_OPTS=-XX:TieredStopAtLevel=4"),
                CompilerNote.forRuns(runs, 1));
    }

    @Test
    void readsTheTierTheJvmWasStartedWith() throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), PrintTier.class.getName())
                .redirectErrorStream(true).start();
        String printed = new String(child.getInputStream().readAllBytes()).trim();
        assertEquals(0, child.waitFor(), printed);
        assertEquals("1", printed);
    }

    /** Run in a child JVM by the test above. */
    static final class PrintTier {
        public static void main(String[] args) {
            System.out.println(CompilerNote.tieredStopAtLevel());
        }
    }
}
