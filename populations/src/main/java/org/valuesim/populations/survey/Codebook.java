package org.valuesim.populations.survey;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.valuesim.core.files.InvalidFieldException;
import org.valuesim.core.values.SchwartzValue;

/**
 * How to read an individual-level survey file, in one of two forms. One instrument's items: which column holds which
 * item of {@code instrument} and the value it scores, one coding for all ({@code answers}). Any survey:
 * {@code questions}, each column with its own text, kind, coding and group ({@link Question}); the codebook then
 * makes its own instrument ({@link CodebookInstrument}). Both: which codes mean "missing", optional demographics.
 *
 * @param instrument   one-instrument form: the instrument whose items the columns hold
 * @param idColumn     the respondent id column (optional)
 * @param answers      one-instrument form: the file's answer coding
 * @param missing      cell texts that mean a missing answer (blank cells always do)
 * @param items        one-instrument form: data column to item, in instrument order (value items, and outcome items
 *                     marked group: behaviours)
 * @param demographics attribute name to the column that holds it (optional)
 * @param questions    any-survey form: data column to question, in the order they are asked
 */
public record Codebook(
        @JsonProperty(required = true) String name,
        @JsonProperty(required = true) String description,
        @JsonProperty(required = true) String source,
        String instrument,
        String idColumn,
        AnswerCoding answers,
        List<String> missing,
        Map<String, CodebookItem> items,
        Map<String, Demographic> demographics,
        Map<String, Question> questions) {

    /** A preset's name, which names its file: no folders, nothing hidden. */
    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    public Codebook {
        missing = missing == null ? List.of() : List.copyOf(missing);
        demographics = demographics == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(demographics));
        if (!NAME.matcher(name).matches()) {
            throw new InvalidFieldException("/name", "'" + name + "' cannot name a preset file; use letters, digits, "
                    + "'.', '_' and '-' (at most 100, starting with a letter or digit)");
        }
        if (questions != null) {
            questions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(questions));
            checkQuestions(questions, instrument, answers, items);
            items = Map.of();
        } else {
            for (String field : List.of("instrument", "answers", "items")) {
                if ((field.equals("instrument") ? instrument : field.equals("answers") ? answers : items) == null) {
                    throw new InvalidFieldException("/" + field, "missing required field (or describe the file by "
                            + "questions: each column's text, kind and coding)");
                }
            }
            items = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(items));
        }
        if (questions == null && items.values().stream().allMatch(CodebookItem::isBehaviour)) {
            throw new InvalidFieldException("/items", "name at least one column and its value item");
        }
        for (int i = 0; i < missing.size() && questions == null; i++) {
            String code = missing.get(i).trim();
            if (code.matches("-?\\d+") && answers.isCode(Long.parseLong(code))) {
                throw new InvalidFieldException("/missing/" + i, "'" + code + "' is an answer code (" + answers.min()
                        + ".." + answers.max() + "), so it cannot also mean missing");
            }
        }
    }

    /** A one-instrument codebook, as before questions were added. */
    public Codebook(String name, String description, String source, String instrument, String idColumn,
                    AnswerCoding answers, List<String> missing, Map<String, CodebookItem> items,
                    Map<String, Demographic> demographics) {
        this(name, description, source, instrument, idColumn, answers, missing, items, demographics, null);
    }

    /** Whether it describes any survey by its questions (rather than one instrument's items). */
    public boolean isMixed() {
        return questions != null;
    }

    private static void checkQuestions(Map<String, Question> questions, String instrument, AnswerCoding answers,
                                       Map<String, CodebookItem> items) {
        if (instrument != null || answers != null || items != null) {
            throw new InvalidFieldException(instrument != null ? "/instrument" : answers != null ? "/answers" : "/items",
                    "a codebook with questions makes its own instrument, and each question has its own coding: give "
                            + "questions, or instrument, answers and items, not both");
        }
        java.util.Set<String> ids = new java.util.HashSet<>();
        questions.forEach((column, q) -> {
            if (!ids.add(q.id() != null ? q.id() : column)) {
                throw new InvalidFieldException("/questions/" + column + (q.id() != null ? "/id" : ""), "two questions "
                        + "have the id " + (q.id() != null ? q.id() : column));
            }
        });
        if (questions.values().stream().allMatch(q -> q.group().equals(Question.DEMOGRAPHICS))) {
            throw new InvalidFieldException("/questions", "name at least one question that is not a demographic");
        }
    }

    /** The persona attributes the file gives: its demographics, and the ids of questions in the demographics group. */
    public java.util.Set<String> attributeNames() {
        java.util.Set<String> names = new java.util.LinkedHashSet<>(demographics.keySet());
        if (questions != null) {
            questions.forEach((column, q) -> {
                if (q.group().equals(Question.DEMOGRAPHICS)) {
                    names.add(questionId(column, q));
                }
            });
        }
        return names;
    }

    /** The id of the question a column holds (its own id, else the column). */
    public static String questionId(String column, Question question) {
        return question.id() != null ? question.id() : column;
    }

    /** The columns of value items (every item not marked {@code group: behaviours}), in file order. */
    public Map<String, CodebookItem> valueItems() {
        return select(false);
    }

    /** The columns of outcome items ({@code group: behaviours}), in file order; empty when none. */
    public Map<String, CodebookItem> behaviourItems() {
        return select(true);
    }

    private Map<String, CodebookItem> select(boolean behaviour) {
        Map<String, CodebookItem> out = new LinkedHashMap<>();
        items.forEach((column, item) -> {
            if (item.isBehaviour() == behaviour) {
                out.put(column, item);
            }
        });
        return java.util.Collections.unmodifiableMap(out);
    }

    /**
     * A demographic column: numbers cut into bands (each band from one edge up to the next, the last open, and
     * numbers below the first edge in a band of their own: with edges [18, 30, 60] the bands are {@code <18},
     * {@code 18-29}, {@code 30-59} and {@code 60+}), or categories, optionally relabelled. Cells in
     * {@code missing} (and blank cells) are unknown.
     *
     * @param bands  increasing band edges for a numeric column, e.g. [18, 30, 45, 60, 75]
     * @param labels code to label for a categorical column
     */
    public record Demographic(
            @JsonProperty(required = true) String column,
            List<Double> bands,
            Map<String, String> labels,
            List<String> missing) {

        public Demographic {
            bands = bands == null ? List.of() : List.copyOf(bands);
            labels = labels == null ? Map.of() : Map.copyOf(labels);
            missing = missing == null ? List.of() : List.copyOf(missing);
            if (!bands.isEmpty() && !labels.isEmpty()) {
                throw new InvalidFieldException("/labels", "give bands (for numbers) or labels (for codes), not both");
            }
            for (int i = 0; i < bands.size(); i++) {
                if (!Double.isFinite(bands.get(i)) || i > 0 && !(bands.get(i) > bands.get(i - 1))) {
                    throw new InvalidFieldException("/bands/" + i, "band edges must be finite and increasing, got "
                            + bands.stream().map(Demographic::format).toList());
                }
            }
        }

        /** The category of a cell, or null when unknown; throws on a cell that is not a number where bands need one. */
        public String category(String cell) {
            String c = cell.trim();
            if (c.isEmpty() || missing.contains(c)) {
                return null;
            }
            if (bands.isEmpty()) {
                return labels.getOrDefault(c, c);
            }
            double x;
            try {
                x = Double.parseDouble(c);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a number");
            }
            if (!Double.isFinite(x)) {
                throw new IllegalArgumentException("not a finite number");
            }
            if (x < bands.get(0)) {
                return "<" + format(bands.get(0));
            }
            for (int i = bands.size() - 1; i >= 0; i--) {
                if (x >= bands.get(i)) {
                    return i == bands.size() - 1 ? format(bands.get(i)) + "+"
                            : format(bands.get(i)) + "-" + format(bands.get(i + 1) - 1);
                }
            }
            throw new IllegalStateException();
        }

        private static String format(double x) {
            return x == Math.rint(x) ? Long.toString((long) x) : Double.toString(x);
        }
    }

    /**
     * @param min      the lowest code of the file
     * @param max      the highest code
     * @param reversed true when the file's lowest code is the instrument's highest option (raw ESS: 1 = very much like me)
     */
    public record AnswerCoding(
            @JsonProperty(required = true) int min,
            @JsonProperty(required = true) int max,
            boolean reversed) {

        public AnswerCoding {
            if (max <= min) {
                throw new InvalidFieldException("/max", "must be above min (" + min + "), got " + max);
            }
            if ((long) max - min >= 100) {
                throw new InvalidFieldException("/max", "at most 100 answer codes, got " + min + ".." + max);
            }
        }

        /** Whether a number is one of the file's answer codes. */
        public boolean isCode(long code) {
            return code >= min && code <= max;
        }

        /** The instrument's option (1..k) for a file code. */
        public int toOption(int code) {
            return reversed ? max - code + 1 : code - min + 1;
        }

        public int options() {
            return max - min + 1;
        }
    }

    /**
     * The item a column holds and the Schwartz value it scores; or, with {@code group: behaviours}, an outcome observed
     * beside the values (a behaviour, an attitude, a scale score), whose correlations with the centred values form a
     * value-behaviour reference. An outcome's cells are read as numbers as they stand, not through {@code answers}.
     *
     * @param item  for a value item, an item of the codebook's instrument; for an outcome, the name a run's
     *              outcome is matched by (an item id, instrument/item, or a scale such as extraversion)
     * @param group {@code values} (the default) or {@code behaviours}
     */
    public record CodebookItem(
            @JsonProperty(required = true) String item,
            String value,
            String group) {

        /** The group of outcome items, spelled as a question's group. */
        public static final String BEHAVIOUR = Question.BEHAVIOURS;
        private static final String VALUES = Question.VALUES;

        public CodebookItem {
            if ("behaviour".equals(group)) {
                throw new InvalidFieldException("/group", "'behaviour' is spelled " + BEHAVIOUR + ", as a question's "
                        + "group: write group: " + BEHAVIOUR);
            }
            if (group != null && !VALUES.equals(group) && !BEHAVIOUR.equals(group)) {
                throw new InvalidFieldException("/group", "'" + group + "' is not a question group; expected "
                        + VALUES + " (the default) or " + BEHAVIOUR);
            }
            if (BEHAVIOUR.equals(group) && value != null) {
                throw new InvalidFieldException("/value", "a behaviour item scores no value; leave value out");
            }
            if (!BEHAVIOUR.equals(group) && value == null) {
                throw InvalidFieldException.missing("/value"); // only outcome items (group: behaviours) have none
            }
            if (value != null && SchwartzValue.find(value).isEmpty()) {
                throw new InvalidFieldException("/value", "'" + value + "' is not a Schwartz value; expected one of: "
                        + String.join(", ", SchwartzValue.inCircularOrder().stream().map(SchwartzValue::id).toList()));
            }
        }

        public boolean isBehaviour() {
            return BEHAVIOUR.equals(group);
        }
    }
}
