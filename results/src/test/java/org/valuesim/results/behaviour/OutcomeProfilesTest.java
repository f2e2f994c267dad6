package org.valuesim.results.behaviour;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.junit.jupiter.api.Test;
import org.valuesim.core.random.Streams;
import org.valuesim.core.values.SchwartzValue;
import org.valuesim.core.values.ValueOutcomes;
import org.valuesim.results.record.ValueOutcomeAgreement;
import org.valuesim.results.stats.Resampling;

class OutcomeProfilesTest {

    private static final int K = SchwartzValue.count();

    /**
     * Four agents, outcome y = 1, 2, 3, 4 (deviations -1.5, -0.5, 0.5, 1.5; sum of squares 5). Each value's scores are
     * a permutation of 1..4 (also sum of squares 5 about the mean), so r = (sum of products of deviations) / 5:
     * 1,2,3,4 -> 5/5 = 1; 1,3,2,4 -> (2.25 - 0.25 - 0.25 + 2.25)/5 = 0.8; 2,1,4,3 -> (0.75 * 4)/5 = 0.6;
     * 1,2,2,1 (sum of squares 1) -> (0.75 - 0.25 + 0.25 - 0.75) = 0; and their mirror images (5 - x) the negatives.
     */
    @Test
    void aSmallCaseComputedByHand() {
        double[][] columns = {
            {1, 2, 3, 4}, // self-direction: r = 1
            {1, 3, 2, 4}, // stimulation: 0.8
            {2, 1, 4, 3}, // hedonism: 0.6
            {1, 2, 2, 1}, // achievement: 0
            {3, 4, 1, 2}, // power: -0.6
            {4, 2, 3, 1}, // security: -0.8
            {4, 3, 2, 1}, // conformity: -1
            {4, 3, 2, 1}, // tradition: -1
            {1, 2, 2, 1}, // benevolence: 0
            {1, 3, 2, 4}, // universalism: 0.8
        };
        List<double[]> centred = new ArrayList<>();
        List<double[]> outcomes = new ArrayList<>();
        for (int p = 0; p < 4; p++) {
            double[] row = new double[K];
            for (int v = 0; v < K; v++) {
                row[v] = columns[v][p];
            }
            centred.add(row);
            outcomes.add(new double[] {p + 1});
        }
        double[] human = {0.5, 0.4, 0.3, -0.1, -0.3, -0.4, -0.5, -0.5, 0.1, 0.4};
        ValueOutcomeAgreement agreement = OutcomeProfiles.of(matches(human, 500), centred, outcomes,
                new Resampling(99, 0, 1));

        ValueOutcomeAgreement.Profiles p = agreement.outcomes().get("giving");
        assertArrayEquals(new double[] {1, 0.8, 0.6, 0, -0.6, -0.8, -1, -1, 0, 0.8}, p.simulated(), 1e-12);
        assertArrayEquals(human, p.human(), 0);
        assertEquals(4, p.agents());
        // profiles: means -0.02 and -0.01; sum of products 2.82 - 10(0.02)(0.01) = 2.818; sums of squares
        // 5.64 - 10(0.0004) = 5.636 and 1.43 - 10(0.0001) = 1.429; r = 2.818 / sqrt(5.636 * 1.429) = 0.992977
        assertEquals(0.992977, p.profileR(), 1e-6);
        // the signs differ only at achievement and benevolence (simulated 0, human -0.1 and 0.1): 8 of 10
        assertEquals(0.8, p.signAgreement(), 0);
        assertNull(p.profileRCi95());
        assertNull(agreement.bootstrapResamples());
        assertEquals(List.of("other"), agreement.notAnswered());
        assertEquals(List.of(0.0, 40.0, 80.0, 120.0, 160.0, 200.0, 240.0, 240.0, 280.0, 320.0),
                Arrays.stream(agreement.angles()).boxed().toList());
    }

    /** A human profile that is a sinusoid has its elevation, amplitude and displacement back, with R squared 1. */
    @Test
    void theSinusoidOfAnExactProfileIsRecovered() {
        double[] r = new double[K];
        for (SchwartzValue v : SchwartzValue.inCircularOrder()) {
            r[v.ordinal()] = 0.05 + 0.3 * Math.cos(Math.toRadians(v.angleDegrees() - 120));
        }
        var s = OutcomeProfiles.sinusoid(r);
        assertEquals(0.05, s.elevation(), 1e-6);
        assertEquals(0.3, s.amplitude(), 1e-6);
        assertEquals(120, s.displacement(), 1e-4);
        assertEquals(1, s.rSquared(), 1e-6);
    }

