package org.valuesim.populations.survey;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.valuesim.core.files.TextFiles;

/**
 * A comma-separated UTF-8 text file as rows of cells, each cell with the line and column it starts at, so
 * that a bad cell is reported where it is. Blank lines are skipped; a byte-order mark is dropped.
 */
record CsvTable(Path file, List<Row> rows) {

    /** One line of cells; {@code columns[i]} is where cell i starts (1-based). */
    record Row(int line, String[] cells, int[] columns) {
    }

    static CsvTable read(Path file) throws DataException {
        String text = utf8(file);
        List<Row> rows = new ArrayList<>();
        CsvFactory factory = new CsvFactory();
        try (JsonParser parser = factory.createParser(text)) {
            ((CsvParser) parser).enable(CsvParser.Feature.WRAP_AS_ARRAY);
            List<String> cells = new ArrayList<>();
            List<Integer> columns = new ArrayList<>();
            int line = 0;
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.VALUE_STRING) {
                    JsonLocation at = parser.currentTokenLocation();
                    if (cells.isEmpty()) {
                        line = at.getLineNr();
                    }
                    cells.add(parser.getText());
                    columns.add(at.getColumnNr());
                } else if (token == JsonToken.END_ARRAY) {
                    // the outer array (WRAP_AS_ARRAY) ends with no cells; blank lines are one empty cell
                    if (!cells.isEmpty() && !(cells.size() == 1 && cells.get(0).isBlank())) {
                        rows.add(new Row(line, cells.toArray(String[]::new),
                                columns.stream().mapToInt(Integer::intValue).toArray()));
                    }
                    cells.clear();
                    columns.clear();
                }
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new DataException(file + (at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr())
                    + ": not a readable CSV file: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new DataException(file + ": cannot read: " + e.getMessage());
        }
        if (rows.isEmpty()) {
            throw new DataException(file + ": the file is empty");
        }
        return new CsvTable(file, rows);
    }

    private static String utf8(Path file) throws DataException {
        try {
            return TextFiles.readUtf8(file);
        } catch (TextFiles.UnreadableFileException e) {
            throw new DataException(e.getMessage());
        }
    }

    /** The header's cells. */
    Row header() {
        return rows.get(0);
    }

    /** file:line:column of a cell. */
    String at(Row row, int cell) {
        return file + ":" + row.line() + ":" + row.columns()[Math.min(cell, row.columns().length - 1)];
    }
}
