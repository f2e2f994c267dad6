package org.valuesim.populations.strategy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.distribution.MultivariateNormalDistribution;
import org.apache.commons.math3.random.JDKRandomGenerator;
import org.valuesim.core.persona.Persona;
import org.valuesim.core.random.Streams;
import org.valuesim.core.sim.PersonaSource;
import org.valuesim.core.values.DominantValue;
import org.valuesim.core.values.SchwartzValue;
import org.valuesim.core.values.ValueProfile;
import org.valuesim.core.values.ValueStatistics;
import org.valuesim.populations.preset.Demographics;
import org.valuesim.populations.preset.Preset;

/**
 * {@code sampled}: every persona gets a full ten-value latent profile drawn from the preset's
 * multivariate normal distribution; its dominant value, if any, follows the same rule as for people,
 * applied to the profile centred by its own mean. Where the preset has demographics, the persona's cell
 * is drawn first and shifts the latent means by the cell's (partially pooled) value offsets. Each persona's draw has its own stream keyed by (seed, index),
 * so persona i is the same whatever the population size.
 */
public final class SampledStrategy implements PopulationStrategy {

    public static final String ID = "sampled";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Persona> sample(Preset preset, int size, long seed, Map<String, String> fixed) {
        return source(preset, size, seed, fixed).range(0, size);
    }

    /** Draws persona i from its own keyed streams when its window is asked for: nothing is kept between windows. */
    @Override
    public PersonaSource source(Preset preset, int size, long seed, Map<String, String> fixed) {
        if (!preset.hasValues()) {
            throw new IllegalArgumentException(DominantValueStrategy.noValues(preset, ID));
        }
        DemographicSampler demographics = new DemographicSampler(preset, fixed);
        ValueStatistics latent = preset.latent();
        JDKRandomGenerator random = new JDKRandomGenerator();
        MultivariateNormalDistribution distribution =
                new MultivariateNormalDistribution(random, latent.means(), latent.covariance());
        List<String> attributes = size == 0 ? List.of() : List.copyOf(demographics.attributeNames());
        return new PersonaSource() {
            @Override
            public int size() {
                return size;
            }

            @Override
            public List<String> demographics() {
                return attributes;
            }

            @Override
            public synchronized List<Persona> range(int from, int to) {
                List<Persona> personas = new ArrayList<>(to - from);
                for (int i = from; i < to; i++) {
                    random.setSeed(Streams.key(seed, "persona-values", i));
                    double[] scores = distribution.sample();
                    Demographics.Cell cell = demographics.draw(Streams.of(seed, "persona-demographics", i, ""), null);
                    if (cell != null) {
                        for (int v = 0; v < scores.length; v++) {
                            scores[v] += cell.valueOffsets()[v];
                        }
                    }
                    SchwartzValue dominant = DominantValue.of(DominantValue.centre(scores), DominantValue.MARGIN)
                            .orElse(null);
                    personas.add(new Persona(i, new ValueProfile(scores), dominant, demographics.attributes(cell)));
                }
                return personas;
            }
        };
    }
}
