package org.valuesim.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bench individuals end to end on the hand-computed fixture of AccuracyProtocolTest. */
class BenchCommandTest {

    @TempDir
    Path dir;
    Path data;
    Path codebook;

    @BeforeEach
    void fixture() throws Exception {
        data = dir.resolve("people.csv");
        Files.writeString(data, "id,a,b,c\np0,1,1,2\np1,1,1,3\np2,3,3,3\np3,2,3,3\n");
        codebook = dir.resolve("codebook.yaml");
        Files.writeString(codebook, """
                name: tiny
                description: four people, three items
                source: made up for a test
                instrument: tiny
                id-column: id
                answers: {min: 1, max: 3}
                items:
                  a: {item: a, value: power}
                  b: {item: b, value: power}
                  c: {item: c, value: benevolence}
                """);
    }

    private Cli bench(String... extra) {
        String[] base = {"bench", "individuals", "--data", data.toString(), "--codebook", codebook.toString()};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return Cli.run(args);
    }

    @Test
    void reportsTheHandComputedAccuracyWithBothBaselines() throws Exception {
        Path out = dir.resolve("out");
        Cli cli = bench("--respondent", "knn", "--folds", "3", "--neighbours", "1", "--out", out.toString());
        assertEquals(0, cli.exit(), cli.err());
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals("knn", summary.at("/accuracy/respondent").asText());
        assertEquals(0.583333, summary.at("/accuracy/top1").asDouble(), 1e-6);
        assertEquals(0.25, summary.at("/accuracy/nmae").asDouble(), 1e-6);
        assertEquals(0.416667, summary.at("/accuracy/predictors/majority/top1").asDouble(), 1e-6);
        assertEquals(0.416667, summary.at("/accuracy/predictors/knn/by_history/0/top1").asDouble(), 1e-6);
        assertEquals(5, summary.at("/accuracy/predictors/knn/by_history").size());
        assertTrue(Files.readString(out.resolve("accuracy.csv")).contains("knn,1,12,0.583333,0.25\n"));
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("<svg id='accuracy-by-history'"));
        assertFalse(html.contains("social dilemmas"), "a benchmark report shows no run sections");
    }

    @Test
    void unavailableRespondentsAndBadOptionsExitTwo() {
        Cli model = bench("--respondent", "full-profile");
        assertEquals(2, model.exit());
        assertTrue(model.err().contains("the accuracy benchmark does not run model-backed respondents"), model.err());
        assertEquals(2, bench("--respondent", "psychometric").exit());
        assertEquals(2, bench("--respondent", "knn", "--model", "gpt").exit());
        assertEquals(2, bench("--respondent", "knn", "--folds", "1").exit());
        assertEquals(2, Cli.run("bench", "individuals", "--respondent", "knn").exit(), "--data is required");
    }
}
