package org.valuesim.populations.survey;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.valuesim.core.files.InvalidFieldException;
import org.valuesim.core.instrument.ResponseOption;
import org.valuesim.core.instrument.ResponseScale;
import org.valuesim.core.values.SchwartzValue;

/**
 * One question of any survey file, as a codebook's {@code questions} describe it: its text as asked, its kind and
 * coding, and what it is about. Each answer becomes an option 1..k of the question's own scale (0 when missing).
 *
 * <p>Kinds: {@code likert} and {@code ordinal} (codes {@code min}..{@code max}, optionally labelled), {@code scale-0-10}
 * (codes 0..10 unless min and max say otherwise), {@code yes-no} (two codes, {@code labels} naming which is yes:
 * default 0 = no, 1 = yes; ordered no &lt; yes), {@code categorical} (the codes and labels of {@code labels}, in that
 * order, unordered), {@code number} (a quantity: cut into bands by {@code bands}, or whole numbers {@code min}..{@code
 * max}). {@code reversed} reads the codes backwards (the file's lowest code is the highest answer).
 *
 * @param id       the question's id in valuesim (default: its column)
 * @param text     the question as asked
 * @param kind     likert, ordinal, scale-0-10, yes-no, categorical or number
 * @param min      the lowest code (likert, ordinal, scale-0-10, number without bands)
 * @param max      the highest code
 * @param labels   code to label; for categorical the options themselves
 * @param bands    number: increasing band edges (as a demographic's)
 * @param reversed whether the codes run against the answers' order
 * @param missing  codes that mean no answer to this question (besides the codebook's)
 * @param value    the Schwartz value it scores, if any
 * @param group    demographics, values, behaviours or attitudes (default: values when it has a value, else attitudes)
 */
