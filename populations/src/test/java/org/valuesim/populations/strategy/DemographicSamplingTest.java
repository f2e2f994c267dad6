package org.valuesim.populations.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.valuesim.core.persona.Persona;
import org.valuesim.core.values.SchwartzValue;
import org.valuesim.populations.preset.Demographics;
import org.valuesim.populations.preset.Preset;
import org.valuesim.populations.preset.PresetCatalog;

class DemographicSamplingTest {

    final Preset pvq40 = new PresetCatalog().builtIn("us-pvq40").orElseThrow();

    @Test
    void sampledPersonasFollowTheMarginalsAndCarryTheirCellsValueOffsets() {
        List<Persona> personas = new SampledStrategy().sample(pvq40, 20_000, 4);
        Map<String, Double> age = pvq40.demographics().marginals().get("age");
        for (Map.Entry<String, Double> band : age.entrySet()) {
            long n = personas.stream().filter(p -> band.getKey().equals(p.demographics().get("age"))).count();
            assertEquals(band.getValue(), n / 20_000.0, 0.015, band.getKey());
        }
        // jointly with values: the personas of one cell are shifted by that cell's offsets
        Demographics.Cell young = pvq40.demographics().cells().stream()
                .filter(c -> c.attributes().equals(Map.of("age", "18-29", "gender", "1"))).findFirst().orElseThrow();
        int tradition = SchwartzValue.TRADITION.ordinal();
        double mean = personas.stream().filter(p -> p.demographics().equals(young.attributes()))
                .mapToDouble(p -> p.latent().scores()[tradition]).average().orElseThrow();
        assertEquals(pvq40.latent().means()[tradition] + young.valueOffsets()[tradition], mean, 0.05);
        assertTrue(young.valueOffsets()[tradition] < -0.2, "young men value tradition less in this sample");
    }

    @Test
    void fixedAttributesRestrictTheCellsOrAreAddedWhenThePresetLacksThem() {
        List<Persona> women = new SampledStrategy().sample(pvq40, 500, 1, Map.of("gender", "2", "country", "US"));
        assertTrue(women.stream().allMatch(p -> p.demographics().get("gender").equals("2")
                && p.demographics().get("country").equals("US") && p.demographics().containsKey("age")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Strategies.checkFixed(pvq40, Map.of("gender", "3")));
        assertEquals("preset us-pvq40 has no gender '3'; its categories: 1, 2", e.getMessage());
        Preset gss = new PresetCatalog().builtIn("us-gss-2012").orElseThrow();
        assertEquals(Map.of("age", "40"), new SampledStrategy().sample(gss, 1, 1, Map.of("age", "40")).get(0).demographics());
    }

    @Test
    void valuePromptedPersonasGetDemographicsGivenTheirDominantValue() {
        List<Persona> personas = new DominantValueStrategy(DominantValueStrategy.Mix.HUMAN_NAIVE).sample(pvq40, 5000, 2);
        assertTrue(personas.stream().allMatch(p -> p.demographics().containsKey("age") && p.demographics().containsKey("gender")));
        // only cells with people whose dominant value is power are drawn for power personas
        List<Map<String, String>> powerCells = pvq40.demographics().cells().stream()
                .filter(c -> c.dominance().get("power") > 0).map(Demographics.Cell::attributes).toList();
        assertTrue(personas.stream().filter(p -> p.dominant() == SchwartzValue.POWER)
                .allMatch(p -> powerCells.contains(p.demographics())));
    }
}
