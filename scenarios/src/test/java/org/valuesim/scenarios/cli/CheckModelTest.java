package org.valuesim.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.valuesim.core.llm.batch.Answers;
import org.valuesim.core.llm.batch.OpenAiBatchStandIn;

/** check-model against loopback stand-ins: a model that answers well, one that cannot follow the format, one that piles. */
class CheckModelTest {

    @TempDir
    Path dir;

    Path scenario(String baseUrl) throws Exception {
        Path file = dir.resolve("probe.yaml");
        Files.writeString(file, """
                name: probe
                population: {size: 10, preset: us-gss-2012, strategy: uniform}
                respondent: {kind: value-prompt, model: local}
                models:
                  local: {provider: openai-compatible, base-url: %s, model: qwen, max-attempts: 2, retry-backoff-ms: 10}
                instruments: [pvq21]
                cache: %s
                """.formatted(baseUrl, dir.resolve("cache.db")));
        return file;
    }

    static String completion(String content) {
        return """
                {"id":"c","object":"chat.completion","created":1,"model":"qwen","choices":[{"index":0,
                 "message":{"role":"assistant","content":"%s"},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":100,"completion_tokens":5,"total_tokens":105}}""".formatted(content);
    }

    Cli check(Function<JsonNode, String> answer) throws Exception {
        try (OpenAiBatchStandIn server = new OpenAiBatchStandIn(answer)) {
            Cli cli = Cli.run("check-model", scenario(server.baseUrl()).toString(), "--levels", "1,2");
            assertFalse(Files.exists(dir.resolve("cache.db")), "check-model neither reads nor writes the cache");
            return cli;
        }
    }

    @Test
    void aModelThatAnswersWellGetsLogprobsRecommended() throws Exception {
        Cli cli = check(Answers::openAi);
        assertEquals(0, cli.exit(), cli.err());
        String out = cli.out();
        assertTrue(out.contains("protocol: answers (12 of 12 calibration prompts)"), out);
        assertTrue(out.contains("log-probabilities: 12 of 12 answers carry them; 12 name an option; first answer's top "
                + "tokens: \""), out);
        assertTrue(out.contains("readable answers: 12 of 12 (100%)"), out);
        assertTrue(out.contains("in flight 1: 8 of 8 answered, latency p50 "), out);
        assertTrue(out.contains("in flight 2: 8 of 8 answered"), out);
        assertTrue(out.contains("prefix caching: yes, the server read 16 of the repeat's"), out);
        assertTrue(out.matches("(?s).*recommendation: answer-mode: logprobs, max-in-flight: [12]\\n"), out);
    }

    @Test
    void aModelThatCannotFollowTheFormatIsFoundOut() throws Exception {
        Cli cli = check(body -> completion("As an AI, I do not have personal values."));
        assertEquals(0, cli.exit(), cli.err());
        String out = cli.out();
        assertTrue(out.contains("log-probabilities: none came back"), out);
        assertTrue(out.contains("readable answers: 0 of 12 (0%)"), out);
        assertTrue(out.contains("recommendation: answer-mode: sample, max-in-flight: "), out);
        assertTrue(out.contains("many answers cannot be read: this model may not follow the answer format"), out);
    }

    @Test
    void answersPilingOnOneOptionAreSaid() throws Exception {
        Cli cli = check(body -> completion("3"));
        String out = cli.out();
        assertTrue(out.contains("spread: {3=12}; piles on one option (100% of answers)"), out);
        assertTrue(out.contains("it barely follows its persona"), out);
    }

    @Test
    void anUnreachableServerIsOneClearFailure() throws Exception {
        Cli cli = Cli.run("check-model", scenario("http://127.0.0.1:9/v1").toString(), "--levels", "1");
        assertEquals(1, cli.exit());
        assertTrue(cli.out().contains("protocol: no answer to the first calibration prompt: "), cli.out());
    }
}
