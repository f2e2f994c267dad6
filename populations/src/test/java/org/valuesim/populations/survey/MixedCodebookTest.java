package org.valuesim.populations.survey;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.valuesim.core.instrument.Instrument;
import org.valuesim.core.instrument.Item;

/** A codebook of questions of every kind, read against a small committed file (src/test/resources/survey). */
class MixedCodebookTest {

    static final Path CODEBOOK = Path.of("src/test/resources/survey/mixed.yaml");
    static final Path DATA = Path.of("src/test/resources/survey/mixed.csv");

    @TempDir
    Path dir;

    @Test
    void everyKindOfQuestionIsReadOnItsOwnScale() throws Exception {
        Codebook codebook = new SurveyReader().readCodebook(CODEBOOK);
        assertTrue(codebook.isMixed());
        AnswerTable table = new SurveyReader().readAnswers(DATA, codebook);
        assertEquals(List.of("trust", "rich", "voted", "vote-party", "happy", "children"), table.items());
        assertEquals(Arrays.asList(null, "power", null, null, null, null), table.values());
        assertArrayEquals(new int[] {5, 4, 2, 3, 11, 5}, table.optionsPerItem());
        assertEquals(List.of(true, true, true, false, true, true),
                table.columns().stream().map(AnswerTable.Column::ordered).toList());
        assertEquals(List.of("attitudes", "values", "behaviours", "behaviours", "attitudes", "behaviours"),
                table.columns().stream().map(AnswerTable.Column::group).toList());
        assertEquals(11, table.options());
        // trust is reversed (code 1 is its highest answer); -9 is the codebook's missing code, 99 the party's own
        assertArrayEquals(new int[] {5, 4, 2, 1, 8, 1}, table.answers()[0]);
        assertArrayEquals(new int[] {1, 1, 1, 0, 11, 3}, table.answers()[1]);
        assertArrayEquals(new int[] {3, 2, 2, 3, 1, 5}, table.answers()[2]);
        assertArrayEquals(new int[] {0, 3, 1, 2, 6, 2}, table.answers()[3]);
        // demographic questions become persona attributes, by their labels or bands
        assertEquals(Map.of("age", "under 30", "country", "Germany"), table.demographics().get(0));
        assertEquals(Map.of("age", "30 to under 60", "country", "France"), table.demographics().get(1));
        assertEquals(Map.of("age", "60 or more"), table.demographics().get(2));
        assertEquals(Map.of("country", "Germany"), table.demographics().get(3));
        assertEquals(List.of("a", "b", "c", "d"), table.respondentIds());
        assertEquals(java.util.Set.of("age", "country"), codebook.attributeNames());
    }

    @Test
    void theCodebookAloneMakesAnInstrumentWithTheFilesAnswerShares() throws Exception {
        Codebook codebook = new SurveyReader().readCodebook(CODEBOOK);
        Instrument instrument = CodebookInstrument.of(codebook, new SurveyReader().readAnswers(DATA, codebook));
        assertEquals("mixed", instrument.id());
        assertEquals(6, instrument.items().size(), "demographics are attributes, not items");
        Item trust = instrument.item("trust");
        assertEquals("Most people can be trusted.", trust.text());
        assertEquals(List.of("strongly disagree", "4", "3", "2", "strongly agree"),
                instrument.response(trust).options().stream().map(o -> o.label()).toList());
        assertTrue(instrument.response(trust).isOrdered());
        assertArrayEquals(new double[] {1 / 3.0, 0, 1 / 3.0, 0, 1 / 3.0}, trust.human().get(CodebookInstrument.EVERYONE),
                1e-12, "three people answered trust: options 5, 1 and 3");
        Item party = instrument.item("vote-party");
        assertFalse(instrument.response(party).isOrdered());
        assertEquals(List.of("left", "centre", "right"), instrument.response(party).options().stream()
                .map(o -> o.label()).toList());
        assertEquals("power", instrument.item("rich").scale());
        assertNull(party.scale());
        assertEquals("daily life", party.aspect());
        assertEquals("beliefs", instrument.item("rich").aspect());
        assertEquals(List.of("no", "yes"), instrument.response(instrument.item("voted")).options().stream()
                .map(o -> o.label()).toList());
        assertEquals(CodebookInstrument.HUMAN_GROUP, instrument.humanGroup());
    }

    @Test
    void aCodeOutsideItsQuestionsCodingNamesTheRowAndColumn() throws Exception {
        Codebook codebook = new SurveyReader().readCodebook(CODEBOOK);
        Path data = dir.resolve("bad.csv");
        Files.writeString(data, Files.readString(DATA).replace("c,70.0,,3,2,1,30,0,4", "c,70.0,,3,7,1,30,0,4"));
        DataException e = assertThrows(DataException.class, () -> new SurveyReader().readAnswers(data, codebook));
        assertEquals(data + ":4:11: rich: '7' is not a code 1..4 nor a missing code", e.getMessage());
        Files.writeString(data, Files.readString(DATA).replace("b,45,FR,5,1,2,99", "b,45,IT,5,1,2,99"));
        e = assertThrows(DataException.class, () -> new SurveyReader().readAnswers(data, codebook));
        assertEquals(data + ":3:6: country: 'IT' is not one of its codes (DE, FR) nor a missing code", e.getMessage());
        Files.writeString(data, Files.readString(DATA).replace("happy", "hapy"));
        e = assertThrows(DataException.class, () -> new SurveyReader().readAnswers(data, codebook));
        assertTrue(e.getMessage().startsWith(data + ":1:1: no column 'happy' (the codebook's questions.happy)"),
                e.getMessage());
    }

    @Test
    void theSapaExampleReadsThroughItsCodebook() throws Exception {
        Path folder = Path.of("../data/sapa-spi");
        Codebook codebook = new SurveyReader().readCodebook(folder.resolve("codebook.yaml"));
        AnswerTable table = new SurveyReader().readAnswers(folder.resolve("spi-sample.csv"), codebook);
        assertEquals(400, table.answers().length);
        assertEquals(139, table.items().size(), "health, exer, smoke, ER and the 135 items");
        assertEquals(java.util.Set.of("age", "sex", "education"), codebook.attributeNames());
        assertEquals(3, table.columns().stream().filter(c -> c.group().equals("behaviours")).count());
        assertEquals(136, table.columns().stream().filter(c -> c.group().equals("attitudes")).count());
        Instrument instrument = CodebookInstrument.of(codebook, table);
        assertEquals("Am sensitive to the needs of others.", instrument.item("q_253").text());
        assertEquals(9, instrument.response(instrument.item("smoke")).size());
    }
}
