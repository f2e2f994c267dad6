package org.valuesim.populations.preset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.junit.jupiter.api.Test;
import org.valuesim.populations.survey.AnswerTable;
import org.valuesim.populations.survey.Codebook;
import org.valuesim.populations.survey.SurveyReader;

class PresetBuilderTest {

    static final Path GSS = Path.of("../data/us-gss-2012/gss2012_values_numeric.csv");
    static final Path CODEBOOK = Path.of("../data/us-gss-2012/codebook.yaml");

    static Preset buildGss() throws Exception {
        SurveyReader reader = new SurveyReader();
        Codebook codebook = reader.readCodebook(CODEBOOK);
        AnswerTable table = reader.readAnswers(GSS, codebook);
        return new PresetBuilder().build(codebook, table);
    }

    @Test
    void rebuildingFromTheCommittedDataGivesTheCommittedPreset() throws Exception {
        PresetCatalog catalog = new PresetCatalog();
        Preset committed = catalog.builtIn("us-gss-2012").orElseThrow();
        assertEquals(catalog.toJson(committed), catalog.toJson(buildGss()));
    }

    @Test
    void theGssPresetDescribesTheData() throws Exception {
        Preset preset = buildGss();
        assertEquals(1255, preset.respondents());
        assertEquals(21, preset.items().size());
        // the GSS mean of benevolence items (valcare, valdvot), checked by hand in the CSV: 5.067331
        assertEquals(5.067331, preset.reference().raw().means()[8], 1e-6);
        // centred value means sum to zero when every value has the same number of items; PVQ-21 weights
        // universalism's three items, so the item-weighted sum is zero instead
        double[] centred = preset.reference().centred().means();
        double weighted = 0;
        for (int v = 0; v < 10; v++) {
            weighted += centred[v] * (v == 9 ? 3 : 2);
        }
        assertEquals(0, weighted, 1e-5);
        // the latent covariance is positive definite (it is sampled from)
        double[] eigen = new EigenDecomposition(MatrixUtils.createRealMatrix(preset.latent().covariance()))
                .getRealEigenvalues();
        for (double e : eigen) {
            assertTrue(e > 0, "eigenvalue " + e);
        }
        // every item's human shares sum to one and its thresholds reproduce them at the value's mean spread
        for (String id : preset.items().keySet()) {
            PresetItem item = preset.items().get(id);
            double sum = 0;
            for (double s : preset.reference().itemShares().get(id)) {
                sum += s;
            }
            assertEquals(1, sum, 1e-5);
            assertEquals(5, item.model().thresholds().length);
        }
    }

    @Test
    void referenceHoldsReliabilitiesAndScoreDistributions() throws Exception {
        Preset preset = buildGss();
        assertEquals(1255, preset.reference().respondents());
        for (int v = 0; v < 10; v++) {
            double alpha = preset.reference().alpha()[v];
            // PVQ-21 values have two or three items: their alphas are known to be modest (0.3 to 0.8)
            assertTrue(alpha > 0.2 && alpha < 0.9, "alpha " + alpha);
            var distribution = preset.reference().valueScores().get(v);
            assertEquals(1.0, distribution.cumulative()[distribution.cumulative().length - 1], 1e-9);
            assertEquals(0.0, distribution.at(0.5), 1e-12);
            assertEquals(1.0, distribution.at(6), 1e-9);
        }
        // benevolence scores are means of two 1..6 items: at most 11 distinct values 1, 1.5, .., 6
        assertTrue(preset.reference().valueScores().get(8).scores().length <= 11);
    }

    @Test
    void thresholdsReproduceTheHumanItemMarginals() throws Exception {
        Preset preset = buildGss();
        // averaging the item model over the latent normal of its value must give back the human shares
        org.apache.commons.math3.distribution.NormalDistribution latent;
        for (var entry : preset.items().entrySet()) {
            PresetItem item = entry.getValue();
            int v = org.valuesim.core.values.SchwartzValue.find(item.value()).orElseThrow().ordinal();
            latent = new org.apache.commons.math3.distribution.NormalDistribution(null,
                    preset.latent().means()[v], preset.latent().sds()[v]);
            double[] expected = new double[6];
            int steps = 4000;
            for (int s = 0; s < steps; s++) {
                double z = latent.inverseCumulativeProbability((s + 0.5) / steps);
                double[] p = item.model().distribution(z);
                for (int k = 0; k < 6; k++) {
                    expected[k] += p[k] / steps;
                }
            }
            assertArrayEquals(preset.reference().itemShares().get(entry.getKey()), expected, 2e-3, entry.getKey());
        }
    }
}
