package org.valuesim.results.record;

import java.util.Map;

/**
 * The correlation of each centred value score (by value id, circular order) with a behaviour over the agents, and the
 * sinusoid fitted to them around the circle (structural summary method).
 *
 * @param behaviour what was correlated ("mean cooperation")
 */
public record ValueBehaviourProfile(String behaviour, long agents, Map<String, Double> correlations, Sinusoid sinusoid) {

    /** r(angle) = elevation + amplitude cos(angle - displacement), displacement in degrees. */
    public record Sinusoid(double elevation, double amplitude, double displacement, double rSquared) {

        public double at(double angleDegrees) {
            return elevation + amplitude * Math.cos(Math.toRadians(angleDegrees - displacement));
        }
    }
}
