package org.valuesim.core.values;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Schwartz's ten basic values in their circular order (Schwartz 2012, doi:10.9707/2307-0919.1116).
 * The circle has nine positions: Conformity and Tradition share one wedge, so they share an angle.
 * Hedonism belongs to both Openness to Change and Self-Enhancement.
 */
public enum SchwartzValue {
    SELF_DIRECTION("SD", "self-direction", "Self-Direction", 1, Set.of(HigherOrderValue.OPENNESS_TO_CHANGE)),
    STIMULATION("ST", "stimulation", "Stimulation", 2, Set.of(HigherOrderValue.OPENNESS_TO_CHANGE)),
    HEDONISM("HE", "hedonism", "Hedonism", 3,
            Set.of(HigherOrderValue.OPENNESS_TO_CHANGE, HigherOrderValue.SELF_ENHANCEMENT)),
    ACHIEVEMENT("AC", "achievement", "Achievement", 4, Set.of(HigherOrderValue.SELF_ENHANCEMENT)),
    POWER("PO", "power", "Power", 5, Set.of(HigherOrderValue.SELF_ENHANCEMENT)),
    SECURITY("SE", "security", "Security", 6, Set.of(HigherOrderValue.CONSERVATION)),
    CONFORMITY("CO", "conformity", "Conformity", 7, Set.of(HigherOrderValue.CONSERVATION)),
    TRADITION("TR", "tradition", "Tradition", 7, Set.of(HigherOrderValue.CONSERVATION)),
    BENEVOLENCE("BE", "benevolence", "Benevolence", 8, Set.of(HigherOrderValue.SELF_TRANSCENDENCE)),
    UNIVERSALISM("UN", "universalism", "Universalism", 9, Set.of(HigherOrderValue.SELF_TRANSCENDENCE));

    /** Number of positions around the theoretical circle (Conformity and Tradition share one). */
    public static final int CIRCLE_POSITIONS = 9;

    private static final List<SchwartzValue> IN_ORDER = List.of(values());

    private final String code;
    private final String id;
    private final String label;
    private final int circlePosition;
    private final Set<HigherOrderValue> higherOrder;

    SchwartzValue(String code, String id, String label, int circlePosition, Set<HigherOrderValue> higherOrder) {
        this.code = code;
        this.id = id;
        this.label = label;
        this.circlePosition = circlePosition;
        this.higherOrder = higherOrder;
    }

    /** Two-letter code used in the ESS and Schwartz's scoring keys (SD, ST, ...). */
    public String code() {
        return code;
    }

    /** Kebab-case identifier used in files (self-direction, ...). */
    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    /** Position 1..9 around the circle, starting at Self-Direction. */
    public int circlePosition() {
        return circlePosition;
    }

    /** Angle on the theoretical circle in degrees, Self-Direction at 0, positions 40 degrees apart. */
    public double angleDegrees() {
        return (circlePosition - 1) * 360.0 / CIRCLE_POSITIONS;
    }

    public Set<HigherOrderValue> higherOrder() {
        return higherOrder;
    }

    /** The ten values in circular order; the index of a value is its ordinal. */
    public static List<SchwartzValue> inCircularOrder() {
        return IN_ORDER;
    }

    public static int count() {
        return IN_ORDER.size();
    }

    /** Finds a value by its id ("self-direction"), code ("SD") or label, ignoring case. */
    public static Optional<SchwartzValue> find(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name.trim();
        return Arrays.stream(values())
                .filter(v -> v.id.equalsIgnoreCase(n) || v.code.equalsIgnoreCase(n) || v.label.equalsIgnoreCase(n)
                        || v.name().equalsIgnoreCase(n))
                .findFirst();
    }
}
