package org.valuesim.scenarios.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bench individuals --protocol paper against a loopback stand-in OpenAI-compatible server. */
class PaperBenchTest {

    static final String STORY = "STORY of this person";

    @TempDir
    Path dir;
    WireMockServer server;
    Path data;
    Path scenario;

    @BeforeEach
    void start() throws Exception {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").containerThreads(32));
        server.start();
        reply(3, null, "Answer: 4\\nAnalysis: it fits.");
        // the three modules cannot answer the security item: an unreadable answer, a wrong prediction
        reply(2, "Question:\\nIt is important to her or him to live in secure", "I cannot tell.");
        reply(1, "DROP-IN story", STORY);
        List<String> gss = Files.readAllLines(Path.of("examples/data/gss-individuals.csv"));
        data = dir.resolve("people.csv");
        Files.write(data, gss.subList(0, 5));
        // the structure and field of the authors' Q_prompts/storymodule.txt
        Files.writeString(dir.resolve("storymodule.txt"), "DROP-IN story writer. Keep every data point.\n\n"
                + "This person's Information:\n{profile_text}\n");
        scenario = dir.resolve("models.yaml");
        Files.writeString(scenario, """
                name: bench-paper
                population: {size: 1}
                respondent: {kind: naive, model: local, prompts: {paper-story: storymodule.txt}}
                models:
                  local: {provider: openai-compatible, base-url: "http://127.0.0.1:%d/v1", model: m, max-in-flight: 16}
                instruments: [pvq21]
                cache: %s
                """.formatted(server.port(), dir.resolve("cache.db")));
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    void reply(int priority, String when, String content) {
        var request = post(urlEqualTo("/v1/chat/completions")).atPriority(priority);
        if (when != null) {
            request = request.withRequestBody(containing(when));
        }
        server.stubFor(request.willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(ExampleScenariosTest.completion(content))));
    }

    Cli bench(String out, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("bench", "individuals", "--data", data.toString(),
                "--codebook", "../data/us-gss-2012/codebook.yaml", "--respondent", "backstory-caps", "--scenario",
                scenario.toString(), "--folds", "3", "--out", dir.resolve(out).toString()));
        args.addAll(List.of(extra));
        return Cli.run(args.toArray(String[]::new));
    }

    List<String> bodies() {
        return server.getAllServeEvents().stream().map(e -> e.getRequest().getBodyAsString()).toList();
    }

    @Test
    void storiesAreWrittenOncePerPersonFoldAndShareAndAReRunComesFromTheCache() throws Exception {
        Cli first = bench("a", "--protocol", "paper");
        assertEquals(0, first.exit(), first.err());
        JsonNode s = new ObjectMapper().readTree(dir.resolve("a/summary.json").toFile());
        // 4 people x 3 folds x the 4 shares that show something (an empty history gets no story and no call)
        long stories = bodies().stream().filter(b -> b.contains("DROP-IN story")).count();
        assertEquals(4 * 3 * 4, stories, "one story call per person, fold and share, with the drop-in prompt");
        assertEquals(48, s.at("/stories/written").asInt());
        assertEquals("llm", s.at("/stories/source").asText());
        assertEquals("paper", s.at("/protocol").asText());
        assertEquals(3, s.at("/question_folds").size());
        assertEquals("backstory-caps", s.at("/accuracy/respondent").asText());
        for (String b : bodies()) {
            assertFalse(b.contains("\"system\""), "no system message: " + b);
        }
        assertTrue(bodies().stream().anyMatch(b -> b.contains("Profile:\\n" + STORY)), "the modules read the story");
        JsonNode full = s.at("/accuracy/predictors/backstory-caps/by_history/4");
        assertEquals(4 * 21, full.at("/predictions").asInt() + full.at("/failed").asInt());
        assertEquals(0, full.at("/failed").asInt());
        assertEquals(4, full.at("/unreadable").asInt(), "the security item of each person is a wrong prediction");
        int calls = server.getAllServeEvents().size();

        Cli second = bench("b", "--protocol", "paper");
        assertEquals(0, second.exit(), second.err());
        assertEquals(calls, server.getAllServeEvents().size(), "stories and answers come from the cache");
        assertEquals(Files.readString(dir.resolve("a/accuracy.csv")), Files.readString(dir.resolve("b/accuracy.csv")));
    }

    @Test
    void templateStoriesAreTheAblationUnderTheirOwnName() throws Exception {
        Cli cli = bench("t", "--protocol", "paper", "--stories", "template");
        assertEquals(0, cli.exit(), cli.err());
        assertEquals(0, bodies().stream().filter(b -> b.contains("DROP-IN story")).count(), "no story call");
        JsonNode s = new ObjectMapper().readTree(dir.resolve("t/summary.json").toFile());
        assertEquals("backstory-caps-template", s.at("/accuracy/respondent").asText());
        assertEquals("template", s.at("/stories/source").asText());
        assertTrue(cli.out().contains("backstory-caps-template"), cli.out());
        Cli majority = Cli.run("bench", "individuals", "--data", data.toString(), "--codebook",
                "../data/us-gss-2012/codebook.yaml", "--respondent", "majority", "--protocol", "paper", "--folds", "3",
                "--out", dir.resolve("m").toString());
        assertEquals(0, majority.exit(), majority.err());
        JsonNode m = new ObjectMapper().readTree(dir.resolve("m/summary.json").toFile());
        assertEquals("majority", m.at("/accuracy/respondent").asText());
        assertEquals("shared question-level folds", m.at("/split").asText());
        Cli bad = bench("x", "--stories", "template", "--story-rounds", "2");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("--story-rounds: only LLM stories"), bad.err());
    }
}