public record Question(
        String id,
        String text,
        String kind,
        Integer min,
        Integer max,
        Map<String, String> labels,
        List<Double> bands,
        boolean reversed,
        List<String> missing,
        String value,
        String group) {

    public static final List<String> KINDS = List.of("likert", "ordinal", "scale-0-10", "yes-no", "categorical", "number");
    public static final String DEMOGRAPHICS = "demographics";
    public static final String VALUES = "values";
    public static final String BEHAVIOURS = "behaviours";
    public static final String ATTITUDES = "attitudes";
    public static final List<String> GROUPS = List.of(DEMOGRAPHICS, VALUES, BEHAVIOURS, ATTITUDES);
    private static final int MAX_CODES = 101;

    public Question {
        labels = labels == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        bands = bands == null ? List.of() : List.copyOf(bands);
        missing = missing == null ? List.of() : List.copyOf(missing);
        if (text == null || text.isBlank()) {
            throw new InvalidFieldException("/text", "missing required field (the question as asked)");
        }
        if (kind == null || !KINDS.contains(kind)) {
            throw new InvalidFieldException("/kind", kind == null ? "missing required field; one of " + String.join(", ", KINDS)
                    : "'" + kind + "' is not a question kind; expected one of " + String.join(", ", KINDS));
        }
        if (value != null && SchwartzValue.find(value).isEmpty()) {
            throw new InvalidFieldException("/value", "'" + value + "' is not a Schwartz value; expected one of: "
                    + String.join(", ", SchwartzValue.inCircularOrder().stream().map(SchwartzValue::id).toList()));
        }
        if (group == null) {
            group = value != null ? VALUES : ATTITUDES;
        } else if (!GROUPS.contains(group)) {
            throw new InvalidFieldException("/group", "'" + group + "' is not a question group; expected one of "
                    + String.join(", ", GROUPS));
        }
        if (kind.equals("scale-0-10")) {
            min = min == null ? 0 : min;
            max = max == null ? 10 : max;
        }
        switch (kind) {
            case "likert", "ordinal", "scale-0-10" -> range(min, max);
            case "yes-no" -> {
                if (labels.isEmpty()) {
                    labels = Map.of("0", "no", "1", "yes");
                }
                if (labels.size() != 2 || labels.values().stream().map(l -> l.trim().toLowerCase(java.util.Locale.ROOT))
                        .sorted().toList().equals(List.of("no", "yes")) == false) {
                    throw new InvalidFieldException("/labels", "a yes-no question has two codes, labelled yes and no, got "
                            + labels);
                }
            }
            case "categorical" -> {
                if (labels.size() < 2) {
                    throw new InvalidFieldException("/labels", "a categorical question lists its codes and their labels "
                            + "(at least two)");
                }
            }
            default -> {
                if (bands.isEmpty()) {
                    range(min, max);
                }
                for (int i = 0; i < bands.size(); i++) {
                    if (!Double.isFinite(bands.get(i)) || i > 0 && !(bands.get(i) > bands.get(i - 1))) {
                        throw new InvalidFieldException("/bands/" + i, "band edges must be finite and increasing, got "
                                + bands);
                    }
                }
            }
        }
        for (String code : labels.keySet()) {
            if (!kind.equals("categorical") && !kind.equals("yes-no") && !isWhole(code)) {
                throw new InvalidFieldException("/labels/" + code, "'" + code + "' is not a whole-number code");
            }
        }
        if (reversed && !isOrderedKind(kind)) {
            throw new InvalidFieldException("/reversed", "a " + kind + " question has no order to reverse");
        }
    }

    private static void range(Integer min, Integer max) {
        if (min == null || max == null) {
            throw new InvalidFieldException(min == null ? "/min" : "/max", "missing required field (the question's "
                    + (min == null ? "lowest" : "highest") + " code)");
        }
        if (max <= min) {
            throw new InvalidFieldException("/max", "must be above min (" + min + "), got " + max);
        }
        if ((long) max - min + 1 > MAX_CODES) {
            throw new InvalidFieldException("/max", "at most " + MAX_CODES + " codes, got " + min + ".." + max);
        }
    }

    private static boolean isOrderedKind(String kind) {
        return !kind.equals("categorical");
    }

    private static boolean isWhole(String s) {
        return s.trim().matches("-?\\d+");
    }

    /** Whether its answers are ordered, so that distances between them mean something. */
    public boolean ordered() {
        return isOrderedKind(kind);
    }

    /** The answer options, in the scale's order: option i (1-based) is element i-1. */
    public List<ResponseOption> options() {
        List<ResponseOption> out = new ArrayList<>();
        List<String> names = optionNames();
        for (int i = 0; i < names.size(); i++) {
            out.add(new ResponseOption(i + 1, names.get(i)));
        }
        return out;
    }

    private List<String> optionNames() {
        List<String> names = new ArrayList<>();
        switch (kind) {
            case "categorical" -> names.addAll(labels.values());
            case "yes-no" -> names.addAll(List.of("no", "yes"));
            case "number" -> {
                if (!bands.isEmpty()) {
                    names.add("under " + format(bands.get(0)));
                    for (int i = 0; i < bands.size(); i++) {
                        names.add(i == bands.size() - 1 ? format(bands.get(i)) + " or more"
                                : format(bands.get(i)) + " to under " + format(bands.get(i + 1)));
                    }
                } else {
                    codes().forEach(c -> names.add(Integer.toString(c)));
                }
            }
            default -> codes().forEach(c -> names.add(labels.getOrDefault(Integer.toString(c), Integer.toString(c))));
        }
        return names;
    }

    /** The codes min..max in the answers' order (reversed when the codes run against it). */
    private List<Integer> codes() {
        List<Integer> codes = new ArrayList<>();
        for (int c = min; c <= max; c++) {
            codes.add(c);
        }
        if (reversed) {
            java.util.Collections.reverse(codes);
        }
        return codes;
    }

    /** How many answer options it has. */
    public int size() {
        return optionNames().size();
    }

    /** The response scale its item has in the instrument a codebook makes. */
    public ResponseScale response() {
        return new ResponseScale(ordered() ? ResponseScale.LIKERT : ResponseScale.MULTIPLE_CHOICE, options());
    }

    /**
     * The option (1..k) a cell holds, 0 when it means no answer (blank, or one of {@code missing}).
     *
     * @throws IllegalArgumentException naming what the cell should have been
     */
    public int option(String cell, java.util.Set<String> missingCodes) {
        String c = cell.trim();
        if (c.isEmpty() || missingCodes.contains(c) || missing.contains(c)) {
            return 0;
        }
        switch (kind) {
            case "categorical", "yes-no" -> {
                String code = wholeOr(c);
                int i = new ArrayList<>(labels.keySet()).indexOf(code);
                if (i < 0) {
                    throw new IllegalArgumentException("'" + c + "' is not one of its codes (" + String.join(", ",
                            labels.keySet()) + ") nor a missing code");
                }
                return kind.equals("yes-no") ? ("yes".equalsIgnoreCase(labels.get(code).trim()) ? 2 : 1) : i + 1;
            }
            case "number" -> {
                if (!bands.isEmpty()) {
                    double x;
                    try {
                        x = Double.parseDouble(c);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("'" + c + "' is not a number nor a missing code");
                    }
                    if (!Double.isFinite(x)) {
                        throw new IllegalArgumentException("'" + c + "' is not a finite number");
                    }
                    int band = 0;
                    while (band < bands.size() && x >= bands.get(band)) {
                        band++;
                    }
                    return band + 1;
                }
                return ranged(c);
            }
            default -> {
                return ranged(c);
            }
        }
    }

    private int ranged(String c) {
        String code = wholeOr(c);
        if (!isWhole(code) || Long.parseLong(code) < min || Long.parseLong(code) > max) {
            throw new IllegalArgumentException("'" + c + "' is not a code " + min + ".." + max + " nor a missing code");
        }
        int k = Integer.parseInt(code);
        return reversed ? max - k + 1 : k - min + 1;
    }

    /** A whole number written as a decimal (6.0, as pandas writes) as the whole number; anything else as it stands. */
    private static String wholeOr(String c) {
        try {
            double x = Double.parseDouble(c);
            if (x == Math.rint(x) && Math.abs(x) < 1e9 && !isWhole(c)) {
                return Long.toString((long) x);
            }
        } catch (NumberFormatException notNumber) {
            // a categorical code such as "DE"
        }
        return c;
    }

    private static String format(double x) {
        return x == Math.rint(x) ? Long.toString((long) x) : Double.toString(x);
    }
}
