package org.valuesim.core.respond;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.valuesim.core.instrument.ResponseScale;
import org.valuesim.core.math.Apportionment;

/**
 * Reads and makes allocations: an endowment of whole units split over a scale's options.
 *
 * <p>From text: lines "3: 20" or "option 3 = 20" give option 3 twenty units (options not named get none);
 * failing that, exactly one bare number per option, in order. Either way the amounts must sum to the endowment.
 */
public final class AllocationReader {

    private static final Pattern PAIR = Pattern.compile("(?<![\\d.])(\\d+)\\s*[:=]\\s*\\**\\s*(\\d+)(?![\\d.]*\\d)");
    private static final Pattern NUMBER = Pattern.compile("(?<![\\d.])(\\d+)(?![\\d.]*\\d)");

    private AllocationReader() {
    }

    /** The amounts per option, in the options' order, or empty when the text gives no valid allocation. */
    public static Optional<int[]> parse(String text, ResponseScale scale) {
        text = ThinkingText.strip(text);
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        int[] amounts = new int[scale.size()];
        boolean named = false;
        Matcher pair = PAIR.matcher(text);
        while (pair.find()) {
            int index = scale.indexOf(Integer.parseInt(pair.group(1)));
            if (index >= 0) {
                amounts[index] = Integer.parseInt(pair.group(2));
                named = true;
            }
        }
        if (named && Arrays.stream(amounts).sum() == scale.endowment()) {
            return Optional.of(amounts);
        }
        List<Integer> numbers = new ArrayList<>();
        Matcher number = NUMBER.matcher(text);
        while (number.find()) {
            numbers.add(Integer.parseInt(number.group(1)));
        }
        if (numbers.size() == scale.size() && numbers.stream().mapToInt(Integer::intValue).sum() == scale.endowment()) {
            return Optional.of(numbers.stream().mapToInt(Integer::intValue).toArray());
        }
        return Optional.empty();
    }

    /**
     * Whole units proportional to the weights, summing to {@code total} (largest remainders); none when every weight
     * is zero.
     */
    public static int[] split(int total, double[] weights) {
        return Arrays.stream(weights).sum() > 0 ? Apportionment.largestRemainder(weights, total) : new int[weights.length];
    }
}
