package org.valuesim.results.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

public class MatrixAgreementTest {

    // off-diagonal cells of a: 0.5, 0.2, -0.1 ; of b: 0.4, 0.3, -0.2
    public static final double[][] A = {{1, 0.5, 0.2}, {0.5, 1, -0.1}, {0.2, -0.1, 1}};
    public static final double[][] B = {{1, 0.4, 0.3}, {0.4, 1, -0.2}, {0.3, -0.2, 1}};

    @Test
    void upperTriangleIsReadRowByRow() {
        assertArrayEquals(new double[] {0.5, 0.2, -0.1}, MatrixAgreement.upperTriangle(A));
    }

    @Test
    void tuckerPhiAndPearsonByHand() {
        MatrixAgreement agreement = MatrixAgreement.of(A, B);
        // phi = (0.20 + 0.06 + 0.02) / sqrt(0.30 * 0.29) = 0.28 / 0.294958 = 0.949289
        assertEquals(0.28 / Math.sqrt(0.30 * 0.29), agreement.tuckerPhi(), 1e-12);
        assertEquals(0.949289, agreement.tuckerPhi(), 1e-6);
        // means 0.2 and 0.166667; deviations (0.3, 0, -0.3) and (0.233333, 0.133333, -0.366667):
        // r = 0.18 / sqrt(0.18 * 0.206667) = 0.933257
        assertEquals(0.933257, agreement.pearsonR(), 1e-6);
        assertEquals(3, agreement.cells());
    }

    @Test
    void phiIsOneForProportionalMatricesAndMinusOneForOpposite() {
        double[][] half = {{1, 0.25, 0.1}, {0.25, 1, -0.05}, {0.1, -0.05, 1}};
        double[][] negated = {{1, -0.5, -0.2}, {-0.5, 1, 0.1}, {-0.2, 0.1, 1}};
        assertEquals(1, MatrixAgreement.of(A, half).tuckerPhi(), 1e-12);
        assertEquals(-1, MatrixAgreement.of(A, negated).tuckerPhi(), 1e-12);
    }
}
