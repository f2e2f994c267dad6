package org.valuesim.results.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CircumplexStatisticsTest {

    static final double[] TEN_ANGLES = {0, 40, 80, 120, 160, 200, 240, 240, 280, 320};

    static double distance(double[] a, double[] b) {
        return Math.hypot(a[0] - b[0], a[1] - b[1]);
    }

    @Test
    void mdsOfPointsOnACircleRecoversTheirDistances() {
        double[][] circle = Procrustes.circle(new double[] {0, 36, 72, 108, 144, 180, 216, 252, 288, 324});
        double[][] d = new double[10][10];
        for (int i = 0; i < 10; i++) {
            for (int j = 0; j < 10; j++) {
                d[i][j] = distance(circle[i], circle[j]);
            }
        }
        double[][] x = ClassicalMds.configuration(d, 2);
        for (int i = 0; i < 10; i++) {
            assertEquals(1.0, Math.hypot(x[i][0], x[i][1]), 1e-9, "radius of point " + i);
            for (int j = 0; j < 10; j++) {
                assertEquals(d[i][j], distance(x[i], x[j]), 1e-9);
            }
        }
    }

    @Test
    void procrustesRecoversARotatedScaledReflectedTranslatedConfigurationExactly() {
        double[][] x = {{0.3, 1.2}, {-0.7, 0.4}, {1.5, -0.2}, {0.1, -1.1}, {-1.2, -0.6}};
        double angle = Math.toRadians(37);
        double scale = 2.5;
        double[][] y = new double[x.length][2];
        for (int i = 0; i < x.length; i++) {
            // reflect (flip the second axis), rotate, scale, translate
            double a = x[i][0];
            double b = -x[i][1];
            y[i][0] = scale * (a * Math.cos(angle) - b * Math.sin(angle)) + 4;
            y[i][1] = scale * (a * Math.sin(angle) + b * Math.cos(angle)) - 3;
        }
        Procrustes fit = Procrustes.fit(x, y);
        for (int i = 0; i < x.length; i++) {
            assertEquals(y[i][0], fit.fitted()[i][0], 1e-9);
            assertEquals(y[i][1], fit.fitted()[i][1], 1e-9);
        }
        assertEquals(scale, fit.scale(), 1e-9);
        assertEquals(1.0, fit.congruence(), 1e-12);
        assertEquals(0.0, fit.alienation(), 1e-6);
        double determinant = fit.rotation()[0][0] * fit.rotation()[1][1] - fit.rotation()[0][1] * fit.rotation()[1][0];
        assertEquals(-1.0, determinant, 1e-9, "a reflection");
    }

    @Test
    void procrustesOfAPoorFitReportsLowerCongruence() {
        double[][] target = Procrustes.circle(TEN_ANGLES);
        double[][] scrambled = {target[3], target[8], target[0], target[6], target[1], target[9], target[2], target[5],
                target[4], target[7]};
        Procrustes fit = Procrustes.fit(scrambled, target);
        assertTrue(fit.congruence() < 0.6, "congruence " + fit.congruence());
        assertEquals(Math.sqrt(1 - fit.congruence() * fit.congruence()), fit.alienation(), 1e-12);
    }

    @Test
    void mantelOfAMatrixWithItselfAndWithARelabelledCopy() {
        double[][] a = RthorTest.circle(10);
        Mantel same = Mantel.test(a, a, 999, 1);
        assertEquals(1.0, same.r(), 1e-12);
        assertTrue(same.p() <= 0.05, "p " + same.p());
        // by hand: cells (0.5, 0.2, -0.1) against (0.4, 0.3, -0.2) give r = 0.933257 (see MatrixAgreementTest)
        Mantel three = Mantel.test(MatrixAgreementTest.A, MatrixAgreementTest.B, 0, 1);
        assertEquals(0.933257, three.r(), 1e-6);
        assertEquals(1.0, three.p(), 1e-12);
    }

    @Test
    void jensenShannonAndWassersteinByHand() {
        assertEquals(1.0, Distributions.jensenShannon(new double[] {1, 0}, new double[] {0, 1}), 1e-12);
        assertEquals(0.0, Distributions.jensenShannon(new double[] {0.2, 0.8}, new double[] {0.2, 0.8}), 1e-12);
        // M = (0.75, 0.25): 0.5 [0.5 log2(2/3) + 0.5 log2(2)] + 0.5 log2(4/3) = 0.311278
        assertEquals(0.311278, Distributions.jensenShannon(new double[] {0.5, 0.5}, new double[] {1, 0}), 1e-6);
        assertEquals(2.0, Distributions.wasserstein1(new double[] {1, 0, 0}, new double[] {0, 0, 1}), 1e-12);
        assertEquals(1.0, Distributions.wasserstein1(new double[] {0.5, 0.5, 0}, new double[] {0, 0.5, 0.5}), 1e-12);
        // unnormalised counts are normalised first
        assertEquals(1.0, Distributions.wasserstein1(new double[] {5, 5, 0}, new double[] {0, 1, 1}), 1e-12);
    }

    @Test
    void sinusoidRecoversElevationAmplitudeAndDisplacement() {
        double[] y = new double[TEN_ANGLES.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = 0.1 + 0.3 * Math.cos(Math.toRadians(TEN_ANGLES[i] - 290));
        }
        Sinusoid fit = Sinusoid.fit(TEN_ANGLES, y);
        assertEquals(0.1, fit.elevation(), 1e-9);
        assertEquals(0.3, fit.amplitude(), 1e-9);
        assertEquals(290, fit.displacement(), 1e-7);
        assertEquals(1.0, fit.rSquared(), 1e-12);
    }
}
