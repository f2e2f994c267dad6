package org.valuesim.populations.survey;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SurveyReaderTest {

    @TempDir
    Path dir;

    private Codebook codebook(boolean reversed) throws Exception {
        Path file = dir.resolve("codebook.yaml");
        Files.writeString(file, """
                name: tiny
                description: two items
                source: made up
                instrument: pvq21
                id-column: id
                answers: {min: 1, max: 6, reversed: %s}
                missing: ["77", "88"]
                items:
                  q1: {item: pvq21-01, value: self-direction}
                  q2: {item: pvq21-02, value: power}
                """.formatted(reversed));
        return new SurveyReader().readCodebook(file);
    }

    private Path data(String text) throws Exception {
        Path file = dir.resolve("data.csv");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void readsCodesMissingValuesAndReversedCoding() throws Exception {
        Path file = data("id,q1,q2\nA,1,6\nB,77,2\nC,,3\n");
        AnswerTable plain = new SurveyReader().readAnswers(file, codebook(false));
        assertEquals(java.util.List.of("A", "B", "C"), plain.respondentIds());
        assertArrayEquals(new int[] {1, 6}, plain.answers()[0]);
        assertArrayEquals(new int[] {0, 2}, plain.answers()[1]);
        assertArrayEquals(new int[] {0, 3}, plain.answers()[2]);
        AnswerTable reversed = new SurveyReader().readAnswers(file, codebook(true));
        assertArrayEquals(new int[] {6, 1}, reversed.answers()[0]);
    }

    @Test
    void demographicsAreBandedOrRelabelledAndGroupsSplitTheRows() throws Exception {
        Path book = dir.resolve("demo.yaml");
        Files.writeString(book, """
                name: demo
                description: d
                source: s
                instrument: pvq21
                id-column: id
                answers: {min: 1, max: 6}
                items:
                  q1: {item: pvq21-01, value: self-direction}
                demographics:
                  age: {column: agea, bands: [18, 30, 60], missing: ["999"]}
                  gender: {column: gndr, labels: {"1": male, "2": female}}
                """);
        // ESS interviews people from 15: ages below the first edge form their own band
        Path file = data("id,q1,agea,gndr,cntry\nA,1,29,1,DE\nB,2,30,2,FR\nC,3,999,2,DE\nD,4,75,,DE\nE,5,15,1,FR\n");
        SurveyReader reader = new SurveyReader();
        AnswerTable table = reader.readAnswers(file, reader.readCodebook(book), "cntry");
        assertEquals(java.util.Map.of("age", "18-29", "gender", "male"), table.demographics().get(0));
        assertEquals(java.util.Map.of("age", "30-59", "gender", "female"), table.demographics().get(1));
        assertEquals(java.util.Map.of("gender", "female"), table.demographics().get(2));
        assertEquals(java.util.Map.of("age", "60+"), table.demographics().get(3));
        assertEquals(java.util.Map.of("age", "<18", "gender", "male"), table.demographics().get(4));
        assertEquals(java.util.List.of("A", "C", "D"), table.group("DE").respondentIds());
        for (String age : new String[] {"twelve", "NaN"}) {
            Path bad = data("id,q1,agea,gndr,cntry\nA,1," + age + ",1,DE\n");
            DataException e = assertThrows(DataException.class, () -> reader.readAnswers(bad, reader.readCodebook(book)));
            assertTrue(e.getMessage().startsWith(bad + ":2:5: agea: '" + age + "' is not a valid age (not a"),
                    e.getMessage());
        }
    }

    @Test
    void bandEdgesMustIncreaseAndBandsAndLabelsDoNotMix() {
        assertEquals("/bands/1", assertThrows(org.valuesim.core.files.InvalidFieldException.class,
                () -> new Codebook.Demographic("agea", java.util.List.of(30.0, 18.0), null, null)).field());
        assertEquals("/labels", assertThrows(org.valuesim.core.files.InvalidFieldException.class,
                () -> new Codebook.Demographic("agea", java.util.List.of(18.0), java.util.Map.of("1", "x"), null)).field());
    }

    @Test
    void spreadsheetHabitsAreRead() throws Exception {
        // a byte-order mark, CRLF line ends, blank lines, decimals as pandas writes them, quoted cells
        Path file = data("\uFEFFid,q1,q2\r\nA,1.0,6\r\n\r\n\"B\",\"2\",3.0\r\n\n");
        AnswerTable table = new SurveyReader().readAnswers(file, codebook(false));
        assertEquals(java.util.List.of("A", "B"), table.respondentIds());
        assertArrayEquals(new int[] {2, 3}, table.answers()[1]);
    }

    @Test
    void headerProblemsAreNamedWhereTheyAre() throws Exception {
        Path twice = data("id,q1,q2,q1\nA,1,6,1\n");
        assertEquals(twice + ":1:10: the header has two columns named 'q1'", assertThrows(DataException.class,
                () -> new SurveyReader().readAnswers(twice, codebook(false))).getMessage());
        Path semicolons = data("id;q1;q2\nA;1;6\n");
        String m = assertThrows(DataException.class, () -> new SurveyReader().readAnswers(semicolons, codebook(false)))
                .getMessage();
        assertTrue(m.startsWith(semicolons + ":1:1: no column 'q1' (the codebook's items.q1); the header has: id;q1;q2 "
                + "(is the file separated by ';'?"), m);
        Path ragged = data("id,q1,q2\nA,1\n");
        assertEquals(ragged + ":2:1: 2 cells where the header has 3; no row is usable", assertThrows(DataException.class,
                () -> new SurveyReader().readAnswers(ragged, codebook(false))).getMessage());
        Path latin1 = dir.resolve("latin1.csv");
        Files.write(latin1, "id,q1,q2\nJos\u00e9,1,6\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertEquals(latin1 + ":2:4: not UTF-8 text (byte 0xe9); save the file as UTF-8", assertThrows(
                DataException.class, () -> new SurveyReader().readAnswers(latin1, codebook(false))).getMessage());
    }

    @Test
    void aMalformedCellIsReportedWithLineAndColumn() throws Exception {
        Path file = data("id,q1,q2\nA,1,6\nB,9,2\n");
        DataException e = assertThrows(DataException.class, () -> new SurveyReader().readAnswers(file, codebook(false)));
        assertEquals(file + ":3:3: q1: '9' is not an answer code 1..6 nor a missing code (77, 88)", e.getMessage());
    }

    @Test
    void aFileWhereEveryRowIsMalformedIsAnError() throws Exception {
        Path file = data("id,q1,q2\nA,x,6\nB,9,y\n");
        DataException e = assertThrows(DataException.class, () -> new SurveyReader().readAnswers(file, codebook(false)));
        assertEquals(file + ":2:3: q1: 'x' is not an answer code 1..6 nor a missing code (77, 88); 2 rows in all "
                + "cannot be read (this is the first); no row is usable", e.getMessage());
    }

    @Test
    void aMissingColumnIsNamed() throws Exception {
        Path file = data("id,q1,qq\nA,1,6\n");
        DataException e = assertThrows(DataException.class, () -> new SurveyReader().readAnswers(file, codebook(false)));
        assertTrue(e.getMessage().contains("no column 'q2'"), e.getMessage());
    }

    @Test
    void aCodebookWithAnUnknownValueIsRefused() throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, """
                name: tiny
                description: d
                source: s
                instrument: pvq21
                answers: {min: 1, max: 6}
                items:
                  q1: {item: pvq21-01, value: greed}
                """);
        Exception e = assertThrows(java.io.IOException.class, () -> new SurveyReader().readCodebook(file));
        var cause = (org.valuesim.core.files.InvalidFieldException) e.getCause();
        assertEquals("/value", cause.field());
        assertTrue(cause.getMessage().startsWith("'greed' is not a Schwartz value; expected one of: self-direction"),
                cause.getMessage());
    }
}
