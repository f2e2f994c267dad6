package org.valuesim.populations.strategy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.valuesim.core.math.Apportionment;
import org.valuesim.core.persona.Persona;
import org.valuesim.core.values.SchwartzValue;
import org.valuesim.populations.preset.Dominance;
import org.valuesim.populations.preset.Preset;
import org.valuesim.populations.preset.PresetCatalog;

class DominantValueStrategyTest {

    final Preset preset = new PresetCatalog().builtIn("us-gss-2012").orElseThrow();

    static int[] counts(List<Persona> personas) {
        int[] c = new int[11];
        for (Persona p : personas) {
            c[p.dominant() == null ? 10 : p.dominant().ordinal()]++;
        }
        return c;
    }

    @Test
    void largestRemainderIsExactAndSumsToTheTotal() {
        assertArrayEquals(new int[] {1, 1, 1}, Apportionment.largestRemainder(new double[] {1, 1, 1}, 3));
        // 7 x (0.5, 0.3, 0.2) = 3.5, 2.1, 1.4: floors 3, 2, 1 and the one left goes to the largest remainder (0.5)
        assertArrayEquals(new int[] {4, 2, 1}, Apportionment.largestRemainder(new double[] {0.5, 0.3, 0.2}, 7));
        assertArrayEquals(new int[] {0, 5}, Apportionment.largestRemainder(new double[] {0, 2}, 5));
    }

    @Test
    void uniformGivesTenPercentPerValueAndNoUnprimedPersonas() {
        int[] c = counts(new DominantValueStrategy(DominantValueStrategy.Mix.UNIFORM).sample(preset, 1000, 1));
        for (int v = 0; v < 10; v++) {
            assertEquals(100, c[v]);
        }
        assertEquals(0, c[10]);
    }

    @Test
    void aScenarioCanSetTheNoDominantShareAndTheValuesKeepTheirProportions() {
        Dominance d = preset.dominance();
        double[] preset = new DominantValueStrategy(DominantValueStrategy.Mix.HUMAN_NAIVE).weights(d);
        double[] set = new DominantValueStrategy(DominantValueStrategy.Mix.HUMAN_NAIVE, 0.53).weights(d);
        assertEquals(d.none(), preset[10], 1e-12);
        assertEquals(0.53, set[10], 1e-12);
        double sum = 0;
        for (int v = 0; v < 10; v++) {
            sum += set[v];
            assertEquals(preset[v] * 0.47 / (1 - d.none()), set[v], 1e-12);
        }
        assertEquals(0.47, sum, 1e-5, "the preset's shares are rounded to six places");
        double[] even = new DominantValueStrategy(DominantValueStrategy.Mix.HUMAN_EVEN, 0.53).weights(d);
        assertEquals(set[0] + 0.053, even[0], 1e-12);
        int[] c = counts(new DominantValueStrategy(DominantValueStrategy.Mix.HUMAN_NAIVE, 0.53).sample(this.preset, 1000, 1));
        assertEquals(530, c[10]);
    }

    @Test
    void humanNaiveKeepsTheHumanSharesIncludingThoseWithNoDominantValue() {
        Dominance d = preset.dominance();
        int n = 10_000;
        int[] c = counts(new DominantValueStrategy(DominantValueStrategy.Mix.HUMAN_NAIVE).sample(preset, n, 1));
        for (SchwartzValue v : SchwartzValue.inCircularOrder()) {
            assertEquals(d.shares().get(v.id()) * n, c[v.ordinal()], 1.0, v.id());
        }
        assertEquals(d.none() * n, c[10], 1.0);
        assertEquals(5673, c[10], "56.7% unprimed");
    }

    @Test
    void humanEvenSpreadsAndHumanNormalizedDropsTheNoDominantShare() {
        Dominance d = preset.dominance();
        int n = 10_000;
        int[] even = counts(new DominantValueStrategy(DominantValueStrategy.Mix.HUMAN_EVEN).sample(preset, n, 1));
        int[] normalized = counts(new DominantValueStrategy(DominantValueStrategy.Mix.HUMAN_NORMALIZED).sample(preset, n, 1));
        assertEquals(0, even[10]);
        assertEquals(0, normalized[10]);
        for (SchwartzValue v : SchwartzValue.inCircularOrder()) {
            double share = d.shares().get(v.id());
            assertEquals((share + d.none() / 10) * n, even[v.ordinal()], 1.0, v.id());
            assertEquals(share / (1 - d.none()) * n, normalized[v.ordinal()], 1.0, v.id());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"uniform", "human-naive", "human-even", "human-normalized", "sampled"})
    void everyStrategyIsSeeded(String id) {
        PopulationStrategy s = Strategies.byId(id).orElseThrow();
        assertEquals(id, s.id());
        List<Persona> a = s.sample(preset, 500, 9);
        assertEquals(a, s.sample(preset, 500, 9));
        assertNotEquals(a, s.sample(preset, 500, 10));
    }

    @Test
    void valuePromptedPersonasAreShuffledNotBlocked() {
        List<Persona> personas = new DominantValueStrategy(DominantValueStrategy.Mix.UNIFORM).sample(preset, 100, 3);
        long runs = 0;
        for (int i = 1; i < personas.size(); i++) {
            runs += personas.get(i).dominant() != personas.get(i - 1).dominant() ? 1 : 0;
        }
        assertTrue(runs > 50, "shuffled: " + runs + " changes of value");
        assertNull(personas.get(0).latent());
        assertEquals(Map.of(), personas.get(0).demographics());
    }
}
