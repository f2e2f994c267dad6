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
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Against a loopback WireMock server that answers like an OpenAI-compatible server (vLLM) does. The OpenAI-compatible
 * tests run both live paths: LangChain4j's ({@link OpenAiCompatibleBackend}) and the lean one
 * ({@link ChatCompletionsBackend}), which must behave alike.
 */
class OpenAiCompatibleBackendTest {

    /** One live path of the protocol. */
    interface Path {
        ModelBackend make(String model, String apiKey, Duration timeout);
    }

    static Stream<Named<Path>> paths() {
        return Stream.of(Named.of("LangChain4j", OpenAiCompatibleBackend::new),
                Named.of("lean", ChatCompletionsBackend::new),
                Named.of("lean, sent without blocking", (m, k, t) -> new Sent(new ChatCompletionsBackend(m, k, t))));
    }

    /**
     * The lean backend's non-blocking path ({@link ModelBackend#send}, {@link SelectorHttpClient}) seen through
     * {@code call}, so that it meets the same tests; a gateway over it sends without blocking.
     */
    record Sent(ChatCompletionsBackend lean) implements ModelBackend {
        @Override
        public String provider() {
            return lean.provider();
        }

        @Override
        public String model() {
            return lean.model();
        }

        @Override
        public ModelResponse call(ModelRequest request, String baseUrl) throws ModelCallException {
            try {
                return send(request, baseUrl, Runnable::run).join();
            } catch (java.util.concurrent.CompletionException e) {
                throw (ModelCallException) e.getCause();
            }
        }

        @Override
        public boolean sendsWithoutBlocking(String baseUrl) {
            return lean.sendsWithoutBlocking(baseUrl);
        }

        @Override
        public java.util.concurrent.CompletableFuture<ModelResponse> send(ModelRequest request, String baseUrl,
                                                                        java.util.concurrent.Executor completions) {
            assertTrue(lean.sendsWithoutBlocking(baseUrl), baseUrl);
            return lean.send(request, baseUrl, completions);
        }

        @Override
        public void close() {
            lean.close();
        }
    }

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

