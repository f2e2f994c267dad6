package org.valuesim.core.instrument;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.valuesim.core.files.InvalidFieldException;

/**
 * How an item is answered.
 * <ul>
 * <li>{@code likert}: ordered, labelled options (the answer is one option's value);</li>
 * <li>{@code multiple-choice}: unordered options with text labels (the answer is one option's value);</li>
 * <li>{@code numeric}: a whole number from {@code min} to {@code max} (each number is an option labelled with itself);</li>
 * <li>{@code allocation}: an {@code endowment} of whole units split over the options (the answer is one amount
 * per option, summing to the endowment).</li>
 * </ul>
 *
 * @param kind      likert, multiple-choice, numeric or allocation
 * @param options   the options (numeric scales list none; they are the numbers min..max)
 * @param min       numeric only: the smallest answer
 * @param max       numeric only: the largest answer
 * @param endowment allocation only: the units to split
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResponseScale(String kind, List<ResponseOption> options, Integer min, Integer max, Integer endowment) {

    public static final String LIKERT = "likert";
    public static final String MULTIPLE_CHOICE = "multiple-choice";
    public static final String NUMERIC = "numeric";
    public static final String ALLOCATION = "allocation";
    /** The widest numeric range accepted: each number becomes an option. */
    public static final int MAX_NUMERIC_OPTIONS = 1001;

    public ResponseScale {
        if (kind == null) {
            throw new InvalidFieldException("/kind", "a response needs a kind: likert, multiple-choice, numeric or allocation");
        }
        switch (kind) {
            case NUMERIC -> {
                if (options != null && !options.isEmpty()) {
                    throw new InvalidFieldException("/options", "a numeric response takes min and max, not options");
                }
                if (min == null || max == null || min > max) {
                    throw new InvalidFieldException(min == null ? "/min" : "/max", "a numeric response needs min <= max");
                }
                if ((long) max - min + 1 > MAX_NUMERIC_OPTIONS) {
                    throw new InvalidFieldException("/max", "a numeric response may span at most " + MAX_NUMERIC_OPTIONS
                            + " numbers, got " + ((long) max - min + 1));
                }
                List<ResponseOption> numbers = new ArrayList<>();
                for (int v = min; v <= max; v++) {
                    numbers.add(new ResponseOption(v, Integer.toString(v)));
                }
                options = List.copyOf(numbers);
            }
            case LIKERT, MULTIPLE_CHOICE, ALLOCATION -> {
                if (options == null || options.size() < 2) {
                    throw new InvalidFieldException("/options", "a " + kind + " response needs at least two options");
                }
                if (min != null || max != null) {
                    throw new InvalidFieldException(min != null ? "/min" : "/max", "min and max belong to numeric responses only");
                }
                if (kind.equals(ALLOCATION) ? endowment == null || endowment < 1 : endowment != null) {
                    throw new InvalidFieldException("/endowment", kind.equals(ALLOCATION)
                            ? "an allocation response needs a positive endowment" : "endowment belongs to allocation responses only");
                }
                Set<Integer> values = new HashSet<>();
                for (ResponseOption o : options) {
                    if (!values.add(o.value())) {
                        throw new InvalidFieldException("/options/" + options.indexOf(o) + "/value", "two options have the value " + o.value());
                    }
                    if (o.serves() != null && !kind.equals(ALLOCATION)) {
                        throw new InvalidFieldException("/options/" + options.indexOf(o) + "/serves", "serves belongs to allocation options only");
                    }
                }
                options = List.copyOf(options);
            }
            default -> throw new InvalidFieldException("/kind", "unknown response kind '" + kind
                    + "'; expected likert, multiple-choice, numeric or allocation");
        }
    }

    /** A scale whose answer is one of these options. */
    public ResponseScale(String kind, List<ResponseOption> options) {
        this(kind, options, null, null, null);
    }

    @JsonIgnore
    public int size() {
        return options.size();
    }

    @JsonIgnore
    public boolean isAllocation() {
        return ALLOCATION.equals(kind);
    }

    /** Whether options are ordered, so that distances between answers mean something. */
    @JsonIgnore
    public boolean isOrdered() {
        return LIKERT.equals(kind) || NUMERIC.equals(kind);
    }

    /** The option with this value, or null. */
    public ResponseOption option(int value) {
        for (ResponseOption o : options) {
            if (o.value() == value) {
                return o;
            }
        }
        return null;
    }

    /** The position of the option with this value, or -1. */
    public int indexOf(int value) {
        for (int i = 0; i < options.size(); i++) {
            if (options.get(i).value() == value) {
                return i;
            }
        }
        return -1;
    }

    /** Lowest and highest option value. */
    @JsonIgnore
    public int lowest() {
        // a plain loop: dilemma agents ask this on every move
        int lowest = Integer.MAX_VALUE;
        for (ResponseOption o : options) {
            lowest = Math.min(lowest, o.value());
        }
        return lowest;
    }

    @JsonIgnore
    public int highest() {
        int highest = Integer.MIN_VALUE;
        for (ResponseOption o : options) {
            highest = Math.max(highest, o.value());
        }
        return highest;
    }

    @Override
    public String toString() {
        return kind.toLowerCase(Locale.ROOT) + " " + options.size() + " options";
    }
}
