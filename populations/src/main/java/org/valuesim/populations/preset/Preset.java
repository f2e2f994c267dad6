package org.valuesim.populations.preset;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.Map;
import org.valuesim.core.instrument.Instrument;
import org.valuesim.core.ordinal.OrdinalItemModel;
import org.valuesim.core.ordinal.ValueMeasurement;
import org.valuesim.core.respond.PsychometricRespondent;
import org.valuesim.core.values.HumanReference;
import org.valuesim.core.values.SchwartzValue;
import org.valuesim.core.values.ValueOutcomes;
import org.valuesim.core.values.ValueStatistics;

/**
 * A human sample to draw personas from and to compare a run with: its value distribution, who the people are, and
 * (for a preset built from a codebook with questions) every question's answer shares.
 *
 * <p>A preset built from a file with no value-keyed questions has no value part: {@code latent}, {@code items},
 * {@code reference} and {@code dominance} are null, and it holds only its demographics and its questions.
 *
 * @param name        the preset's name (us-gss-2012)
 * @param source      where the data come from and under which terms
 * @param instrument  the instrument whose items the preset's item models describe (pvq21; a codebook's name for
 *                    one with questions)
 * @param respondents how many human respondents it was computed from (with every value item answered, when it has
 *                    values; else everyone in the file)
 * @param latent      the distribution of latent value scores (multivariate normal; true-score covariance)
 * @param items       per item: its value and response model, keyed by item id
 * @param reference   statistics of the humans' observed answers and value scores
 * @param dominance   the share of people with each dominant value, and with none
 * @param demographics who the people are, jointly with their values; null when the data has no demographics
 * @param outcomes    how outcome items the codebook marked (group: behaviours) go with the values; null when none
 * @param survey      the instrument a codebook with questions makes: every question that is not a demographic, with
 *                    the answer shares of all the file's people who answered it; null for a one-instrument codebook
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Preset(
        @JsonProperty(required = true) String name,
        @JsonProperty(required = true) String description,
        @JsonProperty(required = true) String source,
        @JsonProperty(required = true) String instrument,
        @JsonProperty(required = true) int respondents,
        ValueStatistics latent,
        Map<String, PresetItem> items,
        HumanReference reference,
        Dominance dominance,
        Demographics demographics,
        ValueOutcomes outcomes,
        Instrument survey) {

    @com.fasterxml.jackson.annotation.JsonCreator
    public Preset {
        items = items == null ? null : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(items));
        boolean values = latent != null && items != null && reference != null && dominance != null;
        if (!values && (latent != null || items != null || reference != null || dominance != null)) {
            throw new org.valuesim.core.files.InvalidFieldException(latent == null ? "/latent" : items == null
                    ? "/items" : reference == null ? "/reference" : "/dominance", "a preset's value part (latent, "
                    + "items, reference, dominance) is given whole or not at all");
        }
        if (!values && survey == null) {
            throw new org.valuesim.core.files.InvalidFieldException("/latent", "missing required field (a preset "
                    + "without a value distribution holds the questions of its survey instead)");
        }
    }

    /** Whether it holds a value distribution (not so when built from a file with no value-keyed questions). */
    public boolean hasValues() {
        return latent != null;
    }

    /** The preset as a measurement model: its latent value distribution and each item's value and ordinal model. */
    public ValueMeasurement measurement() {
        Map<String, ValueMeasurement.MeasuredItem> measured = new LinkedHashMap<>();
        items.forEach((id, item) -> measured.put(id, new ValueMeasurement.MeasuredItem(
                SchwartzValue.find(item.value()).orElseThrow(() -> new IllegalArgumentException("item " + id
                        + " measures '" + item.value() + "', which is not a Schwartz value")), item.model())));
        return new ValueMeasurement(latent, measured);
    }

    /** A preset without outcome correlations. */
    public Preset(String name, String description, String source, String instrument, int respondents,
                  ValueStatistics latent, Map<String, PresetItem> items, HumanReference reference, Dominance dominance,
                  Demographics demographics) {
        this(name, description, source, instrument, respondents, latent, items, reference, dominance, demographics,
                null, null);
    }

    /** This preset carrying a value-behaviour reference. */
    public Preset withOutcomes(ValueOutcomes outcomes) {
        return new Preset(name, description, source, instrument, respondents, latent, items, reference, dominance,
                demographics, outcomes, survey);
    }

    /** Item models keyed as the psychometric respondent looks them up. */
    public Map<String, OrdinalItemModel> itemModels() {
        Map<String, OrdinalItemModel> models = new LinkedHashMap<>();
        items.forEach((id, item) -> models.put(PsychometricRespondent.key(instrument, id), item.model()));
        return models;
    }
}
