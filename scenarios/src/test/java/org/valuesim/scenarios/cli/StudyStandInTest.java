package org.valuesim.scenarios.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Studies against a loopback stand-in OpenAI-compatible server: every run of a study goes through one model-call
 * cache, so a prompt that several conditions share is asked once (the server's requests are counted), the choice
 * between argmax and draw is no part of a request, and a shipped study is pointed at a server with one flag.
 */
class StudyStandInTest {

    @TempDir
    Path dir;
    WireMockServer server;

    @BeforeEach
    void start() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").containerThreads(32));
        server.start();
        server.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(LlmRunEndToEndTest.LOGPROBS)));
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    static int deadPort() throws Exception {
        try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return free.getLocalPort();
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.port() + "/v1";
    }

    JsonNode manifest(Path run) throws Exception {
        return new ObjectMapper().readTree(run.resolve("manifest.json").toFile());
    }

    /** Every run folder study.json lists. */
    static List<Path> runFolders(Path out, JsonNode study) {
        List<Path> runs = new ArrayList<>();
        study.at("/conditions").forEach(c -> c.at("/runs").forEach(r -> runs.add(out.resolve(r.at("/folder").asText()))));
        return runs;
    }

    /** The answers of a run's responses.csv, in row order. */
    static List<String> answers(Path run) throws Exception {
        List<String> out = new ArrayList<>();
        for (String row : Files.readAllLines(run.resolve("responses.csv")).subList(1, 421)) {
            out.add(row.split(",", -1)[3]);
        }
        return out;
    }

    @Test
    void promptsThatConditionsShareAreAskedOnceAndTheChoiceIsNoPartOfARequest() throws Exception {
        Path study = dir.resolve("shared.yaml");
        Files.writeString(study, """
                name: shared
                seed: 7
                base:
                  name: vp
                  population: {size: 20, preset: us-gss-2012, strategy: uniform}
                  respondent: {kind: value-prompt, model: local}
                  models:
                    local: {provider: openai-compatible, base-url: %s, model: qwen, max-in-flight: 16}
                  instruments: [pvq21]
                  statistics: {permutations: 99, bootstrap: 0}
                  cache: %s
                conditions:
                  - name: uniform-10
                    set: {population.size: 10}
                  - name: uniform-20
                  - name: naive-mix
                    set: {population.strategy: human-naive}
                  - name: argmax
                    set: {respondent.choice: argmax}
                  - name: down       # another model (the cache has none of its answers) at a dead port
                    set: {models.local.base-url: "http://127.0.0.1:%d/v1", models.local.model: other,
                          models.local.max-attempts: 1}
                """.formatted(url(), dir.resolve("cache.db"), deadPort()));
        Path out = dir.resolve("out");
        Cli cli = Cli.run("study", study.toString(), "--out", out.toString(), "--quiet");
        // a failed condition is recorded with its reason, the others still run, and the study exits 1
        assertEquals(1, cli.exit(), cli.err());
        assertTrue(cli.err().startsWith("error: 1 of 5 runs did not complete; commonest (1): failed: all 420 answers "
                + "failed: model call failed: connection refused at http://127.0.0.1:"), cli.err());
        List<java.util.Map<String, String>> down = StudyCommandTest.readCsv(out.resolve("study.csv")).stream()
                .filter(r -> r.get("condition").equals("down")).toList();
        assertEquals(1, down.size());
        assertEquals("failed", down.get(0).get("status"));
        assertEquals("", down.get(0).get("statistic"));
        JsonNode failed = new ObjectMapper().readTree(out.resolve("study.json").toFile()).at("/conditions/4/runs/0");
        assertEquals("failed", failed.at("/status").asText());
        assertTrue(failed.at("/reason").asText().contains("connection refused"), failed.toString());
        assertTrue(Files.readString(out.resolve("study.html")).contains("Runs that did not complete"));
        // ten value personas x 21 items, then the 21 items for the unprimed personas of the human-naive mix
        assertEquals(231, server.getAllServeEvents().size(), "each distinct prompt asked once in the whole study");
        assertEquals(210, manifest(out.resolve("runs/uniform-10-r1")).at("/counts/model_calls").asInt());
        assertEquals(0, manifest(out.resolve("runs/uniform-20-r1")).at("/counts/model_calls").asInt());
        assertEquals(210, manifest(out.resolve("runs/uniform-20-r1")).at("/counts/cache_hits").asInt(),
                "its ten personas' prompts, all asked by uniform-10");
        assertEquals(21, manifest(out.resolve("runs/naive-mix-r1")).at("/counts/model_calls").asInt());
        assertEquals(0, manifest(out.resolve("runs/argmax-r1")).at("/counts/model_calls").asInt(),
                "argmax and draw send the same requests: the cache answers both");
        // the stand-in gives 4 with p 0.62, 5 with 0.28, 3 with 0.10: argmax repeats 4, a population draws
        Set<String> argmax = new TreeSet<>(answers(out.resolve("runs/argmax-r1")));
        assertEquals(Set.of("4"), argmax);
        List<String> drawn = answers(out.resolve("runs/uniform-20-r1"));
        assertEquals(Set.of("3", "4", "5"), new TreeSet<>(drawn), "draw is the populations' default");
        long fours = drawn.stream().filter("4"::equals).count();
        assertTrue(fours > 210 && fours < 310, fours + " of 420 answers are 4 (expected about 262)");
        assertTrue(Files.readString(out.resolve("runs/uniform-20-r1/scenario.yaml")).contains("choice: draw"));
    }

    /** A shipped study pointed at a loopback server with --set, made small with a second --set. */
    @Test
    void aShippedStudyRunsAgainstTheServerTheSetOptionNames() throws Exception {
        Path out = dir.resolve("strategies");
        Cli cli = Cli.run("study", "../studies/teaching-values/population-strategies.yaml",
                "--set", "models.local.base-url=" + url(), "--set", "population.size=20",
                "--set", "cache=" + dir.resolve("cache.db"), "--out", out.toString(), "--quiet");
        assertEquals(0, cli.exit(), cli.err());
        JsonNode study = new ObjectMapper().readTree(out.resolve("study.json").toFile());
        assertEquals(15, study.at("/completed").asInt());
        long calls = 0;
        for (Path run : runFolders(out, study)) {
            JsonNode m = manifest(run);
            assertTrue(m.at("/models/local/requests").asInt() > 0);
            assertTrue(Files.readString(run.resolve("scenario.yaml")).contains("base-url: " + url()));
            calls += m.at("/counts/model_calls").asLong();
        }
        assertEquals(server.getAllServeEvents().size(), calls, "every request the server saw was one run's call");
        // the value-prompted mixes of replicate 1 ask the ten value personas' and the unprimed items once between them
        long valuePrompted = 0;
        for (String run : List.of("h-np-r1", "h-even-r1", "h-norm-r1", "uniform-r1")) {
            valuePrompted += manifest(out.resolve("runs/" + run)).at("/counts/model_calls").asLong();
        }
        assertEquals(231, valuePrompted);
        for (String run : List.of("h-np-r2", "h-even-r2", "h-norm-r2", "uniform-r2", "h-np-r3", "uniform-r3")) {
            assertEquals(0, manifest(out.resolve("runs/" + run)).at("/counts/model_calls").asInt(), run);
        }
        assertTrue(manifest(out.resolve("runs/sampled-r2")).at("/counts/model_calls").asInt() > 0,
                "sampled personas have profiles of their own");
    }

    /**
     * The shipped accuracy study against the stand-in, on two GSS people: each respondent's predictions go through
     * the study's one cache, so naive's 21 prompts are asked once for the whole study and the average integration's
     * module calls are the coordinator condition's.
     */
    @Test
    void theShippedAccuracyStudyRunsAgainstTheServerAndSharesItsCalls() throws Exception {
        server.stubFor(post(urlEqualTo("/v1/chat/completions")).withRequestBody(containing("perspective: "))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(ExampleScenariosTest.completion("Analysis: it fits.\\nAnswer: 4"))));
        List<String> gss = Files.readAllLines(Path.of("examples/data/gss-individuals.csv"));
        Path people = dir.resolve("two.csv");
        Files.write(people, gss.subList(0, 3));
        Path out = dir.resolve("respondents");
        Cli cli = Cli.run("study", "../studies/valuesim/respondents.yaml", "--set", "models.local.base-url=" + url(),
                "--set", "population.individuals.data=" + people, "--set", "cache=" + dir.resolve("cache.db"),
                "--out", out.toString(), "--quiet");
        assertEquals(0, cli.exit(), cli.err());
        JsonNode study = new ObjectMapper().readTree(out.resolve("study.json").toFile());
        assertEquals(15, study.at("/completed").asInt());
        long calls = 0;
        for (Path run : runFolders(out, study)) {
            calls += manifest(run).at("/models/local/model_calls").asLong();
        }
        for (JsonNode condition : study.at("/conditions")) {
            String name = condition.at("/name").asText();
            JsonNode full = condition.at("/history/" + (name.startsWith("backstory-caps") ? "backstory-caps-template"
                    : name) + "/4");
            assertEquals(1.0, full.at("/history").asDouble(), condition.toString());
            assertEquals(3, full.at("/top1/n").asInt(), condition.toString());
            assertEquals(3, condition.at("/history/knn/0/top1/n").asInt(), "the baselines' curve: " + condition);
        }
        assertEquals(server.getAllServeEvents().size(), calls, "every request the server saw was one run's call");
        assertEquals(21, manifest(out.resolve("runs/naive-r1")).at("/models/local/model_calls").asInt(),
                "naive has no profile: one call per item");
        for (String run : List.of("naive-r2", "naive-r3", "backstory-caps-average-r1")) {
            assertEquals(0, manifest(out.resolve("runs/" + run)).at("/models/local/model_calls").asInt(), run);
        }
        JsonNode summary = new ObjectMapper().readTree(out.resolve("runs/rag-r2/summary.json").toFile());
        assertEquals(43, summary.at("/seed").asInt());
        assertEquals(2 * 21, summary.at("/accuracy/predictors/rag/by_history/4/predictions").asInt());
        assertTrue(Files.readString(out.resolve("runs/rag-r2/scenario.yaml")).contains("choice: argmax"),
                "imported individuals are predicted by argmax");
        assertTrue(Files.readString(out.resolve("study.html")).contains("Individual-level accuracy by history share"));
    }
}
