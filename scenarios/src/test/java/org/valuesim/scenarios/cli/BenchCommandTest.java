package org.valuesim.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
        assertTrue(Files.readString(out.resolve("accuracy.csv")).contains("knn,1,12,0,0,0.583333,0.25\n"));
        assertTrue(summary.at("/unavailable/psychometric").asText().contains("value power has 2 item(s)")
                || summary.at("/unavailable/psychometric").asText().contains("item(s)"), summary.toString());
        assertTrue(summary.at("/unavailable/semantic").asText().contains("which these data cannot give"),
                summary.toString());
        assertTrue(cli.out().contains("semantic: not run: "), cli.out());
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("<svg id='accuracy-by-history'"));
        assertFalse(html.contains("social dilemmas"), "a benchmark report shows no run sections");
    }

    @Test
    void unavailableRespondentsAndBadOptionsExitTwo() {
        Cli model = bench("--respondent", "full-profile");
        assertEquals(2, model.exit());
        assertTrue(model.err().contains("--scenario: the full-profile respondent needs a model"), model.err());
        Cli psychometric = bench("--respondent", "psychometric");
        assertEquals(2, psychometric.exit());
        assertTrue(psychometric.err().contains("--respondent: psychometric cannot run on these data: the people outside "
                + "person fold"), psychometric.err());
        assertEquals(2, bench("--respondent", "value-prompt").exit());
        assertEquals(2, bench("--respondent", "knn", "--model", "gpt").exit());
        assertEquals(2, bench("--respondent", "knn", "--folds", "1").exit());
        assertEquals(2, Cli.run("bench", "individuals", "--respondent", "knn").exit(), "--data is required");
    }

    static final String GSS20 = "examples/data/gss-individuals.csv";
    static final String GSS_CODEBOOK = "../data/us-gss-2012/codebook.yaml";

    @Test
    void theSemanticRespondentPredictsFromTheHistoryAloneAndDeterministically() throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        Cli first = Cli.run("bench", "individuals", "--data", GSS20, "--codebook", GSS_CODEBOOK, "--respondent", "semantic",
                "--folds", "3", "--parallel", "4", "--out", a.toString());
        assertEquals(0, first.exit(), first.err());
        assertEquals(0, Cli.run("bench", "individuals", "--data", GSS20, "--codebook", GSS_CODEBOOK, "--respondent",
                "semantic", "--folds", "3", "--parallel", "1", "--out", b.toString()).exit());
        assertEquals(Files.readString(a.resolve("accuracy.csv")), Files.readString(b.resolve("accuracy.csv")));
        JsonNode s = new ObjectMapper().readTree(a.resolve("summary.json").toFile());
        assertEquals("semantic", s.at("/accuracy/respondent").asText());
        assertEquals(420, s.at("/accuracy/predictors/semantic/by_history/4/predictions").asInt());
        assertEquals(0, s.at("/accuracy/predictors/semantic/by_history/4/failed").asInt());
        for (String predictor : List.of("majority", "knn", "psychometric", "semantic")) {
            assertEquals(420, s.at("/accuracy/predictors/" + predictor + "/by_history/2/predictions").asInt(), predictor);
        }
    }

    /**
     * The offline baselines' figures on the first 300 people of the committed GSS 2012 file (5 folds, seed 42): the
     * psychometric and semantic predictors beat the majority baseline at every history share above zero, on top-1
     * and on nMAE. The pinned figures are those BENCHMARKS.md reports for this subset.
     */
    @Test
    void theOfflineBaselinesBeatTheMajorityOnGssIndividuals() throws Exception {
        Path subset = dir.resolve("gss300.csv");
        Files.write(subset, Files.readAllLines(Path.of("../data/us-gss-2012/gss2012_values_numeric.csv")).subList(0, 301));
        Path out = dir.resolve("gss");
        Cli cli = Cli.run("bench", "individuals", "--data", subset.toString(), "--codebook", GSS_CODEBOOK, "--respondent",
                "psychometric", "--out", out.toString());
        assertEquals(0, cli.exit(), cli.err());
        JsonNode p = new ObjectMapper().readTree(out.resolve("summary.json").toFile()).at("/accuracy/predictors");
        for (int share = 1; share <= 4; share++) {
            double majorityTop1 = p.at("/majority/by_history/" + share + "/top1").asDouble();
            double majorityNmae = p.at("/majority/by_history/" + share + "/nmae").asDouble();
            for (String predictor : List.of("psychometric", "semantic")) {
                JsonNode row = p.at("/" + predictor + "/by_history/" + share);
                assertTrue(row.at("/top1").asDouble() > majorityTop1 + 0.03, predictor + " " + row);
                assertTrue(row.at("/nmae").asDouble() < majorityNmae - 0.01, predictor + " " + row);
            }
        }
        assertEquals(0.319048, p.at("/majority/top1").asDouble(), 1e-6);
        assertEquals(0.40746, p.at("/psychometric/top1").asDouble(), 1e-6);
        assertEquals(0.183841, p.at("/psychometric/nmae").asDouble(), 1e-6);
        assertEquals(0.365079, p.at("/semantic/by_history/1/top1").asDouble(), 1e-6);
        assertEquals(0.396349, p.at("/semantic/top1").asDouble(), 1e-6);
        assertEquals(0.192825, p.at("/semantic/nmae").asDouble(), 1e-6);
    }

    @Test
    void aModelBackedRespondentSeesOnlyItsHistory() throws Exception {
        var server = new com.github.tomakehurst.wiremock.WireMockServer(
                com.github.tomakehurst.wiremock.core.WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        try {
            server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post("/v1/chat/completions").willReturn(
                    com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(200)
                            .withHeader("Content-Type", "application/json").withBody(ExampleScenariosTest.completion("4"))));
            Path scenario = dir.resolve("models.yaml");
            Files.writeString(scenario, """
                    name: bench-models
                    population: {size: 1}
                    respondent: {kind: naive, model: local}
                    models:
                      local: {provider: openai-compatible, base-url: "http://127.0.0.1:%d/v1", model: m}
                    instruments: [pvq21]
                    cache: %s
                    """.formatted(server.port(), dir.resolve("cache.db")));
            Path out = dir.resolve("fp");
            Cli cli = Cli.run("bench", "individuals", "--data", GSS20, "--codebook", GSS_CODEBOOK, "--respondent",
                    "full-profile", "--scenario", scenario.toString(), "--folds", "3", "--out", out.toString());
            assertEquals(0, cli.exit(), cli.err());
            JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
            assertEquals(420, s.at("/accuracy/predictors/full-profile/by_history/0/predictions").asInt());
            int maxStatements = 0;
            for (var e : server.getAllServeEvents()) {
                String body = e.getRequest().getBodyAsString();
                int statements = body.split("- Asked", -1).length - 1;
                maxStatements = Math.max(maxStatements, statements);
            }
            assertEquals(14, maxStatements, "with 3 folds of 7 items the history is at most 14 of the 21 items");
        } finally {
            server.stop();
        }
    }

    /**
     * Any survey: the SAPA example's mixed questions (ordinal behaviours and health, 135 six-point items), 40 people
     * drawn by --people, scored per question group; with no value items the psychometric and semantic baselines say
     * why they cannot run.
     */
    @Test
    void mixedQuestionsAreScoredByGroupOnASampleOfPeople() throws Exception {
        Path out = dir.resolve("sapa");
        Cli cli = Cli.run("bench", "individuals", "--data", "../data/sapa-spi/spi-sample.csv", "--codebook",
                "../data/sapa-spi/codebook.yaml", "--respondent", "knn", "--people", "40", "--out", out.toString());
        assertEquals(0, cli.exit(), cli.err());
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals(40, summary.at("/people").asInt());
        assertEquals(139, summary.at("/items").asInt());
        JsonNode knn = summary.at("/accuracy/predictors/knn");
        long behaviours = knn.at("/by_group/behaviours/4/predictions").asLong();
        long attitudes = knn.at("/by_group/attitudes/4/predictions").asLong();
        assertTrue(behaviours > 0 && attitudes > 0, knn.toString());
        assertEquals(knn.at("/by_history/4/predictions").asLong(), behaviours + attitudes);
        assertTrue(summary.at("/unavailable/psychometric").asText().contains("no question scores a Schwartz value"),
                summary.toString());
        assertTrue(Files.readString(out.resolve("accuracy.csv")).contains("\nknn/behaviours,1,"));
        assertTrue(cli.out().contains("knn/attitudes"), cli.out());
        Cli again = Cli.run("bench", "individuals", "--data", "../data/sapa-spi/spi-sample.csv", "--codebook",
                "../data/sapa-spi/codebook.yaml", "--respondent", "knn", "--people", "40", "--out",
                dir.resolve("again").toString());
        assertEquals(Files.readString(out.resolve("accuracy.csv")), Files.readString(dir.resolve("again/accuracy.csv")),
                "the same seed draws the same people");
        assertEquals(2, Cli.run("bench", "individuals", "--data", "../data/sapa-spi/spi-sample.csv", "--codebook",
                "../data/sapa-spi/codebook.yaml", "--respondent", "knn", "--people", "401").exit());
    }

    /** A mistake in a codebook's questions or in the data they describe is one located line, exit 2, nothing written. */
    @Test
    void mixedCodebookMistakesAreLocated() throws Exception {
        Path book = dir.resolve("codebook.yaml");
        Path data = dir.resolve("data.csv");
        Files.writeString(data, "q1,q2\n1,2\n3,4\n2,2\n");
        Files.writeString(book, """
                name: m
                description: d
                source: s
                questions:
                  q1: {text: "Q?", kind: likrt, min: 1, max: 5}
                  q2: {text: "R?", kind: likert, min: 1, max: 5}
                """);
        Path out = dir.resolve("out");
        Cli kind = Cli.run("bench", "individuals", "--data", data.toString(), "--codebook", book.toString(),
                "--respondent", "knn", "--out", out.toString());
        assertEquals(2, kind.exit());
        assertTrue(kind.err().contains(book + ":5:26: questions.q1.kind: 'likrt' is not a question kind"), kind.err());
        Files.writeString(book, Files.readString(book).replace("likrt", "likert").replace("max: 5}\n  q2", "max: 2}\n  q2"));
        Cli code = Cli.run("bench", "individuals", "--data", data.toString(), "--codebook", book.toString(),
                "--respondent", "knn", "--out", out.toString());
        assertEquals(2, code.exit());
        assertTrue(code.err().contains(data + ":3:1: q1: '3' is not a code 1..2 nor a missing code"), code.err());
        Files.writeString(book, Files.readString(book).replace("max: 2}\n  q2", "max: 5}\n  q2")
                + "  q3: {text: \"S?\", kind: yes-no}\n");
        Cli column = Cli.run("bench", "individuals", "--data", data.toString(), "--codebook", book.toString(),
                "--respondent", "knn", "--out", out.toString());
        assertEquals(2, column.exit());
        assertTrue(column.err().contains(data + ":1:1: no column 'q3' (the codebook's questions.q3); the header has: "
                + "q1, q2"), column.err());
        assertFalse(Files.exists(out), "nothing written");
    }
}
