package org.valuesim.core.llm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.valuesim.core.cache.CallCache;

/** Against a loopback WireMock server that answers like an OpenAI-compatible server (vLLM) does. */
class OpenAiCompatibleBackendTest {

    static final String ANSWER = """
            {"id":"c1","object":"chat.completion","created":1,"model":"qwen","choices":[{"index":0,
             "message":{"role":"assistant","content":"5"},
             "logprobs":{"content":[{"token":"5","logprob":-0.22,"bytes":[53],"top_logprobs":[
               {"token":"5","logprob":-0.22,"bytes":[53]},{"token":" 4","logprob":-1.8,"bytes":[32,52]},
               {"token":"6","logprob":-3.1,"bytes":[54]}]}]},
             "finish_reason":"stop"}],
             "usage":{"prompt_tokens":120,"completion_tokens":1,"total_tokens":121}}""";

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

    String base() {
        return "http://127.0.0.1:" + server.port() + "/v1";
    }

    static ModelRequest request() {
        return new ModelRequest(List.of(Message.system("You greatly value power."), Message.user("Rate: rich")),
                new Sampling(0, 1, 5), 0);
    }

    @Test
    void asksForTopLogprobsAndReadsTheFirstTokensAlternatives() throws Exception {
        server.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(ANSWER)));
        ModelResponse r = new OpenAiCompatibleBackend("qwen", "secret-key", Duration.ofSeconds(5)).call(request(), base());
        assertEquals("5", r.text());
        assertEquals(List.of(new TokenLogprob("5", -0.22), new TokenLogprob(" 4", -1.8), new TokenLogprob("6", -3.1)),
                r.firstTokenLogprobs());
        assertEquals(120, r.tokensIn());
        assertEquals(1, r.tokensOut());
        server.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(matchingJsonPath("$.model", com.github.tomakehurst.wiremock.client.WireMock.equalTo("qwen")))
                .withRequestBody(matchingJsonPath("$.logprobs", com.github.tomakehurst.wiremock.client.WireMock.equalTo("true")))
                .withRequestBody(matchingJsonPath("$.top_logprobs", com.github.tomakehurst.wiremock.client.WireMock.equalTo("5")))
                .withRequestBody(equalToJson("{\"messages\":[{\"role\":\"system\",\"content\":\"You greatly value power.\"},"
                        + "{\"role\":\"user\",\"content\":\"Rate: rich\"}]}", true, true))
                .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.equalTo("Bearer secret-key")));
    }

    @Test
    void serverErrorsAreRetryableAndABadKeyIsNot() {
        OpenAiCompatibleBackend backend = new OpenAiCompatibleBackend("qwen", "k", Duration.ofSeconds(5));
        server.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(503)
                .withBody("{\"error\":{\"message\":\"overloaded\"}}")));
        ModelCallException busy = assertThrows(ModelCallException.class, () -> backend.call(request(), base()));
        assertTrue(busy.retryable(), busy.getMessage());
        server.resetAll();
        server.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(401)
                .withBody("{\"error\":{\"message\":\"bad key\"}}")));
        ModelCallException denied = assertThrows(ModelCallException.class, () -> backend.call(request(), base()));
        assertFalse(denied.retryable(), denied.getMessage());
    }

    @Test
    void theGatewayRetriesAServerThatFailsTwiceThenAnswers() {
        String scenario = "flaky";
        server.stubFor(post(urlEqualTo("/v1/chat/completions")).inScenario(scenario)
                .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willReturn(aResponse().withStatus(500)).willSetStateTo("second"));
        server.stubFor(post(urlEqualTo("/v1/chat/completions")).inScenario(scenario).whenScenarioStateIs("second")
                .willReturn(aResponse().withStatus(429)).willSetStateTo("third"));
        server.stubFor(post(urlEqualTo("/v1/chat/completions")).inScenario(scenario).whenScenarioStateIs("third")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(ANSWER)));
        ModelGateway gateway = new ModelGateway(new OpenAiCompatibleBackend("qwen", null, Duration.ofSeconds(5)),
                new GatewayConfig(List.of(base()), 2, 4, Duration.ofMillis(1), Duration.ofMillis(5), 5,
                        Duration.ofSeconds(1)), CallCache.NONE, ModelGateway.CacheMode.OFF);
        GatewayResult result = gateway.call(request()).join();
        assertTrue(result.ok(), result.failure());
        assertEquals(3, result.attempts());
        assertEquals(3, server.getAllServeEvents().size());
    }
}
