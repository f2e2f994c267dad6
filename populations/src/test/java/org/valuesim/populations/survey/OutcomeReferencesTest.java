package org.valuesim.populations.survey;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.valuesim.core.values.SchwartzValue;
import org.valuesim.core.values.ValueOutcomes;

class OutcomeReferencesTest {

    @TempDir
    Path dir;

    /** A reference CSV with every value of each outcome, the values named by id, code or label, in any order. */
    private static String csv(String outcome, double first) {
        StringBuilder out = new StringBuilder();
        List<SchwartzValue> values = SchwartzValue.inCircularOrder();
        for (int v = values.size() - 1; v >= 0; v--) {
            String name = v % 3 == 0 ? values.get(v).id() : v % 3 == 1 ? values.get(v).code() : values.get(v).label();
            out.append(outcome).append(',').append(name).append(',').append(v == 0 ? first : v / 100.0)
                    .append(",1200\n");
        }
        return out.toString();
    }

    private Path file(String text) throws Exception {
        Path file = dir.resolve("reference.csv");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void readsEachOutcomesTenCorrelationsAndCounts() throws Exception {
        ValueOutcomes reference = OutcomeReferences.readCsv(file("outcome,value,r,n\n" + csv("volunteered", -0.2)
                + csv("ipip-big5/extraversion", 0.3)));
        assertEquals(List.of("volunteered", "ipip-big5/extraversion"), List.copyOf(reference.outcomes().keySet()));
        ValueOutcomes.Profile p = reference.outcomes().get("volunteered");
        assertArrayEquals(new double[] {-0.2, 0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 0.07, 0.08, 0.09}, p.r(), 0);
        assertEquals(1200, p.fewest());
        assertEquals("reference.csv", reference.source());
    }

    @Test
    void aBadRowIsNamedByFileLineAndColumn() throws Exception {
        String header = "outcome,value,r,n\n";
        // line 5 (the header is line 1; the rows run from universalism back), conformity's row replaced by one
        // whose r is out of range, in the third column (after "volunteered,power,")
        String rows = csv("volunteered", 0.1);
        List<String> lines = new ArrayList<>(List.of(rows.split("\n")));
        lines.set(3, "volunteered,power,1.5,1200");
        Path bad = file(header + String.join("\n", lines) + "\n");
        DataException e = assertThrows(DataException.class, () -> OutcomeReferences.readCsv(bad));
        assertEquals(bad + ":5:19: r: 1.5 is not a correlation in [-1, 1]", e.getMessage());

        lines.set(3, "volunteered,powr,0.1,1200");
        Path value = file(header + String.join("\n", lines) + "\n");
        e = assertThrows(DataException.class, () -> OutcomeReferences.readCsv(value));
        assertTrue(e.getMessage().startsWith(value + ":5:13: value: 'powr' is not a Schwartz value"), e.getMessage());

        lines.set(3, "volunteered,power,0.1,12.5");
        Path count = file(header + String.join("\n", lines) + "\n");
        e = assertThrows(DataException.class, () -> OutcomeReferences.readCsv(count));
        assertEquals(count + ":5:23: n: 12.5 is not a whole number of people, at least 3", e.getMessage());

        lines.remove(3);
        Path short9 = file(header + String.join("\n", lines) + "\n");
        e = assertThrows(DataException.class, () -> OutcomeReferences.readCsv(short9));
        assertEquals(short9 + ":2:1: outcome volunteered has no row for conformity (every outcome needs all ten values)",
                e.getMessage());

        Path wrongHeader = file("behaviour,value,r,n\n" + rows);
        e = assertThrows(DataException.class, () -> OutcomeReferences.readCsv(wrongHeader));
        assertTrue(e.getMessage().startsWith(wrongHeader + ":1:1: the header must be outcome,value,r,n"),
                e.getMessage());
    }

    /**
     * Ten items, one per value, so each value's centred score is its answer minus the person's mean answer; an outcome
     * that equals the self-direction score correlates 1 with it.
     */
    @Test
    void fromASurveyTheOutcomesCorrelateWithTheCentredValues() throws Exception {
        List<String> values = SchwartzValue.inCircularOrder().stream().map(SchwartzValue::id).toList();
        int[][] answers = {
            {6, 1, 2, 3, 4, 5, 6, 1, 2, 3},
            {2, 2, 2, 2, 2, 2, 2, 2, 2, 5},
            {1, 6, 5, 4, 3, 2, 1, 6, 5, 4},
            {4, 4, 1, 1, 3, 3, 5, 5, 2, 6},
            {3, 0, 3, 3, 3, 3, 3, 3, 3, 3}, // a value item unanswered: left out
        };
        double[][] outcomes = new double[answers.length][1];
        for (int p = 0; p < answers.length; p++) {
            double mean = java.util.Arrays.stream(answers[p]).average().orElseThrow();
            outcomes[p][0] = answers[p][0] - mean;
        }
        AnswerTable table = new AnswerTable(List.of("a", "b", "c", "d", "e"), values, values, 6, answers,
                List.of(java.util.Map.of(), java.util.Map.of(), java.util.Map.of(), java.util.Map.of(),
                        java.util.Map.of()), List.of("", "", "", "", ""));
        ValueOutcomes reference = OutcomeReferences.fromSurvey("test", table, List.of("sd-centred"), outcomes);
        ValueOutcomes.Profile p = reference.outcomes().get("sd-centred");
        assertEquals(1, p.r()[SchwartzValue.SELF_DIRECTION.ordinal()], 1e-12);
        assertEquals(4, p.fewest());

        double[][] flat = {{1}, {1}, {1}, {1}, {1}};
        DataException e = assertThrows(DataException.class, () -> OutcomeReferences.fromSurvey("test", table,
                List.of("always"), flat));
        assertEquals("outcome always: 4 respondents with every value item answered have it, and it does not vary "
                + "among them, so it has no correlation with the values", e.getMessage());
    }

    @Test
    void aCodebookMarksOutcomeItemsWhichAreReadAsNumbersBesideTheValueItems() throws Exception {
        Path book = dir.resolve("codebook.yaml");
        Files.writeString(book, """
                name: tiny
                description: two items and an outcome
                source: made up
                instrument: pvq21
                answers: {min: 1, max: 6}
                missing: ["77"]
                items:
                  q1: {item: pvq21-01, value: self-direction}
                  hours: {item: volunteering, group: behaviours}
                  q2: {item: pvq21-02, value: power}
                """);
        Codebook codebook = new SurveyReader().readCodebook(book);
        assertEquals(List.of("q1", "q2"), List.copyOf(codebook.valueItems().keySet()));
        assertEquals(List.of("hours"), List.copyOf(codebook.behaviourItems().keySet()));
        Path data = dir.resolve("data.csv");
        Files.writeString(data, "q1,hours,q2\n1,12.5,6\n2,77,5\n3,,4\n");
        AnswerTable table = new SurveyReader().readAnswers(data, codebook);
        assertEquals(List.of("pvq21-01", "pvq21-02"), table.items());
        double[][] outcomes = new SurveyReader().readOutcomes(data, codebook);
        assertEquals(12.5, outcomes[0][0]);
        assertTrue(Double.isNaN(outcomes[1][0]) && Double.isNaN(outcomes[2][0]));

        Files.writeString(data, "q1,hours,q2\n1,12.5,6\n2,lots,5\n");
        DataException e = assertThrows(DataException.class, () -> new SurveyReader().readOutcomes(data, codebook));
        assertEquals(data + ":3:3: hours: 'lots' is not a number nor a missing code (an outcome is read as a number)",
                e.getMessage());
    }
}