    @ParameterizedTest
    @MethodSource("paths")
    void asksForTopLogprobsAndReadsTheFirstTokensAlternatives(Path path) throws Exception {
        server.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(ANSWER)));
        ModelResponse r = path.make("qwen", "secret-key", Duration.ofSeconds(5)).call(request(), base());
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

    @ParameterizedTest
    @MethodSource("paths")
    void serverErrorsAreRetryableAndABadKeyIsNot(Path path) {
        ModelBackend backend = path.make("qwen", "k", Duration.ofSeconds(5));
        server.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(503)
                .withBody("{\"error\":{\"message\":\"overloaded\"}}")));
        ModelCallException busy = assertThrows(ModelCallException.class, () -> backend.call(request(), base()));
        assertTrue(busy.retryable(), busy.getMessage());
        assertEquals("HTTP 503 from " + base() + ": overloaded", busy.getMessage());
        server.resetAll();
        server.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(401)
                .withBody("{\"error\":{\"message\":\"bad key\"}}")));
        ModelCallException denied = assertThrows(ModelCallException.class, () -> backend.call(request(), base()));
        assertFalse(denied.retryable(), denied.getMessage());
        assertEquals("HTTP 401 from " + base() + ": bad key", denied.getMessage());
        server.resetAll();
        server.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(404)
                .withBody("model 'qwen' not found")));
        assertEquals("HTTP 404 from " + base() + ": model 'qwen' not found",
                assertThrows(ModelCallException.class, () -> backend.call(request(), base())).getMessage());
    }

    @ParameterizedTest
    @MethodSource("paths")
    void aPortNothingListensOnIsNamedAsRefused(Path path) throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port + "/v1";
        ModelCallException refused = assertThrows(ModelCallException.class,
                () -> path.make("qwen", null, Duration.ofSeconds(5)).call(request(), url));
        assertEquals("connection refused at " + url + ": is the server running?", refused.getMessage());
        assertTrue(refused.retryable());
    }

    @ParameterizedTest
    @MethodSource("paths")
    void retryAfterOfA429ReachesTheGatewayAndTimeoutsAndDroppedConnectionsAreRetryable(Path path) {
        server.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "7").withBody("{\"error\":{\"message\":\"slow down\"}}")));
        ModelBackend backend = path.make("qwen", "k", Duration.ofMillis(500));
        ModelCallException limited = assertThrows(ModelCallException.class, () -> backend.call(request(), base()));
        assertTrue(limited.retryable());
        assertEquals(Duration.ofSeconds(7), limited.retryAfter());
        server.resetAll();
        server.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(200)
                .withFixedDelay(3000).withHeader("Content-Type", "application/json").withBody(ANSWER)));
        ModelCallException slow = assertThrows(ModelCallException.class, () -> backend.call(request(), base()));
        assertTrue(slow.retryable(), slow.getMessage());
        assertEquals("no answer from " + base() + " within 0.5 s (timeout-seconds)", slow.getMessage());
        server.resetAll();
        server.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse()
                .withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER)));
        ModelCallException dropped = assertThrows(ModelCallException.class, () -> backend.call(request(), base()));
        assertTrue(dropped.retryable(), dropped.getMessage());
        assertTrue(dropped.getMessage().startsWith("connection to " + base() + " failed: "), dropped.getMessage());
    }

    @Test
    void retryAfterIsReadAsSecondsOrAsAnHttpDate() {
        assertEquals(Duration.ofSeconds(3), StatusAwareHttpClient.retryAfter("3"));
        assertEquals(null, StatusAwareHttpClient.retryAfter("soon"));
        Duration d = StatusAwareHttpClient.retryAfter(java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
                .format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(30)));
        assertTrue(d.getSeconds() >= 28 && d.getSeconds() <= 30, d.toString());
    }

    @Test
    void ollamaChatIsCalledWithItsOwnProtocol() throws Exception {
        server.stubFor(post(urlEqualTo("/api/chat")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"model":"llama3","created_at":"2026-01-01T00:00:00Z","message":{"role":"assistant","content":"Answer: 4"},
                         "done":true,"prompt_eval_count":42,"eval_count":3}""")));
        ModelResponse r = new OllamaBackend("llama3", Duration.ofSeconds(5))
                .call(request(), "http://127.0.0.1:" + server.port());
        assertEquals("Answer: 4", r.text());
        assertTrue(r.firstTokenLogprobs().isEmpty());
        assertEquals(42, r.tokensIn());
        server.verify(postRequestedFor(urlEqualTo("/api/chat"))
                .withRequestBody(matchingJsonPath("$.model", com.github.tomakehurst.wiremock.client.WireMock.equalTo("llama3")))
                .withRequestBody(matchingJsonPath("$.messages[1].content",
                        com.github.tomakehurst.wiremock.client.WireMock.equalTo("Rate: rich"))));
    }

    @Test
    void anthropicMessagesAreCalledWithTheKeyHeader() throws Exception {
        server.stubFor(post(urlEqualTo("/v1/messages")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"id":"msg_1","type":"message","role":"assistant","model":"claude-x",
                         "content":[{"type":"text","text":"5"}],"stop_reason":"end_turn",
                         "usage":{"input_tokens":55,"output_tokens":1}}""")));
        ModelResponse r = new AnthropicBackend("claude-x", "anthropic-secret", Duration.ofSeconds(5))
                .call(request(), base() + "/");
        assertEquals("5", r.text());
        assertEquals(55, r.tokensIn());
        server.verify(postRequestedFor(urlEqualTo("/v1/messages"))
                .withHeader("x-api-key", com.github.tomakehurst.wiremock.client.WireMock.equalTo("anthropic-secret"))
                .withRequestBody(matchingJsonPath("$.system[0].text",
                        com.github.tomakehurst.wiremock.client.WireMock.equalTo("You greatly value power."))));
    }

    @ParameterizedTest
    @MethodSource("paths")
    void theGatewayRetriesAServerThatFailsTwiceThenAnswers(Path path) {
        String scenario = "flaky";
        server.stubFor(post(urlEqualTo("/v1/chat/completions")).inScenario(scenario)
                .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willReturn(aResponse().withStatus(500)).willSetStateTo("second"));
        server.stubFor(post(urlEqualTo("/v1/chat/completions")).inScenario(scenario).whenScenarioStateIs("second")
                .willReturn(aResponse().withStatus(429)).willSetStateTo("third"));
        server.stubFor(post(urlEqualTo("/v1/chat/completions")).inScenario(scenario).whenScenarioStateIs("third")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(ANSWER)));
        ModelGateway gateway = new ModelGateway(path.make("qwen", null, Duration.ofSeconds(5)),
                new GatewayConfig(List.of(base()), 2, 4, Duration.ofMillis(1), Duration.ofMillis(5), 5,
                        Duration.ofSeconds(1)), CallCache.NONE, ModelGateway.CacheMode.OFF);
        GatewayResult result = gateway.call(request()).join();
        assertTrue(result.ok(), result.failure());
        assertEquals(3, result.attempts());
        assertEquals(3, server.getAllServeEvents().size());
    }
}
