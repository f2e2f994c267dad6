package org.valuesim.results.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsJsonTest {

    @TempDir
    Path dir;

    @Test
    void numbersArePlainDecimalsWithTheirDigits() {
        assertEquals("0.00009999", ResultsJson.plain(9.999E-5));
        assertEquals("0.000195", ResultsJson.plain(1.95E-4));
        assertEquals("0.00000551146", ResultsJson.plain(5.51146E-6));
        assertEquals("-0.123457", ResultsJson.plain(-0.123457));
        assertEquals("1", ResultsJson.plain(1.0));
        assertEquals("0", ResultsJson.plain(-0.0));
        assertEquals("12345678901", ResultsJson.plain(1.2345678901E10));
        assertEquals("0.1", ResultsJson.plain(0.1));
    }

    @Test
    void aRecordIsWrittenWithSnakeCaseKeysPlainNumbersAndNullForNaNAndReadsBackTheSame() throws Exception {
        Circumplex.Mds mds = new Circumplex.Mds(List.of("a", "b"), new double[][] {{1, 0}, {-1, 2.5E-7}},
                new double[][] {{0.5, 1.95E-4}, {Double.NaN, 1}}, null);
        HumanAgreement agreement = new HumanAgreement("centred", 45, 0.99026, new Interval(9.999E-5, 0.995), 0.991918,
                null, 9.999E-5, 10_000, 1000);
        DilemmaSummary dilemma = new DilemmaSummary("public-goods", 2, null, Double.NaN,
                java.util.Arrays.asList(0.5, null), List.of(1.0E-5, 2.0), List.of(0L, 3L));
        Map<String, Object> parts = new java.util.LinkedHashMap<>();
        parts.put("mds", mds);
        parts.put("agreement", agreement);
        parts.put("dilemma", dilemma);
        String text = ResultsJson.text(parts);
        assertFalse(text.matches("(?s).*\\d[eE][-+]?\\d.*"), "no exponent: " + text);
        assertTrue(text.contains("\"pearson_r_ci95\" : [ 0.00009999, 0.995 ]"), text);
        assertTrue(text.contains("\"mantel_p\" : 0.00009999"), text);
        assertTrue(text.contains("[ 0.5, 0.000195 ], [ null, 1 ]"), text);
        assertTrue(text.contains("\"mean_cooperation\" : null"), text);
        assertTrue(text.contains("\"payoff_by_round\" : [ 0.00001, 2 ]"), text);
        assertFalse(text.contains("tucker_phi_ci95") || text.contains("\"human\""), "absent parts are left out");

        Path file = dir.resolve("agreement.json");
        ResultsJson.write(file, agreement);
        HumanAgreement back = ResultsJson.read(file, HumanAgreement.class);
        assertEquals(agreement, back);
        ResultsJson.write(file, dilemma);
        DilemmaSummary d = ResultsJson.read(file, DilemmaSummary.class);
        assertTrue(Double.isNaN(d.meanCooperation()), "null reads back as NaN");
        assertEquals(java.util.Arrays.asList(0.5, null), d.cooperationByRound());
        assertEquals(ResultsJson.tree(dilemma), ResultsJson.tree(d));
    }

    @Test
    void aSummaryReadsBackAsTheKindItIs() throws Exception {
        AccuracySummary.ByHistory full = new AccuracySummary.ByHistory(1, 100, 2, 0.3, 0.25);
        AccuracySummary bench = new AccuracySummary("individuals", "d.csv", "c.yaml", 20, 21, 6, 5, 10, 42, "valuesim",
                "per-person folds", null, null, 5, Map.of("semantic", "instrument 'x' is not built in"),
                new AccuracySummary.Accuracy("knn", "full (all other folds)", 0.3, 0.25,
                        Map.of("knn", new AccuracySummary.Predictor(0.3, 0.25, List.of(full)))));
        Path file = dir.resolve("summary.json");
        ResultsJson.write(file, bench);
        assertTrue(Files.readString(file).startsWith("{\n  \"benchmark\" : \"individuals\",\n  \"data\" : \"d.csv\""));
        assertEquals(bench, ResultsJson.readSummary(file));
        RunSummary run = new RunSummary("s", 7, 10, null, 210, 0, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null);
        ResultsJson.write(file, run);
        assertInstanceOf(RunSummary.class, ResultsJson.readSummary(file));
        assertEquals(run, ResultsJson.readSummary(file));
    }
}
