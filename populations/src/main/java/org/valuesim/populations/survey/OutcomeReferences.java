package org.valuesim.populations.survey;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.valuesim.core.values.SchwartzValue;
import org.valuesim.core.values.ValueOutcomes;

/**
 * Human value-behaviour references: computed from a survey file whose codebook marks outcome items
 * ({@code group: behaviours}) beside the value items, or read from a CSV file of {@code outcome,value,r,n}.
 */
public final class OutcomeReferences {

    /** The CSV file's header. */
    public static final List<String> HEADER = List.of("outcome", "value", "r", "n");

    private OutcomeReferences() {
    }

    /**
     * The correlations of each outcome with the ten centred value scores (each value the mean of its items, minus the
     * person's mean over all value items), over the respondents who answered every value item and have the outcome.
     *
     * @param table    the value items' answers
     * @param names    the outcomes' names
     * @param outcomes per respondent of the table (same rows), the outcomes; NaN where missing
     * @throws DataException when an outcome has fewer than three such respondents or does not vary among them
     */
    public static ValueOutcomes fromSurvey(String source, AnswerTable table, List<String> names, double[][] outcomes)
            throws DataException {
        int k = SchwartzValue.count();
        int[] valueOf = table.values().stream().mapToInt(v -> SchwartzValue.find(v).orElseThrow().ordinal()).toArray();
        int[] itemsPerValue = new int[k];
        Arrays.stream(valueOf).forEach(v -> itemsPerValue[v]++);
        double[][] centred = new double[table.answers().length][];
        for (int p = 0; p < centred.length; p++) {
            int[] answers = table.answers()[p];
            if (Arrays.stream(answers).anyMatch(a -> a == 0)) {
                continue;
            }
            double personMean = Arrays.stream(answers).average().orElseThrow();
            double[] scores = new double[k];
            for (int i = 0; i < answers.length; i++) {
                scores[valueOf[i]] += answers[i] / (double) itemsPerValue[valueOf[i]];
            }
            for (int v = 0; v < k; v++) {
                scores[v] = itemsPerValue[v] == 0 ? Double.NaN : scores[v] - personMean;
            }
            centred[p] = scores;
        }
        ValueOutcomes reference = ValueOutcomes.of(source, names, centred, outcomes);
        Map<String, ValueOutcomes.Profile> rounded = new LinkedHashMap<>();
        for (var e : reference.outcomes().entrySet()) {
            if (Arrays.stream(e.getValue().r()).anyMatch(Double::isNaN)) {
                throw new DataException("outcome " + e.getKey() + ": " + e.getValue().fewest() + " respondents with "
                        + "every value item answered have it" + (e.getValue().fewest() < 3 ? " (at least 3 needed)"
                        : ", and it does not vary among them") + ", so it has no correlation with the values");
            }
            // six decimals, as the preset's other statistics
            rounded.put(e.getKey(), new ValueOutcomes.Profile(Arrays.stream(e.getValue().r())
                    .map(r -> Math.round(r * 1e6) / 1e6).toArray(), e.getValue().n()));
        }
        return new ValueOutcomes(source, rounded);
    }

    /**
     * The outcome references a codebook with questions carries: every question of the behaviours group that keys no
     * value and whose answers have an order (or two options), its answer's place on its own scale (1..k) against the
     * ten centred values, as {@link #fromSurvey} computes them.
     *
     * @param table every question's answers (value-keyed and others, same rows)
     * @return the references, or null when no question qualifies
     * @throws DataException as {@link #fromSurvey}
     */
    public static ValueOutcomes fromQuestions(String source, AnswerTable table) throws DataException {
        List<Integer> columns = new java.util.ArrayList<>();
        for (int i = 0; i < table.items().size(); i++) {
            AnswerTable.Column column = table.columns().get(i);
            if (column.group().equals(Question.BEHAVIOURS) && table.values().get(i) == null
                    && (column.ordered() || column.options() == 2)) {
                columns.add(i);
            }
        }
        if (columns.isEmpty()) {
            return null;
        }
        double[][] outcomes = new double[table.answers().length][columns.size()];
        for (int p = 0; p < outcomes.length; p++) {
            for (int o = 0; o < columns.size(); o++) {
                int answer = table.answers()[p][columns.get(o)];
                outcomes[p][o] = answer == 0 ? Double.NaN : answer;
            }
        }
        return fromSurvey(source, table.valueColumns(), columns.stream().map(table.items()::get).toList(), outcomes);
    }

