package org.valuesim.core.semantic;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.valuesim.core.ordinal.OrdinalItemModel;
import org.valuesim.core.values.ValueStatistics;

/**
 * What the semantic respondent knows of the people it stands for, from human data: how they answer the items of
 * one instrument (answer shares), how strongly their answers go together (the circle model), and their value
 * distribution (to place personas that carry latent values).
 */
public final class SemanticCalibration {

    private final CircleModel circle;
    private final String instrument;
    private final Map<String, double[]> shares;
    private final ValueStatistics values;
    /** Each item's cut points (they depend on its shares only), computed once. */
    private final Map<String, OrdinalItemModel> cuts = new ConcurrentHashMap<>();

    /**
     * @param circle     the response model's loadings
     * @param instrument the instrument whose items {@code shares} describes, or null when none
     * @param shares     per item id, the share of each option
     * @param values     the population's value scores, or null
     */
    public SemanticCalibration(CircleModel circle, String instrument, Map<String, double[]> shares,
                               ValueStatistics values) {
        this.circle = circle;
        this.instrument = instrument;
        this.shares = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(shares));
        this.values = values;
    }

    /** No human data: the GSS 2012 loadings, equally likely answers. */
    public static SemanticCalibration uninformed() {
        return new SemanticCalibration(CircleModel.GSS_2012, null, Map.of(), null);
    }

    public CircleModel circle() {
        return circle;
    }

    /** The population's value scores, or null. */
    public ValueStatistics values() {
        return values;
    }

    /** The shares of an instrument's item with this many options, or null when unknown. */
    public double[] shares(String instrumentId, String itemId, int options) {
        return instrumentId.equals(instrument) ? shares(itemId, options) : null;
    }

    /** The shares of an item of the calibration's instrument with this many options, or null when unknown. */
    public double[] shares(String itemId, int options) {
        double[] s = shares.get(itemId);
        return s != null && s.length == options ? s : null;
    }

    /**
     * The ordinal model of an answered item of the calibration's instrument, placed on the circle; equally likely
     * answers when its shares are unknown.
     */
    public OrdinalItemModel model(String itemId, CirclePosition position, int options) {
        OrdinalItemModel cut = cuts.computeIfAbsent(itemId + "/" + options,
                key -> circle.model(CirclePosition.NOWHERE, shares(itemId, options), options));
        return new OrdinalItemModel(cut.thresholds(), circle.noiseSd(position));
    }
}
