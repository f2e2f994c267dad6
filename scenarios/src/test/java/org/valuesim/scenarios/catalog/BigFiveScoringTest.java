package org.valuesim.scenarios.catalog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.valuesim.core.instrument.Instrument;
import org.valuesim.core.instrument.Item;
import org.valuesim.core.instrument.Reliability;
import org.valuesim.core.respond.Answer;
import org.valuesim.core.respond.Provenance;
import org.valuesim.results.scoring.ScaleScorer;

/** Big Five scoring on SAPA bfi rows (psychTools), and the ipip-big5 key checked against SAPA's. */
class BigFiveScoringTest {

    static final Path SAPA = Path.of("src/test/resources/sapa-bfi");

    static List<String[]> rows() throws Exception {
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(SAPA.resolve("bfi-sample.csv")).subList(1, 101)) {
            rows.add(line.replace("\"", "").split(",", -1));
        }
        return rows;
    }

    static List<Answer> answers(Instrument instrument, String[] row) {
        List<Answer> out = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            if (!row[i + 1].isEmpty()) {
                out.add(Answer.ok(0, instrument.id(), instrument.items().get(i).id(), Integer.parseInt(row[i + 1]), null, "",
                        Provenance.embedded("data")));
            }
        }
        return out;
    }

    @Test
    void scaleScoresOfSapaRowsMatchHandScoring() throws Exception {
        Instrument bfi = new InstrumentCatalog().read(SAPA.resolve("bfi-items.yaml"));
        ScaleScorer scorer = new ScaleScorer(bfi);
        assertEquals(List.of("agree", "conscientious", "extraversion", "neuroticism", "openness"), scorer.scales());
        List<String[]> rows = rows();
        // means of each scale's items, reverse-keyed items as 7 - answer, computed independently from the CSV
        assertArrayEquals(new double[] {4.0, 2.8, 3.8, 2.8, 3.0}, scorer.score(answers(bfi, rows.get(0))), 1e-12);
        assertArrayEquals(new double[] {4.2, 4.0, 5.0, 3.8, 4.0}, scorer.score(answers(bfi, rows.get(1))), 1e-12);
        assertArrayEquals(new double[] {3.8, 4.0, 4.2, 3.6, 4.8}, scorer.score(answers(bfi, rows.get(2))), 1e-12);
        assertArrayEquals(new double[] {4.6, 3.0, 3.6, 2.8, 3.2}, scorer.score(answers(bfi, rows.get(3))), 1e-12);
    }

    @Test
    void alphaOfSapaScalesMatchesAnIndependentComputation() throws Exception {
        Instrument bfi = new InstrumentCatalog().read(SAPA.resolve("bfi-items.yaml"));
        List<String[]> rows = rows();
        Map<String, Double> expected = Map.of("agree", 0.6295876057600719, "conscientious", 0.7226101636388051,
                "extraversion", 0.7932411033637609, "neuroticism", 0.7919034959318352, "openness", 0.6045304906725192);
        for (var scale : expected.entrySet()) {
            List<Integer> columns = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                if (bfi.items().get(i).scale().equals(scale.getKey())) {
                    columns.add(i);
                }
            }
            List<double[]> complete = new ArrayList<>();
            for (String[] row : rows) {
                if (columns.stream().allMatch(c -> !row[c + 1].isEmpty())) {
                    complete.add(columns.stream().mapToDouble(c -> {
                        int x = Integer.parseInt(row[c + 1]);
                        return bfi.items().get(c).reversed() ? 7 - x : x;
                    }).toArray());
                }
            }
            assertEquals(scale.getValue(), Reliability.cronbachAlpha(complete.toArray(double[][]::new)), 1e-9,
                    scale.getKey());
        }
    }

    @Test
    void ipipBigFiveIsFiftyKeyedItemsWhoseKeysAgreeWithSapa() throws Exception {
        Instrument ipip = new InstrumentCatalog().builtIn("ipip-big5").orElseThrow();
        Instrument bfi = new InstrumentCatalog().read(SAPA.resolve("bfi-items.yaml"));
        assertEquals(50, ipip.items().size());
        assertEquals(5, ipip.response().size());
        Map<String, Long> perScale = new HashMap<>();
        ipip.items().forEach(i -> perScale.merge(i.scale(), 1L, Long::sum));
        assertEquals(Map.of("extraversion", 10L, "agreeableness", 10L, "conscientiousness", 10L,
                "emotional-stability", 10L, "intellect", 10L), perScale);
        Map<String, String> sapaScale = Map.of("extraversion", "extraversion", "agreeableness", "agree",
                "conscientiousness", "conscientious", "emotional-stability", "neuroticism", "intellect", "openness");
        int shared = 0;
        for (Item item : ipip.items()) {
            for (Item sapa : bfi.items()) {
                if (normal(item.text()).equals(normal(sapa.text()))) {
                    shared++;
                    assertEquals(sapaScale.get(item.scale()), sapa.scale(), item.text());
                    // emotional stability is neuroticism reversed
                    boolean flip = item.scale().equals("emotional-stability");
                    assertEquals(item.reversed() ^ flip, sapa.reversed(), item.text());
                }
            }
        }
        assertEquals(8, shared, "the IPIP markers and the SAPA bfi share eight items");
    }

    private static String normal(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z ]", "").trim();
    }
}
