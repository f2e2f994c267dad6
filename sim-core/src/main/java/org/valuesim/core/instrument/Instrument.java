package org.valuesim.core.instrument;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.valuesim.core.files.InvalidFieldException;

/**
 * A survey instrument: shared instructions and question, a default response, its items and what it says
 * about its scales.
 *
 * @param source     where the item texts come from and under which terms
 * @param question   the question put after each item ("How much like you is this person?"); empty when each
 *                   item is a whole question
 * @param response   the default response; an item may bring its own
 * @param scales     scale id to what the instrument says about it (labels, value loadings); may be empty
 * @param humanGroup the persona attribute that the items' human answer shares are grouped by (country), or null
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Instrument(
        @JsonProperty(required = true) String id,
        @JsonProperty(required = true) String title,
        @JsonProperty(required = true) String source,
        @JsonProperty(required = true) String instructions,
        String question,
        ResponseScale response,
        @JsonProperty(required = true) List<Item> items,
        Map<String, Scale> scales,
        String humanGroup) {

    public Instrument {
        question = question == null ? "" : question;
        items = List.copyOf(items);
        scales = scales == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(scales));
        if (items.isEmpty()) {
            throw new InvalidFieldException("/items", "instrument " + id + " has no items");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            String at = "/items/" + i;
            if (!seen.add(item.id())) {
                throw new InvalidFieldException(at + "/id", "instrument " + id + " has two items with id " + item.id());
            }
            ResponseScale scale = item.response() != null ? item.response() : response;
            if (scale == null) {
                throw new InvalidFieldException(at, "item " + item.id() + " has no response and the instrument gives none");
            }
            if (item.reversed() && !scale.isOrdered()) {
                throw new InvalidFieldException(at + "/reversed", "item " + item.id() + " is reverse-keyed but its "
                        + scale.kind() + " response has no order");
            }
            if (!item.human().isEmpty() && humanGroup == null) {
                throw new InvalidFieldException(at + "/human", "item " + item.id() + " has human shares but the "
                        + "instrument names no human-group attribute");
            }
            for (var shares : item.human().entrySet()) {
                checkShares(at + "/human/" + shares.getKey(), item.id(), shares.getKey(), shares.getValue(), scale.size());
            }
        }
    }

    public Instrument(String id, String title, String source, String instructions, String question,
                      ResponseScale response, List<Item> items) {
        this(id, title, source, instructions, question, response, items, null, null);
    }

    /** How this item is answered: its own response, or the instrument's. */
    public ResponseScale response(Item item) {
        return item.response() != null ? item.response() : response;
    }

    /** The instrument's item with this id, or null. */
    public Item item(String itemId) {
        for (Item item : items) {
            if (item.id().equals(itemId)) {
                return item;
            }
        }
        return null;
    }

    /** The widest option list of any item. */
    public int maxOptions() {
        return items.stream().mapToInt(i -> response(i).size()).max().orElse(0);
    }

    private static void checkShares(String at, String item, String group, double[] shares, int options) {
        if (shares.length != options) {
            throw new InvalidFieldException(at, "item " + item + ": the human shares of " + group + " list " + shares.length
                    + " numbers for " + options + " options");
        }
        double total = 0;
        for (double s : shares) {
            if (!(s >= 0) || Double.isInfinite(s)) {
                throw new InvalidFieldException(at, "item " + item + ": the human shares of " + group
                        + " must be non-negative numbers");
            }
            total += s;
        }
        if (Math.abs(total - 1) > 0.05) {
            throw new InvalidFieldException(at, "item " + item + ": the human shares of " + group + " sum to " + total
                    + ", not 1");
        }
    }
}
