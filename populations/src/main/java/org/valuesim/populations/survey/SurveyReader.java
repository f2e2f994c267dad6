package org.valuesim.populations.survey;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.valuesim.core.values.SchwartzValue;

/** Reads codebooks and the survey CSV files they describe into answer tables. */
public final class SurveyReader {

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
            .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * Reads a codebook (the checks its records make, e.g. that each value is a Schwartz value, fail as
     * Jackson exceptions naming the field).
     */
    public Codebook readCodebook(Path file) throws IOException {
        return yaml.readValue(file.toFile(), Codebook.class);
    }

    /**
     * Reads the codebook's columns. Rows with a cell that is neither a valid code nor a missing
     * code are malformed and listed in the exception; the file is rejected as a whole so that a
     * preset is never silently built from part of the data.
     */
    public AnswerTable readAnswers(Path file, Codebook codebook) throws DataException {
        return readAnswers(file, codebook, null);
    }

    /**
     * @param groupColumn a column whose values split the respondents into groups (e.g. country), or null
     */
    public AnswerTable readAnswers(Path file, Codebook codebook, String groupColumn) throws DataException {
        CsvTable csv = CsvTable.read(file);
        CsvTable.Row header = csv.header();
        Set<String> missing = new HashSet<>();
        codebook.missing().forEach(m -> missing.add(m.trim()));
        List<AnswerColumn> answerColumns = new ArrayList<>();
        Map<String, Question> demographicQuestions = new java.util.LinkedHashMap<>();
        if (codebook.isMixed()) {
            for (Map.Entry<String, Question> q : codebook.questions().entrySet()) {
                if (q.getValue().group().equals(Question.DEMOGRAPHICS)) {
                    demographicQuestions.put(q.getKey(), q.getValue());
                } else {
                    answerColumns.add(AnswerColumn.of(q.getKey(), q.getValue(), missing));
                }
            }
        } else {
            codebook.valueItems().forEach((column, item) -> answerColumns.add(AnswerColumn.of(column, item, codebook, missing)));
        }
        int[] at = new int[answerColumns.size()];
        for (int c = 0; c < answerColumns.size(); c++) {
            String column = answerColumns.get(c).column();
            at[c] = column(csv, column, (codebook.isMixed() ? "the codebook's questions." : "the codebook's items.")
                    + column);
        }
        int idAt = codebook.idColumn() == null ? -1 : column(csv, codebook.idColumn(), "the codebook's id-column");
        int groupAt = groupColumn == null ? -1 : column(csv, groupColumn, "the group column");
        Map<String, Integer> demographicAt = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, Codebook.Demographic> d : codebook.demographics().entrySet()) {
            demographicAt.put(d.getKey(), column(csv, d.getValue().column(), "the codebook's demographics."
                    + d.getKey()));
        }
        Map<String, Integer> demographicQuestionAt = new java.util.LinkedHashMap<>();
        for (String column : demographicQuestions.keySet()) {
            demographicQuestionAt.put(column, column(csv, column, "the codebook's questions." + column));
        }
        List<Map<String, String>> demographics = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        List<int[]> answers = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int r = 1; r < csv.rows().size(); r++) {
            CsvTable.Row row = csv.rows().get(r);
            String[] cells = row.cells();
            if (cells.length != header.cells().length) {
                problems.add(csv.at(row, 0) + ": " + cells.length + " cells where the header has "
                        + header.cells().length);
                continue;
            }
            String problem = null;
            int[] answer = new int[answerColumns.size()];
            for (int c = 0; c < answerColumns.size() && problem == null; c++) {
                try {
                    answer[c] = answerColumns.get(c).option(cells[at[c]]);
                } catch (IllegalArgumentException e) {
                    problem = csv.at(row, at[c]) + ": " + answerColumns.get(c).column() + ": " + e.getMessage();
                }
            }
            Map<String, String> attributes = new java.util.TreeMap<>();
            for (Map.Entry<String, Integer> d : demographicAt.entrySet()) {
                if (problem != null) {
                    break;
                }
                String cell = cells[d.getValue()];
                try {
                    String category = codebook.demographics().get(d.getKey()).category(cell);
                    if (category != null) {
                        attributes.put(d.getKey(), category);
                    }
                } catch (IllegalArgumentException e) {
                    problem = csv.at(row, d.getValue()) + ": " + header.cells()[d.getValue()] + ": '" + cell.trim()
                            + "' is not a valid " + d.getKey() + " (" + e.getMessage() + ")";
                }
            }
            for (Map.Entry<String, Integer> d : demographicQuestionAt.entrySet()) {
                if (problem != null) {
                    break;
                }
                Question q = demographicQuestions.get(d.getKey());
                try {
                    int option = q.option(cells[d.getValue()], missing);
                    if (option > 0) {
                        attributes.put(Codebook.questionId(d.getKey(), q), q.options().get(option - 1).label());
                    }
                } catch (IllegalArgumentException e) {
                    problem = csv.at(row, d.getValue()) + ": " + d.getKey() + ": " + e.getMessage();
                }
            }
            if (problem != null) {
                problems.add(problem);
                continue;
            }
            ids.add(idAt >= 0 ? cells[idAt] : Integer.toString(r));
            answers.add(answer);
            demographics.add(attributes);
            groups.add(groupAt >= 0 ? cells[groupAt].trim() : "");
        }
        if (!problems.isEmpty()) {
            throw new DataException(problems.get(0) + (problems.size() == 1 ? ""
                    : "; " + problems.size() + " rows in all cannot be read (this is the first)")
                    + (answers.isEmpty() ? "; no row is usable" : ""));
        }
        if (answers.isEmpty()) {
            throw new DataException(file + ": no respondents: the file has only its header");
        }
        List<AnswerTable.Column> columns = answerColumns.stream().map(AnswerColumn::scale).toList();
        return new AnswerTable(ids, answerColumns.stream().map(AnswerColumn::id).toList(),
                answerColumns.stream().map(AnswerColumn::value).toList(),
                columns.stream().mapToInt(AnswerTable.Column::options).max().orElseThrow(),
                answers.toArray(int[][]::new), demographics, groups, columns);
    }

    /**
     * How one answer column is read: its item or question id, the value it scores (or null), its scale, and the
     * option each cell holds (0 for no answer), which throws naming what the cell should have been.
     */
    private record AnswerColumn(String column, String id, String value, AnswerTable.Column scale,
                                java.util.function.ToIntFunction<String> reader) {

        int option(String cell) {
            return reader.applyAsInt(cell);
        }

        static AnswerColumn of(String column, Question q, Set<String> missing) {
            return new AnswerColumn(column, Codebook.questionId(column, q),
                    q.value() == null ? null : SchwartzValue.find(q.value()).orElseThrow().id(),
                    new AnswerTable.Column(q.size(), q.ordered(), q.group()), cell -> q.option(cell, missing));
        }

        static AnswerColumn of(String column, Codebook.CodebookItem item, Codebook codebook, Set<String> missing) {
            Codebook.AnswerCoding coding = codebook.answers();
            return new AnswerColumn(column, item.item(), SchwartzValue.find(item.value()).orElseThrow().id(),
                    new AnswerTable.Column(coding.options(), true, Question.VALUES), raw -> {
                        String cell = raw.trim();
                        if (cell.isEmpty() || missing.contains(cell)) {
                            return 0;
                        }
                        long code = code(cell);
                        if (!coding.isCode(code)) {
                            throw new IllegalArgumentException("'" + cell + "' is not an answer code " + coding.min()
                                    + ".." + coding.max() + " nor a missing code" + (codebook.missing().isEmpty()
                                    ? " (the codebook lists none)" : " (" + String.join(", ", codebook.missing()) + ")"));
                        }
                        return coding.toOption((int) code);
                    });
        }
    }

    /**
     * The outcome columns (codebook items marked {@code group: behaviours}) as numbers, one row per respondent in the
     * order of {@link #readAnswers}' table; blank cells and the codebook's missing codes are NaN.
     *
     * @return rows of outcomes, columns in the order of {@link Codebook#behaviourItems()}
     */
    public double[][] readOutcomes(Path file, Codebook codebook) throws DataException {
        CsvTable csv = CsvTable.read(file);
        List<String> columns = new ArrayList<>(codebook.behaviourItems().keySet());
        int[] at = new int[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            at[c] = column(csv, columns.get(c), "the codebook's items." + columns.get(c));
        }
        Set<String> missing = new HashSet<>();
        codebook.missing().forEach(m -> missing.add(m.trim()));
        double[][] out = new double[csv.rows().size() - 1][columns.size()];
        for (int r = 1; r < csv.rows().size(); r++) {
            CsvTable.Row row = csv.rows().get(r);
            for (int c = 0; c < columns.size(); c++) {
                String cell = at[c] < row.cells().length ? row.cells()[at[c]].trim() : "";
                double x = Double.NaN;
                if (!cell.isEmpty() && !missing.contains(cell)) {
                    try {
                        x = Double.parseDouble(cell);
                    } catch (NumberFormatException e) {
                        x = Double.POSITIVE_INFINITY;
                    }
                    if (!Double.isFinite(x)) {
                        throw new DataException(csv.at(row, at[c]) + ": " + columns.get(c) + ": '" + cell
                                + "' is not a number nor a missing code (an outcome is read as a number)");
                    }
                }
                out[r - 1][c] = x;
            }
        }
        return out;
    }

    /** A cell's answer code: a whole number, also when written as a decimal (6.0, as pandas writes); else none. */
    private static long code(String cell) {
        try {
            return Long.parseLong(cell);
        } catch (NumberFormatException notWhole) {
            try {
                double x = Double.parseDouble(cell);
                return x == Math.rint(x) && Math.abs(x) < 1e9 ? (long) x : Long.MIN_VALUE;
            } catch (NumberFormatException notNumber) {
                return Long.MIN_VALUE;
            }
        }
    }

    /** Where a column the codebook names is in the header; it must be there once. */
    private static int column(CsvTable csv, String name, String namedBy) throws DataException {
        String[] header = csv.header().cells();
        int found = -1;
        for (int i = 0; i < header.length; i++) {
            if (header[i].trim().equals(name)) {
                if (found >= 0) {
                    throw new DataException(csv.at(csv.header(), i) + ": the header has two columns named '" + name
                            + "'");
                }
                found = i;
            }
        }
        if (found < 0) {
            String cells = String.join(", ", header);
            throw new DataException(csv.at(csv.header(), 0) + ": no column '" + name + "' (" + namedBy
                    + "); the header has: " + (cells.length() > 200 ? cells.substring(0, 197) + "..." : cells)
                    + (header.length == 1 && header[0].contains(";") ? " (is the file separated by ';'? "
                    + "valuesim reads comma-separated files)" : ""));
        }
        return found;
    }
}
