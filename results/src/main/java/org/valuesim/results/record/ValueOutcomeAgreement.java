package org.valuesim.results.record;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * Value-behaviour agreement: for each outcome of a human reference that the population answered (an item, or a scale
 * such as a Big Five domain), the simulated and human correlations of the outcome with the ten centred values.
 *
 * @param values             the ten values, in circular order (the order of every profile below)
 * @param angles             each value's angle on the circle in degrees, where the sinusoids are fitted
 * @param bootstrapResamples resamples of the personas behind the intervals, null when none were drawn
 * @param outcomes           per outcome name (as the reference names it), its two profiles and their agreement
 * @param notAnswered        outcomes of the reference that no instrument of the run holds, empty when none
 */
public record ValueOutcomeAgreement(List<String> values, double[] angles, Integer bootstrapResamples,
                                    Map<String, Profiles> outcomes, List<String> notAnswered) {

    /**
     * One outcome's simulated and human profiles.
     *
     * @param reference         the human reference it comes from (a preset name or a CSV file)
     * @param instrument        the instrument the population answered it in
     * @param item              the item it is, or null for a scale
     * @param scale             the scale it is (its items' mean, reverse keys mirrored), or null for an item
     * @param agents            agents with every value scored and the outcome answered
     * @param humanN            people behind each human correlation
     * @param simulated         the outcome's correlation with each centred value over the agents
     * @param human             the same in the human reference
     * @param profileR          Pearson's r between the two profiles over the ten values
     * @param profileRCi95      bootstrap 95% interval of profileR (resampling the agents), null when not computed
     * @param signAgreement     share of the values whose simulated and human correlations have the same sign
     * @param signAgreementCi95 bootstrap 95% interval of signAgreement
     */
    public record Profiles(String reference, String instrument, String item, String scale, long agents,
                           List<String> values, int[] humanN, double[] simulated, double[] human, double profileR,
                           @JsonProperty("profile_r_ci95") Interval profileRCi95, double signAgreement,
                           Interval signAgreementCi95, ValueBehaviourProfile.Sinusoid simulatedSinusoid,
                           ValueBehaviourProfile.Sinusoid humanSinusoid) {
    }
}
