package org.valuesim.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * responses.parquet and agents.parquet hold exactly the cells of responses.csv and agents.csv, read back with
 * parquet-java's reader; a small run writes CSV only unless told otherwise.
 */
class ParquetResultsTest {

    @TempDir
    Path dir;

    @Test
    void parquetFilesReadBackAsTheCsvFiles() throws Exception {
        Path scenario = dir.resolve("both.yaml");
        Files.writeString(scenario, """
                name: both
                seed: 5
                population:
                  size: 300
                  preset: us-gss-2012
                  demographics: {country: Mexico}
                instruments: [pvq21, ipip-big5, wvs-sample]
                statistics: {bootstrap: 0, permutations: 99}
                """);
        Path out = dir.resolve("out");
        Cli cli = Cli.run("run", scenario.toString(), "--out", out.toString(), "--quiet", "--no-log", "--format", "both");
        assertEquals(0, cli.exit(), cli.err());
        for (String table : List.of("responses", "agents")) {
            List<String> csv = Files.readAllLines(out.resolve(table + ".csv"));
            List<String> parquet = ParquetRows.asCsvLines(out.resolve(table + ".parquet"));
            assertTrue(csv.size() > 300, table);
            assertEquals(csv, parquet, table);
        }

        Path small = dir.resolve("small");
        cli = Cli.run("run", scenario.toString(), "--out", small.toString(), "--quiet", "--no-log");
        assertEquals(0, cli.exit(), cli.err());
        assertTrue(Files.exists(small.resolve("responses.csv")));
        assertFalse(Files.exists(small.resolve("responses.parquet")), "below a million agents the default is CSV");

        cli = Cli.run("run", scenario.toString(), "--out", dir.resolve("bad").toString(), "--format", "xlsx");
        assertEquals(2, cli.exit());
        assertTrue(cli.err().contains("--format: must be csv, parquet or both"), cli.err());
    }
}
