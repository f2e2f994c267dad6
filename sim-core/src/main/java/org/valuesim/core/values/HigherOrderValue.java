package org.valuesim.core.values;

/** Schwartz's four higher-order values, the two bipolar dimensions of the circle. */
public enum HigherOrderValue {
    OPENNESS_TO_CHANGE("openness-to-change", "Openness to Change"),
    SELF_ENHANCEMENT("self-enhancement", "Self-Enhancement"),
    CONSERVATION("conservation", "Conservation"),
    SELF_TRANSCENDENCE("self-transcendence", "Self-Transcendence");

    private final String id;
    private final String label;

    HigherOrderValue(String id, String label) {
        this.id = id;
        this.label = label;
    }

    public String id() {
        return id;
    }

    public String label() {
        return label;
    }
}
