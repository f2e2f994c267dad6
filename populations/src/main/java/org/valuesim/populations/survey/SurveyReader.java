package org.valuesim.populations.survey;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
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

    public Codebook readCodebook(Path file) throws IOException, DataException {
        Codebook codebook = yaml.readValue(file.toFile(), Codebook.class);
        if (codebook.answers().max() <= codebook.answers().min()) {
            throw new DataException(file + ": answers: max must be above min");
        }
        for (Map.Entry<String, Codebook.CodebookItem> e : codebook.items().entrySet()) {
            if (SchwartzValue.find(e.getValue().value()).isEmpty()) {
                throw new DataException(file + ": items." + e.getKey() + ".value: '" + e.getValue().value()
                        + "' is not a Schwartz value");
            }
        }
        return codebook;
    }

    /**
     * Reads the codebook's columns. Rows with a cell that is neither a valid code nor a missing
     * code are malformed and listed in the exception; the file is rejected as a whole so that a
     * preset is never silently built from part of the data.
     */
    public AnswerTable readAnswers(Path file, Codebook codebook) throws IOException, DataException {
        return readAnswers(file, codebook, null);
    }

    /**
     * @param groupColumn a column whose values split the respondents into groups (e.g. country), or null
     */
    public AnswerTable readAnswers(Path file, Codebook codebook, String groupColumn) throws IOException, DataException {
        CsvMapper csv = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
        List<String[]> rows = new ArrayList<>();
        try (MappingIterator<String[]> it = csv.readerFor(String[].class).readValues(file.toFile())) {
            while (it.hasNextValue()) {
                rows.add(it.nextValue());
            }
        } catch (RuntimeException e) {
            throw new DataException(file + ": not a readable CSV file: " + e.getMessage());
        }
        if (rows.isEmpty()) {
            throw new DataException(file + ": the file is empty");
        }
        List<String> header = List.of(rows.get(0));
        List<String> columns = new ArrayList<>(codebook.items().keySet());
        int[] at = new int[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            at[c] = header.indexOf(columns.get(c));
            if (at[c] < 0) {
                throw new DataException(file + ": line 1: no column '" + columns.get(c)
                        + "' named in the codebook (columns: " + String.join(", ", header) + ")");
            }
        }
        int idAt = codebook.idColumn() == null ? -1 : header.indexOf(codebook.idColumn());
        if (codebook.idColumn() != null && idAt < 0) {
            throw new DataException(file + ": line 1: no id column '" + codebook.idColumn() + "'");
        }
        int groupAt = groupColumn == null ? -1 : header.indexOf(groupColumn);
        if (groupColumn != null && groupAt < 0) {
            throw new DataException(file + ": line 1: no group column '" + groupColumn + "'");
        }
        Map<String, Integer> demographicAt = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, Codebook.Demographic> d : codebook.demographics().entrySet()) {
            int at2 = header.indexOf(d.getValue().column());
            if (at2 < 0) {
                throw new DataException(file + ": line 1: no column '" + d.getValue().column() + "' for demographic "
                        + d.getKey());
            }
            demographicAt.put(d.getKey(), at2);
        }
        List<Map<String, String>> demographics = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        Set<String> missing = new HashSet<>(codebook.missing());
        Codebook.AnswerCoding coding = codebook.answers();
        List<String> ids = new ArrayList<>();
        List<int[]> answers = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int r = 1; r < rows.size(); r++) {
            String[] row = rows.get(r);
            int line = r + 1;
            if (row.length != header.size()) {
                problems.add("line " + line + ": " + row.length + " cells, header has " + header.size());
                continue;
            }
            int[] answer = new int[columns.size()];
            boolean good = true;
            for (int c = 0; c < columns.size(); c++) {
                String cell = row[at[c]].trim();
                if (cell.isEmpty() || missing.contains(cell)) {
                    continue;
                }
                int code;
                try {
                    code = Integer.parseInt(cell);
                } catch (NumberFormatException e) {
                    code = Integer.MIN_VALUE;
                }
                if (code < coding.min() || code > coding.max()) {
                    problems.add("line " + line + ", column " + columns.get(c) + ": '" + cell + "' is not a code "
                            + coding.min() + ".." + coding.max() + " nor a missing code");
                    good = false;
                    break;
                }
                answer[c] = coding.toOption(code);
            }
            Map<String, String> attributes = new java.util.TreeMap<>();
            for (Map.Entry<String, Integer> d : demographicAt.entrySet()) {
                if (!good) {
                    break;
                }
                try {
                    String category = codebook.demographics().get(d.getKey()).category(row[d.getValue()]);
                    if (category != null) {
                        attributes.put(d.getKey(), category);
                    }
                } catch (IllegalArgumentException e) {
                    problems.add("line " + line + ", column " + header.get(d.getValue()) + ": '" + row[d.getValue()]
                            + "' is not a valid " + d.getKey() + " (" + e.getMessage() + ")");
                    good = false;
                }
            }
            if (good) {
                ids.add(idAt >= 0 ? row[idAt] : Integer.toString(r));
                answers.add(answer);
                demographics.add(attributes);
                groups.add(groupAt >= 0 ? row[groupAt].trim() : "");
            }
        }
        if (answers.isEmpty()) {
            throw new DataException(file + ": no usable row" + (problems.isEmpty() ? "" : "; first problem: "
                    + problems.get(0)));
        }
        if (!problems.isEmpty()) {
            throw new DataException(file + ": " + problems.size() + " malformed row(s); first: " + problems.get(0));
        }
        List<String> items = codebook.items().values().stream().map(Codebook.CodebookItem::item).toList();
        List<String> values = codebook.items().values().stream()
                .map(i -> SchwartzValue.find(i.value()).orElseThrow().id()).toList();
        return new AnswerTable(ids, items, values, coding.options(), answers.toArray(int[][]::new), demographics, groups);
    }
}
