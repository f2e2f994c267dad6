package org.valuesim.populations.strategy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.valuesim.populations.preset.Demographics;
import org.valuesim.populations.preset.Preset;

/**
 * Draws a persona's demographics from a preset's demographic cells, jointly with its values: a cell's
 * weight is its share of the people, times (for a persona built around a dominant value) the share of
 * the cell's people with that dominant value (in a preset without values, its share alone). Fixed
 * attributes restrict the cells to those that match; a fixed attribute the preset does not know is
 * simply given to every persona.
 */
final class DemographicSampler {

    private final List<Demographics.Cell> cells;
    private final Map<String, String> extra = new TreeMap<>();

    DemographicSampler(Preset preset, Map<String, String> fixed) {
        Demographics demographics = preset.demographics();
        List<Demographics.Cell> matching = new ArrayList<>();
        if (demographics != null) {
            for (Demographics.Cell cell : demographics.cells()) {
                boolean matches = fixed.entrySet().stream().allMatch(f -> !demographics.marginals().containsKey(f.getKey())
                        || f.getValue().equals(cell.attributes().get(f.getKey())));
                if (matches) {
                    matching.add(cell);
                }
            }
            for (Map.Entry<String, String> f : fixed.entrySet()) {
                Map<String, Double> categories = demographics.marginals().get(f.getKey());
                if (categories == null) {
                    extra.put(f.getKey(), f.getValue());
                } else if (!categories.containsKey(f.getValue())) {
                    throw new IllegalArgumentException("preset " + preset.name() + " has no " + f.getKey() + " '"
                            + f.getValue() + "'; its categories: " + String.join(", ", categories.keySet()));
                }
            }
            if (matching.isEmpty()) {
                throw new IllegalArgumentException("no people in preset " + preset.name() + " have all of " + fixed);
            }
        } else {
            extra.putAll(fixed);
        }
        this.cells = List.copyOf(matching);
    }

    /**
     * A cell for a persona, or null when the preset has no demographics.
     *
     * @param dominance the persona's dominant value id, "none" for an unprimed one, or null to ignore values
     */
    Demographics.Cell draw(SplittableRandom random, String dominance) {
        if (cells.isEmpty()) {
            return null;
        }
        double[] weights = new double[cells.size()];
        double total = 0;
        for (int i = 0; i < weights.length; i++) {
            Demographics.Cell cell = cells.get(i);
            weights[i] = cell.share() * (dominance == null || cell.dominance() == null ? 1
                    : cell.dominance().getOrDefault(dominance, 0.0));
            total += weights[i];
        }
        if (total <= 0) {
            // nobody in these cells has that dominant value (uniform mixes ask for rare ones): fall back to shares
            for (int i = 0; i < weights.length; i++) {
                weights[i] = cells.get(i).share();
                total += weights[i];
            }
        }
        double u = random.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            u -= weights[i];
            if (u < 0) {
                return cells.get(i);
            }
        }
        return cells.get(cells.size() - 1);
    }

    /** Every attribute a persona may have: the cells' (each cell has every attribute) and the extra fixed ones. */
    java.util.SortedSet<String> attributeNames() {
        java.util.TreeSet<String> out = new java.util.TreeSet<>(extra.keySet());
        if (!cells.isEmpty()) {
            out.addAll(cells.get(0).attributes().keySet());
        }
        return out;
    }

    /** The persona's attributes: the cell's and the extra fixed ones. */
    Map<String, String> attributes(Demographics.Cell cell) {
        Map<String, String> out = new TreeMap<>(extra);
        if (cell != null) {
            out.putAll(cell.attributes());
        }
        return out;
    }
}
