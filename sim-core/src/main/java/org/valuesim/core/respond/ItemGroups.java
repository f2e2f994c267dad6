package org.valuesim.core.respond;

import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.valuesim.core.instrument.Instrument;
import org.valuesim.core.instrument.Item;
import org.valuesim.core.instrument.ResponseScale;

/**
 * items-per-call: an instrument's items asked k at a time in one prompt, in the instrument's order, and each item's
 * answer read from its own "number: answer" line. Every item of a group sends the same request, so the gateway asks
 * the model once and the group shares the call. Allocation items, and groups whose items answer on different
 * scales, are asked one at a time.
 */
final class ItemGroups {

    /** "3: 5", "3. 5", "3) 5", "3 - 5", "**3:** 5", "Item 3: 5" at the start of a line. */
    private static final Pattern LINE = Pattern.compile(
            "(?im)^[\\s*#>-]*(?:item|statement|question)?\\s*\\(?(\\d{1,4})\\)?\\s*[:.)\\-=]\\**\\s*(.+)$");

    private final int size;

    ItemGroups(int size) {
        this.size = Math.max(1, size);
    }

    /** The items asked together with this one (itself included, in the instrument's order). */
    List<Item> group(Instrument instrument, Item item) {
        ResponseScale scale = instrument.response(item);
        if (size == 1 || scale.isAllocation()) {
            return List.of(item);
        }
        List<Item> items = instrument.items();
        int start = items.indexOf(item) / size * size;
        if (start < 0) {
            return List.of(item);
        }
        List<Item> chunk = items.subList(start, Math.min(items.size(), start + size));
        for (Item other : chunk) {
            if (!instrument.response(other).equals(scale)) {
                return List.of(item);
            }
        }
        return chunk;
    }

    /** The answer on the line of the item at this position (from 1), when the line names an option. */
    static OptionalInt read(String text, int position, ResponseScale scale) {
        if (text == null) {
            return OptionalInt.empty();
        }
        Matcher m = LINE.matcher(ThinkingText.strip(text));
        while (m.find()) {
            if (Integer.parseInt(m.group(1)) == position) {
                return AnswerReader.parse(m.group(2), scale);
            }
        }
        return OptionalInt.empty();
    }
}
