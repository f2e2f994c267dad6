package org.valuesim.results.behaviour;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.valuesim.core.instrument.Instrument;
import org.valuesim.core.instrument.Item;
import org.valuesim.core.instrument.ResponseScale;
import org.valuesim.core.values.SchwartzValue;
import org.valuesim.core.values.ValueOutcomes;
import org.valuesim.results.scoring.ScaleScorer;

/**
 * An outcome of a human value-behaviour reference found among what a run's agents answer: an item (its answer as a
 * number) or a scale (the mean of its items, as agents.csv scores it).
 *
 * @param name      the outcome's name in the reference
 * @param reference the reference's source
 * @param profile   the human profile
 * @param item      the item, or null for a scale
 * @param scale     the scale, or null for an item
 */
public record OutcomeTarget(String name, String reference, ValueOutcomes.Profile profile, String instrument,
                            String item, String scale) {

    /**
     * The outcomes of the references matched to the instruments, and the names no instrument holds.
     *
     * @param targets     in the references' order
     * @param notAnswered names of outcomes no instrument holds
     */
    public record Matches(List<OutcomeTarget> targets, List<String> notAnswered) {
    }

    /**
     * Matches each outcome name to an item or scale: {@code instrument/item}, {@code instrument/scale}, a bare item
     * id or scale name held by one instrument only, or a scale's agents.csv column ({@code ipip_big5_extraversion}).
     * Value scales (the ten values) are never outcomes.
     *
     * @throws IllegalArgumentException for a name two instruments hold, an outcome named twice, or an item whose
     *                                  answers have no order (a choice among more than two unordered options)
     */
    public static Matches match(List<Instrument> instruments, List<ValueOutcomes> references) {
        Map<String, List<OutcomeTarget.Place>> places = places(instruments);
        List<OutcomeTarget> targets = new ArrayList<>();
        List<String> notAnswered = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (ValueOutcomes reference : references) {
            for (var e : reference.outcomes().entrySet()) {
                String name = e.getKey();
                String earlier = seen.putIfAbsent(name, reference.source());
                if (earlier != null) {
                    throw new IllegalArgumentException("outcome '" + name + "' is in two references (" + earlier
                            + " and " + reference.source() + ")");
                }
                List<Place> found = places.getOrDefault(name, List.of());
                if (found.isEmpty()) {
                    notAnswered.add(name);
                    continue;
                }
                if (found.size() > 1) {
                    throw new IllegalArgumentException("outcome '" + name + "' is in " + found.stream()
                            .map(Place::instrument).distinct().toList() + "; name it as instrument/" + name);
                }
                Place place = found.get(0);
                targets.add(new OutcomeTarget(name, reference.source(), e.getValue(), place.instrument(), place.item(),
                        place.scale()));
            }
        }
        for (OutcomeTarget target : targets) {
            if (target.item() != null) {
                Instrument instrument = instruments.stream().filter(i -> i.id().equals(target.instrument()))
                        .findFirst().orElseThrow();
                ResponseScale scale = instrument.response(instrument.item(target.item()));
                if (scale.isAllocation() || !scale.isOrdered() && scale.size() != 2) {
                    throw new IllegalArgumentException("outcome '" + target.name() + "' is item " + target.instrument()
                            + "/" + target.item() + ", whose " + scale.kind() + " answers have no order to correlate "
                            + "with values (an outcome item is a Likert, numeric or two-option item)");
                }
            }
        }
        return new Matches(List.copyOf(targets), List.copyOf(notAnswered));
    }

    /** Where a name can point: an item or a scale of an instrument. */
    private record Place(String instrument, String item, String scale) {
    }

    private static Map<String, List<Place>> places(List<Instrument> instruments) {
        Map<String, List<Place>> out = new HashMap<>();
        for (Instrument instrument : instruments) {
            for (Item item : instrument.items()) {
                Place place = new Place(instrument.id(), item.id(), null);
                add(out, item.id(), place);
                add(out, instrument.id() + "/" + item.id(), place);
            }
            ScaleScorer scorer = new ScaleScorer(instrument);
            for (int s = 0; s < scorer.scales().size(); s++) {
                String scale = scorer.scales().get(s);
                if (SchwartzValue.find(scale).isPresent()) {
                    continue;
                }
                Place place = new Place(instrument.id(), null, scale);
                add(out, scale, place);
                add(out, instrument.id() + "/" + scale, place);
                add(out, scorer.columns().get(s).toLowerCase(Locale.ROOT), place);
            }
        }
        return out;
    }

    private static void add(Map<String, List<Place>> out, String name, Place place) {
        List<Place> list = out.computeIfAbsent(name, n -> new ArrayList<>());
        if (!list.contains(place)) {
            list.add(place);
        }
    }
}
