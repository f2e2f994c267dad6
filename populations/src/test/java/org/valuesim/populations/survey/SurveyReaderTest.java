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
        Path file = data("id,q1,agea,gndr,cntry\nA,1,29,1,DE\nB,2,30,2,FR\nC,3,999,2,DE\nD,4,75,,DE\n");
        SurveyReader reader = new SurveyReader();
        AnswerTable table = reader.readAnswers(file, reader.readCodebook(book), "cntry");
        assertEquals(java.util.Map.of("age", "18-29", "gender", "male"), table.demographics().get(0));
        assertEquals(java.util.Map.of("age", "30-59", "gender", "female"), table.demographics().get(1));
        assertEquals(java.util.Map.of("gender", "female"), table.demographics().get(2));
        assertEquals(java.util.Map.of("age", "60+"), table.demographics().get(3));
        assertEquals(java.util.List.of("A", "C", "D"), table.group("DE").respondentIds());
        Path bad = data("id,q1,agea,gndr,cntry\nA,1,twelve,1,DE\n");
        DataException e = assertThrows(DataException.class, () -> reader.readAnswers(bad, reader.readCodebook(book)));
        assertTrue(e.getMessage().contains("line 2, column agea: 'twelve' is not a valid age"), e.getMessage());
    }

    @Test
    void aMalformedCellIsReportedWithLineAndColumn() throws Exception {
        Path file = data("id,q1,q2\nA,1,6\nB,9,2\n");
        DataException e = assertThrows(DataException.class, () -> new SurveyReader().readAnswers(file, codebook(false)));
        assertTrue(e.getMessage().contains("line 3, column q1: '9'"), e.getMessage());
    }

    @Test
    void aFileWhereEveryRowIsMalformedIsAnError() throws Exception {
        Path file = data("id,q1,q2\nA,x,6\nB,9,y\n");
        DataException e = assertThrows(DataException.class, () -> new SurveyReader().readAnswers(file, codebook(false)));
        assertTrue(e.getMessage().contains("no usable row"), e.getMessage());
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
        DataException e = assertThrows(DataException.class, () -> new SurveyReader().readCodebook(file));
        assertTrue(e.getMessage().contains("items.q1.value: 'greed'"), e.getMessage());
    }
}
