package org.valuesim.core.llm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The codec that writes batch lines and reads batch results is the live path itself: its request body is the body a
 * live call sends, and a response body reads to the same ModelResponse. Prompt caching, usage details and reasoning
 * effort reach the wire as each protocol has them.
 */
class WireCodecTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String OPENAI = """
            {"id":"c","object":"chat.completion","created":1,"model":"o4-mini","choices":[{"index":0,
             "message":{"role":"assistant","content":"<think>hmm</think>3","reasoning_content":"I weigh it up."},
             "logprobs":{"content":[{"token":"3","logprob":-0.1,"bytes":[51],"top_logprobs":[
               {"token":"3","logprob":-0.1,"bytes":[51]},{"token":"2","logprob":-2.4,"bytes":[50]}]}]},
             "finish_reason":"stop"}],
             "usage":{"prompt_tokens":1500,"completion_tokens":40,"total_tokens":1540,
              "prompt_tokens_details":{"cached_tokens":1280},"completion_tokens_details":{"reasoning_tokens":38}}}""";
    static final String ANTHROPIC = """
            {"id":"msg_1","type":"message","role":"assistant","model":"claude-x",
             "content":[{"type":"thinking","thinking":"Let me weigh it.","signature":"sig"},{"type":"text","text":"5"}],
             "stop_reason":"end_turn","stop_sequence":null,
             "usage":{"input_tokens":12,"cache_creation_input_tokens":2048,"cache_read_input_tokens":0,"output_tokens":9}}""";

    WireMockServer server;

    @BeforeEach
    void start() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    static ModelRequest request(int topLogprobs) {
        return new ModelRequest(List.of(Message.system("You are a person who greatly values security."),
                Message.user("How much like you is this person? Answer 1-6.")), new Sampling(0, 8, topLogprobs), 0);
    }

    JsonNode liveBody() throws Exception {
        return JSON.readTree(server.getAllServeEvents().get(0).getRequest().getBodyAsString());
    }

    @Test
    void openAiBatchLinesCarryTheLiveBodyAndResultsReadAsLiveResponses() throws Exception {
        server.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(OPENAI)));
        OpenAiCompatibleBackend backend = new OpenAiCompatibleBackend("o4-mini", "k", Duration.ofSeconds(5),
                new ModelOptions(true, "low", 1000, false));
        ModelResponse live = backend.call(request(20), "http://127.0.0.1:" + server.port() + "/v1");
        assertEquals(liveBody(), JSON.readTree(backend.requestBody(request(20))));
        assertEquals(live, backend.parse(request(20), OPENAI));

        JsonNode body = liveBody();
        assertEquals("low", body.path("reasoning_effort").asText());
        assertEquals(1008, body.path("max_completion_tokens").asInt(), "the answer's 8 and the thinking allowance");
        assertFalse(body.has("max_tokens"), "reasoning models take max_completion_tokens");
        assertFalse(body.has("temperature"), "no temperature the scenario did not set");
        assertEquals(1500, live.tokensIn());
        assertEquals(1280, live.cachedTokensIn(), "usage.prompt_tokens_details.cached_tokens");
        assertEquals(40, live.tokensOut());
        assertEquals("<think>hmm</think>3", live.text(), "reasoning_content never joins the text");
    }

    @Test
    void anthropicMarksThePersonaCacheableAndCountsCacheWritesAndReads() throws Exception {
        server.stubFor(post(urlEqualTo("/v1/messages")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(ANTHROPIC)));
        AnthropicBackend backend = new AnthropicBackend("claude-x", "k", Duration.ofSeconds(5),
                new ModelOptions(true, "medium", 0, true));
        ModelResponse live = backend.call(request(0), "http://127.0.0.1:" + server.port() + "/v1/");
        JsonNode body = liveBody();
        assertEquals(body, JSON.readTree(backend.requestBody(request(0))));
        assertEquals(live, backend.parse(request(0), ANTHROPIC));
        assertEquals("ephemeral", body.path("system").get(0).path("cache_control").path("type").asText());
        assertEquals("medium", body.path("output_config").path("effort").asText());
        assertEquals("5", live.text(), "thinking blocks are not the answer");
        assertEquals(12 + 2048, live.tokensIn());
        assertEquals(2048, live.cacheWriteTokens());
        assertEquals(0, live.cachedTokensIn());

        AnthropicBackend uncached = new AnthropicBackend("claude-x", "k", Duration.ofSeconds(5),
                new ModelOptions(false, null, 0, true));
        JsonNode plain = JSON.readTree(uncached.requestBody(request(0)));
        assertFalse(plain.path("system").get(0).has("cache_control"), "prompt-cache: false");
        assertFalse(plain.has("output_config"));
    }

    @Test
    void reasoningSettingsAreInTheCacheKeyOnlyWhenSet() {
        ModelRequest r = request(0);
        OpenAiCompatibleBackend plain = new OpenAiCompatibleBackend("m", null, Duration.ofSeconds(5));
        OpenAiCompatibleBackend reasoning = new OpenAiCompatibleBackend("m", null, Duration.ofSeconds(5),
                new ModelOptions(true, "high", 2048, false));
        assertEquals(CacheKey.of("openai-compatible", "m", r),
                CacheKey.of(plain.provider(), plain.model(), plain.keyExtras(), r), "keys of earlier runs are kept");
        assertNotEquals(CacheKey.of(plain.provider(), plain.model(), plain.keyExtras(), r),
                CacheKey.of(reasoning.provider(), reasoning.model(), reasoning.keyExtras(), r));
        JsonNode ollama = read(new OllamaBackend("qwen3", Duration.ofSeconds(5), new ModelOptions(true, "none", 0, true))
                .requestBody(r));
        assertEquals(false, ollama.path("think").asBoolean(true), "reasoning-effort none turns Ollama's thinking off");
        assertTrue(read(new OllamaBackend("qwen3", Duration.ofSeconds(5), new ModelOptions(true, "low", 0, true))
                .requestBody(r)).path("think").asBoolean());
    }

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
