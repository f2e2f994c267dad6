package org.valuesim.scenarios.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** respondent.protocol: paper in a scenario run, against a loopback stand-in OpenAI-compatible server. */
class PaperProtocolEndToEndTest {

    static final String STORY = "STORY of a careful person";

    @TempDir
    Path dir;
    WireMockServer server;

    @BeforeEach
    void start() throws Exception {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").containerThreads(32));
        server.start();
        reply("You write backstories", STORY);
        reply("DROP-IN", "Answer: 2\\nAnalysis: from the drop-in file.");
        reply("from the affective side", "Answer: 5\\nAnalysis: feelings.");
        reply("from the behavioural side", "I would rather not say.");
        reply("You coordinate", "Answer: 3\\nAnalysis: weighed.");
        List<String> gss = Files.readAllLines(Path.of("../data/us-gss-2012/gss2012_values_numeric.csv"));
        Files.write(dir.resolve("people.csv"), gss.subList(0, 4));
        // the fields and structure of the authors' Q_prompts/prompt_cognitive.txt
        Files.writeString(dir.resolve("prompt_cognitive.txt"), """
                DROP-IN: follow the tutorial and answer as this user.

                User Profile:
                {profile_text}

                Question:
                {question_text_with_options}

                Answer: [option number]
                Analysis: [reasoning]
                """);
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    void reply(String when, String content) {
        server.stubFor(post(urlEqualTo("/v1/chat/completions")).withRequestBody(containing(when))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(ExampleScenariosTest.completion(content))));
    }

    Path scenario(String respondent) throws Exception {
        Path file = dir.resolve("paper.yaml");
        Files.writeString(file, """
                name: paper
                population:
                  individuals: {data: people.csv, codebook: %s, backstory: llm, backstory-model: local}
                respondent: %s
                models:
                  local: {provider: openai-compatible, base-url: "http://127.0.0.1:%d/v1", model: m, max-in-flight: 16}
                instruments: [pvq21]
                cache: %s
                """.formatted(Path.of("../data/us-gss-2012/codebook.yaml").toAbsolutePath().normalize(), respondent,
                server.port(), dir.resolve("cache.db")));
        return file;
    }

    Path run(Path scenario, String name) {
        Path out = dir.resolve(name);
        Cli cli = Cli.run("run", scenario.toString(), "--out", out.toString(), "--quiet");
        assertEquals(0, cli.exit(), cli.err());
        return out;
    }

    @Test
    void capsRunsInThePapersShapeWithADropInModulePromptAndAReRunComesFromTheCache() throws Exception {
        Path scenario = scenario("{kind: backstory-caps, model: local, protocol: paper, prompts: "
                + "{paper-caps-cognitive: prompt_cognitive.txt}}");
        Path first = run(scenario, "first");
        List<String> bodies = server.getAllServeEvents().stream().map(e -> e.getRequest().getBodyAsString()).toList();
        // 3 stories (one per person); all three stories are the same text, so the module and coordinator prompts
        // of an item are the same for the three people: 21 items x (3 modules + 1 coordinator)
        assertEquals(3, bodies.stream().filter(b -> b.contains("You write backstories")).count());
        assertEquals(3 + 21 * 4, bodies.size(), "no repair call");
        for (String b : bodies) {
            assertFalse(b.contains("\"system\""), "no system message: " + b);
            assertFalse(b.contains("max_tokens"), "no cap on a reply: " + b);
        }
        assertEquals(21, bodies.stream().filter(b -> b.contains("DROP-IN") && b.contains(STORY)
                && b.contains("1: Not like me at all")).count(), "the drop-in file holds the story and the question");
        List<String> coordinator = bodies.stream().filter(b -> b.contains("You coordinate")).toList();
        assertEquals(21, coordinator.size());
        for (String b : coordinator) {
            assertFalse(b.contains(STORY), "the coordinator does not read the story");
            assertTrue(b.contains("Behavioural side, answer: None"), b);
        }
        // the coordinator's raw text spans two lines (quoted); rows start with the agent id
        List<String> rows = Files.readAllLines(first.resolve("responses.csv")).stream()
                .filter(r -> r.matches("\\d+,pvq21,.*")).toList();
        assertEquals(3 * 21, rows.size());
        assertTrue(rows.stream().allMatch(r -> r.split(",")[3].equals("3") && r.contains(",ok,backstory-caps,")),
                rows.get(0));
        assertTrue(Files.readString(first.resolve("modules.csv")).contains(",behavioral,,"), "the unreadable module");
        assertTrue(Files.readString(first.resolve("scenario.yaml")).contains("protocol: paper"));

        Path second = run(scenario, "second");
        assertEquals(3 + 21 * 4, server.getAllServeEvents().size(), "stories and answers come from the cache");
        java.util.function.Function<Path, List<String>> answers = run -> {
            try {
                return Files.readAllLines(run.resolve("responses.csv")).stream().filter(r -> r.matches("\\d+,pvq21,.*"))
                        .map(r -> String.join(",", List.of(r.split(",")).subList(0, 12))).toList();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
        assertEquals(answers.apply(first), answers.apply(second));
        assertTrue(Files.readString(second.resolve("responses.csv")).contains(",true,0,"), "answered from the cache");
    }

    @Test
    void aPaperStoryPromptWithoutTheStatementsIsRefusedAtValidate() throws Exception {
        Files.writeString(dir.resolve("story.txt"), "Write this person's story.");
        Path scenario = scenario("{kind: backstory-caps, model: local, protocol: paper}");
        Files.writeString(scenario, Files.readString(scenario).replace("backstory-model: local}",
                "backstory-model: local, backstory-prompt: story.txt}"));
        Cli cli = Cli.run("validate", scenario.toString());
        assertEquals(2, cli.exit());
        assertTrue(cli.err().contains("population.individuals.backstory-prompt: " + dir.resolve("story.txt")
                + " does not use {profile_text}, which paper-story needs"), cli.err());
        assertEquals(0, server.getAllServeEvents().size());
    }

    @Test
    void anUnreadableAnswerIsAFailedAnswerWithItsTextAndNoRepairCall() throws Exception {
        reply("About this respondent", "I would rather not say.");
        reply("Question: It is important to her or him to be rich", "Option 4, somewhat like me.");
        Path out = run(scenario("{kind: full-profile, model: local, protocol: paper}"), "fp");
        long calls = server.getAllServeEvents().stream().filter(e -> e.getRequest().getBodyAsString()
                .contains("About this respondent")).count();
        assertEquals(3 * 21, calls, "one call per answer, no repair call");
        List<String> rows = Files.readAllLines(out.resolve("responses.csv"));
        assertEquals(3, rows.stream().filter(r -> r.contains(",pvq21-02,4,") && r.contains(",ok,full-profile,")).count());
        List<String> failed = rows.stream().filter(r -> r.contains(",failed,full-profile,")).toList();
        assertEquals(3 * 20, failed.size());
        assertTrue(failed.get(0).endsWith(",unreadable: no number in the reply,I would rather not say."), failed.get(0));
    }
}