    /**
     * Reads a reference CSV: a header {@code outcome,value,r,n}, then one row per outcome and value (any order, every
     * outcome with all ten values once). Values are named by id, code or label; r lies in [-1, 1], n is a whole number
     * of at least 3. Every problem names the file, line and column.
     */
    public static ValueOutcomes readCsv(Path file) throws DataException {
        CsvTable csv = CsvTable.read(file);
        CsvTable.Row header = csv.header();
        List<String> names = Arrays.stream(header.cells()).map(c -> c.trim().toLowerCase(java.util.Locale.ROOT))
                .toList();
        if (!names.equals(HEADER)) {
            throw new DataException(csv.at(header, 0) + ": the header must be " + String.join(",", HEADER) + ", got "
                    + String.join(",", header.cells()));
        }
        int k = SchwartzValue.count();
        Map<String, double[]> r = new LinkedHashMap<>();
        Map<String, int[]> n = new LinkedHashMap<>();
        Map<String, CsvTable.Row> first = new LinkedHashMap<>();
        for (CsvTable.Row row : csv.rows().subList(1, csv.rows().size())) {
            String[] cells = row.cells();
            if (cells.length != HEADER.size()) {
                throw new DataException(csv.at(row, 0) + ": " + cells.length + " cells where the header has "
                        + HEADER.size());
            }
            String outcome = cells[0].trim();
            if (outcome.isEmpty()) {
                throw new DataException(csv.at(row, 0) + ": outcome: empty; name the outcome (an item or a scale)");
            }
            SchwartzValue value = SchwartzValue.find(cells[1]).orElseThrow(() -> new DataException(csv.at(row, 1)
                    + ": value: '" + cells[1].trim() + "' is not a Schwartz value; expected one of: " + String.join(", ",
                    SchwartzValue.inCircularOrder().stream().map(SchwartzValue::id).toList())));
            double correlation = number(csv, row, 2);
            if (!(correlation >= -1 && correlation <= 1)) {
                throw new DataException(csv.at(row, 2) + ": r: " + cells[2].trim() + " is not a correlation in [-1, 1]");
            }
            double count = number(csv, row, 3);
            if (count != Math.rint(count) || count < 3 || count > Integer.MAX_VALUE) {
                throw new DataException(csv.at(row, 3) + ": n: " + cells[3].trim() + " is not a whole number of "
                        + "people, at least 3");
            }
            first.putIfAbsent(outcome, row);
            double[] rs = r.computeIfAbsent(outcome, o -> filled(k));
            if (!Double.isNaN(rs[value.ordinal()])) {
                throw new DataException(csv.at(row, 1) + ": value: " + outcome + " has a second row for "
                        + value.id());
            }
            rs[value.ordinal()] = correlation;
            n.computeIfAbsent(outcome, o -> new int[k])[value.ordinal()] = (int) count;
        }
        if (r.isEmpty()) {
            throw new DataException(csv.at(header, 0) + ": no rows: the file has only its header");
        }
        Map<String, ValueOutcomes.Profile> profiles = new LinkedHashMap<>();
        for (var e : r.entrySet()) {
            List<String> absent = new ArrayList<>();
            for (SchwartzValue v : SchwartzValue.inCircularOrder()) {
                if (Double.isNaN(e.getValue()[v.ordinal()])) {
                    absent.add(v.id());
                }
            }
            if (!absent.isEmpty()) {
                throw new DataException(csv.at(first.get(e.getKey()), 0) + ": outcome " + e.getKey()
                        + " has no row for " + String.join(", ", absent) + " (every outcome needs all ten values)");
            }
            profiles.put(e.getKey(), new ValueOutcomes.Profile(e.getValue(), n.get(e.getKey())));
        }
        return new ValueOutcomes(file.getFileName().toString(), profiles);
    }

    private static double number(CsvTable csv, CsvTable.Row row, int cell) throws DataException {
        String text = row.cells()[cell].trim();
        try {
            double x = Double.parseDouble(text);
            if (Double.isFinite(x)) {
                return x;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new DataException(csv.at(row, cell) + ": " + HEADER.get(cell) + ": '" + text + "' is not a number");
    }

    private static double[] filled(int k) {
        double[] x = new double[k];
        Arrays.fill(x, Double.NaN);
        return x;
    }
}
