package org.valuesim.core.values;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a simulated population is compared with: statistics of real people's value scores.
 *
 * @param raw     value scores as the mean of each value's items, on the answer scale
 * @param centred the same scores centred by each person's mean over all items (MRAT)
 */
public record HumanReference(
        @JsonProperty(required = true) ValueStatistics raw,
        @JsonProperty(required = true) ValueStatistics centred) {
}
