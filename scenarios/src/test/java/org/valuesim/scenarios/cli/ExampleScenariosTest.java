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
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The model-backed example scenarios, pointed at a loopback stand-in instead of localhost:8000. */
class ExampleScenariosTest {

    @TempDir
    Path dir;
    WireMockServer server;

    @BeforeEach
    void start() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").containerThreads(32));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    static String completion(String content) {
        return "{\"id\":\"c\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"q\",\"choices\":[{\"index\":0,"
                + "\"message\":{\"role\":\"assistant\",\"content\":\"" + content + "\"},\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":300,\"completion_tokens\":20,\"total_tokens\":320}}";
    }

    /** The example with its server moved to the stand-in, next to the example so its relative paths hold. */
    Path example(String name) throws Exception {
        Path original = Path.of("examples", name);
        Path copy = original.resolveSibling("target-test-" + name);
        Files.writeString(copy, Files.readString(original).replace("http://localhost:8000/v1",
                "http://127.0.0.1:" + server.port() + "/v1") + "cache: " + dir.resolve("cache.db") + "\n");
        copy.toFile().deleteOnExit();
        return copy;
    }

    @ParameterizedTest
    @ValueSource(strings = {"value-prompted.yaml", "valuesim-individuals.yaml", "value-prompted-semantic.yaml",
        "valuesim-individuals-semantic.yaml"})
    void examplesAreValid(String name) {
        Cli cli = Cli.run("validate", "examples/" + name);
        assertEquals(0, cli.exit(), cli.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"value-prompted-semantic.yaml", "valuesim-individuals-semantic.yaml"})
    void semanticTwinsRunWithNoServerAndAreDeterministic(String name) throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        Cli first = Cli.run("run", "examples/" + name, "--out", a.toString(), "--quiet");
        assertEquals(0, first.exit(), first.err());
        assertEquals(0, Cli.run("run", "examples/" + name, "--out", b.toString(), "--quiet").exit());
        assertEquals(-1L, Files.mismatch(a.resolve("responses.csv"), b.resolve("responses.csv")));
        JsonNode manifest = new ObjectMapper().readTree(a.resolve("manifest.json").toFile());
        assertEquals(0, manifest.at("/counts/failed_answers").asInt());
        assertEquals("semantic", manifest.at("/respondent").asText());
        assertEquals(0, manifest.at("/counts/model_calls").asInt());
    }

    @Test
    void valueSimIndividualsAnswerThroughTheCapsModulesAndTheCoordinator() throws Exception {
        // the affective module disagrees on every item, so each answer takes a coordinator call
        server.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(completion("Analysis: it fits.\\nAnswer: 4"))));
        server.stubFor(post(urlEqualTo("/v1/chat/completions")).withRequestBody(containing("affective perspective"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(completion("Analysis: it moves me.\\nAnswer: 6"))));
        server.stubFor(post(urlEqualTo("/v1/chat/completions")).withRequestBody(containing("Three analyses of the question"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(completion("5"))));
        Path scenario = example("valuesim-individuals.yaml");
        Path out = dir.resolve("run");
        Cli cli = Cli.run("run", scenario.toString(), "--out", out.toString(), "--quiet");
        Files.deleteIfExists(scenario);
        assertEquals(0, cli.exit(), cli.err());
        assertEquals(20 * 21 * 4, server.getAllServeEvents().size(), "3 modules and a coordinator per answer: "
                + Files.readAllLines(out.resolve("modules.csv")).subList(0, 4));
        List<String> responses = Files.readAllLines(out.resolve("responses.csv"));
        assertEquals(1 + 20 * 21, responses.size());
        assertTrue(responses.get(1).startsWith("0,pvq21,pvq21-01,5,Like me,"), responses.get(1));
        List<String> modules = Files.readAllLines(out.resolve("modules.csv"));
        assertEquals(1 + 20 * 21 * 3, modules.size());
        assertEquals("0,pvq21,pvq21-01,affective,6,it moves me.", modules.get(2));
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals(0.0, summary.at("/caps/agreement_rate").asDouble());
        assertEquals(420, summary.at("/caps/coordinator_calls").asInt());
        assertEquals("individuals", summary.at("/population/strategy").asText());
        String coordinator = server.getAllServeEvents().stream().map(e -> e.getRequest().getBodyAsString())
                .filter(b -> b.contains("Three analyses of the question")).findFirst().orElseThrow();
        assertTrue(coordinator.contains("Affective perspective (answer 6): it moves me."), coordinator);
    }
}
