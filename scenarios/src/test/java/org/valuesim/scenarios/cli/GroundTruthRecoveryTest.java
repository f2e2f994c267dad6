package org.valuesim.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.valuesim.core.instrument.Instrument;
import org.valuesim.core.values.SchwartzValue;
import org.valuesim.results.stats.MatrixAgreement;
import org.valuesim.scenarios.catalog.InstrumentCatalog;

/**
 * The whole pipeline recovers a known value structure: 5,000 psychometric personas sampled from
 * us-gss-2012 reproduce the centred value correlations and value means computed here, independently
 * of the preset, from the 1,255 GSS respondents.
 */
class GroundTruthRecoveryTest {

    @TempDir
    Path dir;

    @Test
    void fiveThousandPersonasRecoverTheGssValueStructure() throws Exception {
        Path scenario = dir.resolve("truth.yaml");
        Files.writeString(scenario, """
                name: ground-truth
                seed: 2012
                population: {size: 5000, preset: us-gss-2012}
                instruments: [pvq21]
                statistics: {permutations: 999}
                """);
        Path out = dir.resolve("out");
        Cli cli = Cli.run("run", scenario.toString(), "--out", out.toString(), "--quiet");
        assertEquals(0, cli.exit(), cli.err());
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());

        double[][] human = gssCentredCorrelationsAndMeans();
        double[][] simulated = new double[10][10];
        for (int v = 0; v < 10; v++) {
            for (int w = 0; w < 10; w++) {
                simulated[v][w] = summary.at("/value_correlation/simulated/" + v + "/" + w).asDouble();
            }
        }
        double phi = MatrixAgreement.of(simulated, java.util.Arrays.copyOf(human, 10)).tuckerPhi();
        assertTrue(phi >= 0.95, "Tucker's phi " + phi);
        for (SchwartzValue v : SchwartzValue.inCircularOrder()) {
            double mean = summary.at("/value_means/" + v.id() + "/simulated").asDouble();
            assertEquals(human[10][v.ordinal()], mean, 0.1, v.id());
        }
        assertEquals(phi, summary.at("/human_agreement/tucker_phi").asDouble(), 1e-5,
                "the summary's phi is computed against the same human matrix");
        // the simulated circle is as circular as the human one, and clearly not a chance ordering
        double humanCi = summary.at("/circumplex/human_rthor_ci").asDouble();
        assertEquals(humanCi, summary.at("/circumplex/rthor_ci").asDouble(), 0.1);
        assertTrue(summary.at("/circumplex/rthor_p").asDouble() < 0.01);
        assertEquals(800, summary.at("/circumplex/rthor_predictions").asInt());
        assertEquals(999, summary.at("/circumplex/rthor_permutations").asInt(), "the scenario's count");
        assertEquals(999, summary.at("/human_agreement/mantel_permutations").asInt(), "the scenario's count");
        // the simulated MDS circle matches the human one, and the item answer distributions are close
        assertTrue(summary.at("/circumplex/human_to_simulated_congruence").asDouble() > 0.95);
        assertTrue(summary.at("/human_agreement/mantel_p").asDouble() < 0.01);
        for (var item : summary.get("items")) {
            assertTrue(item.get("js_divergence").asDouble() < 0.01, item.toString());
            assertTrue(item.get("wasserstein").asDouble() < 0.15, item.toString());
        }
        assertEquals(21, summary.get("items").size());
    }

    /** Rows 0-9: the GSS centred value correlation matrix; row 10: the GSS raw value means. */
    private static double[][] gssCentredCorrelationsAndMeans() throws Exception {
        Instrument pvq21 = new InstrumentCatalog().builtIn("pvq21").orElseThrow();
        List<String> lines = Files.readAllLines(Path.of("../data/us-gss-2012/gss2012_values_numeric.csv"));
        // columns 1..21 are the PVQ-21 items in instrument order (codebook.yaml)
        int n = lines.size() - 1;
        double[][] centred = new double[n][10];
        double[] means = new double[10];
        for (int r = 0; r < n; r++) {
            String[] cells = lines.get(r + 1).split(",");
            double[] sum = new double[10];
            int[] count = new int[10];
            double all = 0;
            for (int i = 0; i < 21; i++) {
                double x = Double.parseDouble(cells[i + 1]);
                int v = SchwartzValue.find(pvq21.items().get(i).scale()).orElseThrow().ordinal();
                sum[v] += x;
                count[v]++;
                all += x;
            }
            for (int v = 0; v < 10; v++) {
                centred[r][v] = sum[v] / count[v] - all / 21;
                means[v] += sum[v] / count[v] / n;
            }
        }
        double[][] result = new double[11][];
        double[][] corr = new PearsonsCorrelation(centred).getCorrelationMatrix().getData();
        System.arraycopy(corr, 0, result, 0, 10);
        result[10] = means;
        return result;
    }
}
