package org.valuesim.scenarios.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * population sample with the llm backstory writer, in a child JVM whose environment alone holds the
 * API key, against a loopback stand-in OpenAI-compatible server.
 */
class LlmBackstoryEndToEndTest {

    static final String KEY = "sk-valuesim-test-0123456789abcdef";
    static final String STORY = "You are a person of many convictions, told here in your own words.";

    @TempDir
    Path dir;
    WireMockServer server;

    @BeforeEach
    void start() throws Exception {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        server.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"id":"c","object":"chat.completion","created":1,"model":"writer","choices":[{"index":0,
                         "message":{"role":"assistant","content":"%s"},"finish_reason":"stop"}],
                         "usage":{"prompt_tokens":900,"completion_tokens":40,"total_tokens":940}}""".formatted(STORY))));
        List<String> gss = Files.readAllLines(Path.of("../data/us-gss-2012/gss2012_values_numeric.csv"));
        Files.write(dir.resolve("people.csv"), gss.subList(0, 6));
        Files.writeString(dir.resolve("scenario.yaml"), """
                name: llm-stories
                population:
                  individuals:
                    data: people.csv
                    codebook: %s
                    backstory: llm
                    backstory-model: writer
                    min-coverage: 0.0
                    max-attempts: 1
                models:
                  writer:
                    provider: openai-compatible
                    base-url: http://127.0.0.1:%d/v1
                    model: writer
                    api-key-env: VALUESIM_TEST_KEY
                instruments: [pvq21]
                cache: %s
                """.formatted(Path.of("../data/us-gss-2012/codebook.yaml").toAbsolutePath().normalize(), server.port(),
                dir.resolve("cache.db")));
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private record Child(int exit, String output) {
    }

    private Child sample(String out, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Djava.io.tmpdir=" + dir,
                ValuesimCommand.class.getName(), "population", "sample", dir.resolve("scenario.yaml").toString(),
                "--out", dir.resolve(out).toString()).redirectErrorStream(true);
        pb.environment().remove("VALUESIM_TEST_KEY");
        pb.environment().putAll(env);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new Child(p.exitValue(), output);
    }

    @Test
    void backstoriesComeFromTheModelOnceThenFromTheCacheAndTheKeyLeaksNowhere() throws Exception {
        Child first = sample("a.jsonl", Map.of("VALUESIM_TEST_KEY", KEY));
        assertEquals(0, first.exit(), first.output());
        assertEquals(5, server.getAllServeEvents().size(), "one call per person");
        server.verify(5, postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withHeader("Authorization", equalTo("Bearer " + KEY)));
        List<String> lines = Files.readAllLines(dir.resolve("a.jsonl"));
        assertEquals(5, lines.size());
        assertTrue(lines.get(0).contains("\"backstory\":\"" + STORY + "\""), lines.get(0));

        Child second = sample("b.jsonl", Map.of("VALUESIM_TEST_KEY", KEY));
        assertEquals(0, second.exit(), second.output());
        assertEquals(5, server.getAllServeEvents().size(), "the second run makes no model call");
        assertEquals(Files.readString(dir.resolve("a.jsonl")), Files.readString(dir.resolve("b.jsonl")));
        assertTrue(second.output().contains("5 cache hits"), second.output());

        for (Path file : List.of(dir.resolve("a.jsonl"), dir.resolve("cache.db"))) {
            assertFalse(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(KEY), file + " holds the key");
        }
        assertFalse(first.output().contains(KEY) || second.output().contains(KEY), "the key is never printed");
    }

    @Test
    void aMissingKeyVariableIsBadInputBeforeAnyCall() throws Exception {
        Child child = sample("c.jsonl", Map.of());
        assertEquals(2, child.exit(), child.output());
        assertTrue(child.output().contains("models.writer.api-key-env: the environment variable VALUESIM_TEST_KEY is not set"),
                child.output());
        assertEquals(0, server.getAllServeEvents().size());
        assertFalse(Files.exists(dir.resolve("c.jsonl")));
    }
}