    /**
     * 3,000 agents with independent standard normal value scores and an outcome y = sum of b_v x_v + noise, where
     * b_v = 0.3 cos(angle_v - 120 degrees) and the noise has sd 0.8: the true correlation of y with value v is
     * b_v / sd(y), sd(y) = sqrt(0.09 * 4.7497 + 0.64). The simulated profile finds it, agrees with it in every sign,
     * peaks at 120 degrees, and its bootstrap intervals repeat exactly under the same seed.
     */
    @Test
    void aSyntheticPopulationWithKnownCorrelations() {
        int n = 3000;
        double[] b = new double[K];
        double sumSquares = 0;
        for (SchwartzValue v : SchwartzValue.inCircularOrder()) {
            b[v.ordinal()] = 0.3 * Math.cos(Math.toRadians(v.angleDegrees() - 120));
            sumSquares += b[v.ordinal()] * b[v.ordinal()];
        }
        double sdY = Math.sqrt(sumSquares + 0.64);
        double[] truth = Arrays.stream(b).map(x -> x / sdY).toArray();
        SplittableRandom random = Streams.of(7, "test", 0, "agents");
        List<double[]> centred = new ArrayList<>();
        List<double[]> outcomes = new ArrayList<>();
        for (int p = 0; p < n; p++) {
            double[] x = new double[K];
            double y = 0.8 * Streams.gaussian(random);
            for (int v = 0; v < K; v++) {
                x[v] = Streams.gaussian(random);
                y += b[v] * x[v];
            }
            centred.add(x);
            outcomes.add(new double[] {y});
        }
        centred.set(0, null); // an agent with a value unscored is left out
        Resampling resampling = new Resampling(99, 300, 11);
        ValueOutcomeAgreement.Profiles p = OutcomeProfiles.of(matches(truth, n), centred, outcomes, resampling)
                .outcomes().get("giving");

        assertEquals(n - 1, p.agents());
        for (int v = 0; v < K; v++) {
            assertEquals(truth[v], p.simulated()[v], 0.06, SchwartzValue.inCircularOrder().get(v).id());
        }
        assertTrue(p.profileR() > 0.97, "profile r " + p.profileR());
        assertEquals(1.0, p.signAgreement());
        assertEquals(120, p.simulatedSinusoid().displacement(), 8);
        assertEquals(0.3 / sdY, p.simulatedSinusoid().amplitude(), 0.04);
        assertNotNull(p.profileRCi95());
        assertTrue(p.profileRCi95().covers(p.profileR()) && p.profileRCi95().low() < p.profileR(), p.profileRCi95()
                + " around " + p.profileR());
        assertTrue(p.signAgreementCi95().high() <= 1 && p.signAgreementCi95().low() >= 0);
        ValueOutcomeAgreement.Profiles again = OutcomeProfiles.of(matches(truth, n), centred, outcomes, resampling)
                .outcomes().get("giving");
        assertArrayEquals(p.simulated(), again.simulated(), 0);
        assertEquals(p.profileRCi95(), again.profileRCi95());
        assertEquals(p.signAgreementCi95(), again.signAgreementCi95());
    }

    /** The weighted correlations of a resample equal the plain ones of the rows it drew, repeated. */
    @Test
    void aResampleCountsEachDrawnRowAsOftenAsItWasDrawn() {
        double[] x = {1, 0, 2, 0, 3, 1, 5, 2}; // four rows of two values
        double[] z = {1, 2, 2, 5};
        int[] counts = {2, 0, 1, 1};
        double[] r = OutcomeProfiles.weightedProfile(x, z, 2, counts);
        PearsonsCorrelation plain = new PearsonsCorrelation();
        double[] y = {1, 1, 2, 5};
        assertEquals(plain.correlation(new double[] {1, 1, 3, 5}, y), r[0], 1e-12);
        assertEquals(plain.correlation(new double[] {0, 0, 1, 2}, y), r[1], 1e-12);
    }

    private static OutcomeTarget.Matches matches(double[] human, int people) {
        int[] n = new int[K];
        Arrays.fill(n, people);
        ValueOutcomes.Profile profile = new ValueOutcomes.Profile(human, n);
        return new OutcomeTarget.Matches(List.of(new OutcomeTarget("giving", "test.csv", profile, "behaviours",
                "giving", null)), List.of("other"));
    }
}
