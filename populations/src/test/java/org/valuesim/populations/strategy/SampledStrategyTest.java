package org.valuesim.populations.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.junit.jupiter.api.Test;
import org.valuesim.core.persona.Persona;
import org.valuesim.populations.preset.Preset;
import org.valuesim.populations.preset.PresetCatalog;

class SampledStrategyTest {

    final Preset preset = new PresetCatalog().builtIn("us-gss-2012").orElseThrow();

    @Test
    void sameSeedSamePersonasAndPersonaIDoesNotDependOnSize() {
        List<Persona> a = new SampledStrategy().sample(preset, 100, 5);
        List<Persona> b = new SampledStrategy().sample(preset, 100, 5);
        List<Persona> c = new SampledStrategy().sample(preset, 10, 5);
        assertEquals(a, b);
        assertEquals(a.subList(0, 10), c);
        assertNotEquals(a, new SampledStrategy().sample(preset, 100, 6));
    }

    @Test
    void fiveThousandPersonasReproduceThePresetCorrelationsWithTuckerPhiAbove95() {
        List<Persona> personas = new SampledStrategy().sample(preset, 5000, 21);
        double[][] r = new PearsonsCorrelation(personas.stream().map(p -> p.latent().scores()).toArray(double[][]::new))
                .getCorrelationMatrix().getData();
        double xy = 0;
        double xx = 0;
        double yy = 0;
        for (int v = 0; v < 10; v++) {
            for (int w = v + 1; w < 10; w++) {
                double target = preset.latent().correlation()[v][w];
                xy += r[v][w] * target;
                xx += r[v][w] * r[v][w];
                yy += target * target;
            }
        }
        double phi = xy / Math.sqrt(xx * yy);
        org.junit.jupiter.api.Assertions.assertTrue(phi >= 0.95, "Tucker's phi " + phi);
    }

    @Test
    void latentScoresFollowThePresetDistribution() {
        List<Persona> personas = new SampledStrategy().sample(preset, 20_000, 11);
        double[][] x = personas.stream().map(p -> p.latent().scores()).toArray(double[][]::new);
        double[][] r = new PearsonsCorrelation(x).getCorrelationMatrix().getData();
        for (int v = 0; v < 10; v++) {
            double mean = 0;
            for (double[] row : x) {
                mean += row[v] / x.length;
            }
            assertEquals(preset.latent().means()[v], mean, 0.03);
            for (int w = 0; w < 10; w++) {
                assertEquals(preset.latent().correlation()[v][w], r[v][w], 0.03);
            }
        }
    }
}
