package org.valuesim.scenarios.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.valuesim.scenarios.scenario.InputException;
import org.valuesim.scenarios.scenario.ScenarioFile;
import org.valuesim.scenarios.scenario.ScenarioLoader;

class BootstrapFitTest {

    private static final long TWO_GB = 2L << 30;

    @TempDir
    Path dir;

    private ScenarioFile load(String statistics) throws Exception {
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, """
                name: t
                seed: 3
                population:
                  size: 10000000
                  preset: us-gss-2012
                instruments: [pvq21]
                """ + statistics);
        return new ScenarioLoader().load(file);
    }

    @Test
    void aBootstrapTooLargeForTheHeapIsRefusedAtItsKey() throws Exception {
        ScenarioFile file = load("statistics: {bootstrap: 1000}\n");
        InputException e = assertThrows(InputException.class,
                () -> Planner.checkBootstrapFits(file, 10_000_000, 1000, TWO_GB));
        assertEquals(file.path() + ":7:25: statistics.bootstrap: a bootstrap of 10,000,000 agents keeps about 1.8 GB"
                + " of value scores, more than half of this JVM's 2.1 GB heap; set statistics.bootstrap: 0 (no"
                + " intervals) or give the JVM more heap (VALUESIM_JAVA_OPTS=-Xmx...)", e.getMessage());
    }

    @Test
    void noBootstrapOrEnoughHeapPasses() throws Exception {
        Planner.checkBootstrapFits(load("statistics: {bootstrap: 0}\n"), 10_000_000, 0, TWO_GB);
        Planner.checkBootstrapFits(load(""), 10_000_000, 1000, 8 * TWO_GB);
        Planner.checkBootstrapFits(load(""), 1_000_000, 1000, TWO_GB);
    }

    @Test
    void theDefaultBootstrapIsRefusedWhereItWouldBe() throws Exception {
        ScenarioFile file = load("");
        InputException e = assertThrows(InputException.class,
                () -> Planner.checkBootstrapFits(file, 10_000_000, 1000, TWO_GB));
        assertTrue(e.getMessage().contains("statistics.bootstrap: a bootstrap of 10,000,000 agents"),
                e.getMessage());
    }
}
