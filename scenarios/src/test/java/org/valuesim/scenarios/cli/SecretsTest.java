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
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A whole run with an API key in the environment: the key reaches the server and nothing else. */
class SecretsTest {

    static final String KEY = "sk-valuesim-secret-4f9c2e7d1b";

    @TempDir
    Path dir;
    WireMockServer server;

    @BeforeEach
    void start() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        server.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(ExampleScenariosTest.completion("3"))));
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void theKeyAppearsInNoResultLogOrCacheFile() throws Exception {
        Path scenario = dir.resolve("keyed.yaml");
        Files.writeString(scenario, """
                name: keyed
                seed: 1
                population: {size: 4, preset: us-gss-2012, strategy: uniform}
                respondent: {kind: value-prompt, model: local}
                models:
                  local:
                    provider: openai-compatible
                    base-url: http://127.0.0.1:%d/v1
                    model: q
                    api-key-env: VALUESIM_SECRET_TEST_KEY
                    answer-mode: sample
                instruments: [pvq21]
                dilemmas:
                  - {kind: prisoners-dilemma, rounds: 1, network: {kind: complete}}
                cache: %s
                """.formatted(server.port(), dir.resolve("cache.db")));
        Path out = dir.resolve("run");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Djava.io.tmpdir=" + dir,
                ValuesimCommand.class.getName(), "run", scenario.toString(), "--out", out.toString(), "--debug")
                .redirectErrorStream(true);
        pb.environment().put("VALUESIM_SECRET_TEST_KEY", KEY);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), output);
        int calls = server.getAllServeEvents().size();
        assertTrue(calls >= 4 * 21 + 4, "answers and moves: " + calls);
        server.verify(calls, postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withHeader("Authorization", equalTo("Bearer " + KEY)));
        assertFalse(output.contains(KEY), "the console output holds the key");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertTrue(files.contains(out.resolve("response-log.jsonl")) && files.contains(dir.resolve("cache.db")), files.toString());
        for (Path file : files) {
            assertFalse(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(KEY), file + " holds the key");
        }
    }
}
