package org.valuesim.core.respond;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.valuesim.core.instrument.ResponseScale;

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
     * Whole units proportional to the weights, summing to {@code total}: each gets the floor of its exact
     * share and the remaining units go to the largest remainders (lowest index on ties).
     */
    public static int[] split(int total, double[] weights) {
        double sum = Arrays.stream(weights).sum();
        int[] out = new int[weights.length];
        if (!(sum > 0)) {
            return out;
        }
        double[] remainder = new double[weights.length];
        int given = 0;
        for (int i = 0; i < weights.length; i++) {
            double exact = total * weights[i] / sum;
            out[i] = (int) Math.floor(exact);
            remainder[i] = exact - out[i];
            given += out[i];
        }
        for (; given < total; given++) {
            int best = 0;
            for (int i = 1; i < remainder.length; i++) {
                if (remainder[i] > remainder[best]) {
                    best = i;
                }
            }
            out[best]++;
            remainder[best] = -1;
        }
        return out;
    }
}
