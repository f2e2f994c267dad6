package org.valuesim.core.ordinal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

/** Expectation propagation against the exact posterior, computed by quadrature. */
class OrdinalPosteriorTest {

    static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1);
    static final OrdinalItemModel ITEM = new OrdinalItemModel(new double[] {-1, 0, 0.8, 1.5}, 0.7);

    @Test
    void oneAnswerGivesTheExactPosteriorMoments() {
        // with a single site, EP's moment matching is exact: compare with the posterior on a fine grid
        LatentGaussian prior = new LatentGaussian(new double[] {0.3}, new double[][] {{1.5}});
        for (int category = 1; category <= ITEM.categories(); category++) {
            LatentGaussian ep = OrdinalPosterior.of(prior, List.of(
                    new OrdinalPosterior.Observation(new double[] {1}, ITEM, category)));
            double mass = 0;
            double first = 0;
            double second = 0;
            for (double z = -10; z <= 10; z += 0.002) {
                double w = Math.exp(-0.5 * (z - 0.3) * (z - 0.3) / 1.5) * ITEM.distribution(z)[category - 1];
                mass += w;
                first += w * z;
                second += w * z * z;
            }
            double mean = first / mass;
            assertEquals(mean, ep.mean()[0], 1e-6, "category " + category);
            assertEquals(second / mass - mean * mean, ep.covariance()[0][0], 1e-6, "category " + category);
        }
    }

    @Test
    void severalAnswersOnCorrelatedDimensionsMatchTheExactPredictive() {
        // two correlated dimensions, three answers (one loading on both); the exact posterior on a 2-D grid
        LatentGaussian prior = new LatentGaussian(new double[] {0, 0.5}, new double[][] {{1, 0.6}, {0.6, 2}});
        List<OrdinalPosterior.Observation> answers = List.of(
                new OrdinalPosterior.Observation(new double[] {1, 0}, ITEM, 5),
                new OrdinalPosterior.Observation(new double[] {1, 0}, ITEM, 4),
                new OrdinalPosterior.Observation(new double[] {0.5, 0.5}, ITEM, 1));
        LatentGaussian ep = OrdinalPosterior.of(prior, answers);
        double[] asked = {0, 1};
        double[] exact = new double[ITEM.categories()];
        double mass = 0;
        double[] mean = new double[2];
        double det = 1 * 2 - 0.6 * 0.6;
        for (double a = -6; a <= 6; a += 0.05) {
            for (double b = -6; b <= 7; b += 0.05) {
                double da = a;
                double db = b - 0.5;
                double w = Math.exp(-0.5 * (2 * da * da - 1.2 * da * db + db * db) / det);
                for (OrdinalPosterior.Observation o : answers) {
                    w *= o.model().distribution(o.loading()[0] * a + o.loading()[1] * b)[o.category() - 1];
                }
                mass += w;
                mean[0] += w * a;
                mean[1] += w * b;
                double[] p = ITEM.distribution(asked[0] * a + asked[1] * b);
                for (int k = 0; k < p.length; k++) {
                    exact[k] += w * p[k];
                }
            }
        }
        for (int k = 0; k < exact.length; k++) {
            exact[k] /= mass;
        }
        assertArrayEquals(exact, ep.predictive(asked, ITEM), 0.005, "the predictive of an item on the second dimension");
        assertEquals(mean[0] / mass, ep.mean()[0], 0.02);
        assertEquals(mean[1] / mass, ep.mean()[1], 0.02);
    }

    @Test
    void noAnswersLeaveThePriorAndTheResultIsDeterministic() {
        LatentGaussian prior = LatentGaussian.standard(3);
        assertSame(prior, OrdinalPosterior.of(prior, List.of()));
        List<OrdinalPosterior.Observation> answers = List.of(
                new OrdinalPosterior.Observation(new double[] {0.4, 0.3, -0.2}, ITEM, 2),
                new OrdinalPosterior.Observation(new double[] {0.4, -0.1, 0.5}, ITEM, 5));
        LatentGaussian a = OrdinalPosterior.of(prior, answers);
        LatentGaussian b = OrdinalPosterior.of(prior, answers);
        assertArrayEquals(a.mean(), b.mean());
        assertArrayEquals(a.covariance()[1], b.covariance()[1]);
    }

    @Test
    void sharesBecomeThresholdsThatReproduceThem() {
        double[] shares = {0.05, 0.1, 0.2, 0.3, 0.25, 0.1};
        OrdinalItemModel model = OrdinalItemModel.ofShares(shares, 0.6);
        // over the population the latent score is N(0, 1 - 0.36): the answers come out in the shares
        assertArrayEquals(shares, model.distribution(0, 1 - 0.36), 1e-9);
        assertArrayEquals(new double[] {0.25, 0.25, 0.25, 0.25}, OrdinalItemModel.equallyLikely(4, 0.5)
                .distribution(0, 0.75), 1e-9);
    }
}
