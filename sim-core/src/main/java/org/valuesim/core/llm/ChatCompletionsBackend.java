package org.valuesim.core.llm;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live path of {@code openai-compatible} models: OpenAI chat completions written and read with Jackson's
 * streaming generator and tree, sent with {@link Http1Client}. It sends the fields {@link OpenAiCompatibleBackend}
 * (LangChain4j) sends, in its order, and reads a response into the same {@link ModelResponse}; the two are tested
 * against the same stand-ins. It exists because LangChain4j's path over the JDK HTTP client cost the gateway 0.6
 * to 0.7 ms of CPU per call where this one costs about 0.15 ms (BENCHMARKS.md, "Model gateway"), which made the
 * client, not the model server, the limit of a run. The batch APIs still carry LangChain4j's bodies: {@link WireCodec} is delegated to it.
 */
public final class ChatCompletionsBackend implements ModelBackend, WireCodec, AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFactory FACTORY = JSON.getFactory();

    private final String model;
    private final String authorization;
    private final Duration timeout;
    private final ModelOptions options;
    private final OpenAiCompatibleBackend codec;
    private final Http1Client http;
    private final Map<String, URI> endpoints = new ConcurrentHashMap<>();

    /**
     * @param apiKey the key (from the environment variable the scenario names), or null for servers that need none
     */
    public ChatCompletionsBackend(String model, String apiKey, Duration timeout, ModelOptions options) {
        this.model = model;
        this.authorization = "Bearer " + (apiKey == null ? "none" : apiKey);
        this.timeout = timeout;
        this.options = options;
        this.codec = new OpenAiCompatibleBackend(model, apiKey, timeout, options);
        this.http = new Http1Client(Duration.ofSeconds(10), timeout);
    }

    public ChatCompletionsBackend(String model, String apiKey, Duration timeout) {
        this(model, apiKey, timeout, ModelOptions.DEFAULT);
    }

    @Override
    public String provider() {
        return codec.provider();
    }

    @Override
    public Map<String, Object> keyExtras() {
        return codec.keyExtras();
    }

    @Override
    public String model() {
        return model;
    }

    @Override
    public ModelResponse call(ModelRequest request, String baseUrl) throws ModelCallException {
        URI endpoint = endpoints.computeIfAbsent(baseUrl, b -> URI.create((b.endsWith("/") ? b : b + "/")
                + "chat/completions"));
        Http1Client.Response response;
        try {
            response = http.post(endpoint, Map.of("Authorization", authorization, "Content-Type", "application/json",
                    "Accept", "application/json", "User-Agent", "valuesim"), body(request));
        } catch (IOException e) {
            throw LangChain4jBackend.ioFailure(e, baseUrl, timeout, e);
        }
        if (response.status() < 200 || response.status() >= 300) {
            int code = response.status();
            throw new ModelCallException("HTTP " + code + " from " + baseUrl + ": "
                    + LangChain4jBackend.providerMessage(response.body()), code == 408 || code == 429 || code >= 500,
                    StatusAwareHttpClient.retryAfter(response.retryAfter()), null);
        }
        return read(response.body(), true);
    }

    /** The request body: LangChain4j's fields in its order, compact. */
    byte[] body(ModelRequest request) {
        Sampling s = request.sampling();
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("model", model);
            g.writeArrayFieldStart("messages");
            for (Message m : request.messages()) {
                g.writeStartObject();
                g.writeStringField("role", switch (m.role()) {
                    case "system" -> "system";
                    case "assistant" -> "assistant";
                    default -> "user";
                });
                g.writeStringField("content", m.content());
                g.writeEndObject();
            }
            g.writeEndArray();
            Double temperature = options.temperature(s);
            if (temperature != null) {
                g.writeNumberField("temperature", temperature);
            }
            g.writeBooleanField("stream", false);
            Integer cap = options.maxTokens(s);
            if (cap != null) {
                g.writeNumberField(options.reasoningEffort() != null ? "max_completion_tokens" : "max_tokens", cap);
            }
            if (options.reasoningEffort() != null) {
                g.writeStringField("reasoning_effort", options.reasoningEffort());
            }
            if (s.topLogprobs() > 0) {
                g.writeBooleanField("logprobs", true);
                g.writeNumberField("top_logprobs", s.topLogprobs());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * Reads a chat completion as LangChain4j does: the first choice's message content ("" when absent; reasoning
     * text is never part of it), the first output token's top log-probabilities, and the usage with cached tokens.
     */
    static ModelResponse read(String body, boolean live) throws ModelCallException {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw unreadable(body, live, e);
        }
        JsonNode choice = root == null ? null : root.path("choices").path(0);
        if (choice == null || !choice.isObject()) {
            throw unreadable(body, live, null);
        }
        JsonNode content = choice.path("message").path("content");
        String text = content.isTextual() ? content.asText() : "";
        List<TokenLogprob> first = new ArrayList<>();
        JsonNode top = choice.path("logprobs").path("content").path(0).path("top_logprobs");
        for (JsonNode alternative : top) {
            first.add(new TokenLogprob(alternative.path("token").asText(null), alternative.path("logprob").asDouble()));
        }
        JsonNode usage = root.path("usage");
        return new ModelResponse(text, first, usage.path("prompt_tokens").asLong(0),
                usage.path("completion_tokens").asLong(0),
                usage.path("prompt_tokens_details").path("cached_tokens").asLong(0), 0);
    }

    private static ModelCallException unreadable(String body, boolean live, Exception cause) {
        String shown = body == null ? "" : body.replace('\n', ' ');
        return new ModelCallException("unreadable response: " + (shown.length() > 300 ? shown.substring(0, 300) + "..."
                : shown), live, null, cause);
    }

    /** Closes the pooled connections: a study runs many gateways in one process. */
    @Override
    public void close() {
        http.close();
    }

    @Override
    public String requestBody(ModelRequest request) {
        return codec.requestBody(request);
    }

    @Override
    public ModelResponse parse(ModelRequest request, String responseBody) throws ModelCallException {
        return codec.parse(request, responseBody);
    }
}
