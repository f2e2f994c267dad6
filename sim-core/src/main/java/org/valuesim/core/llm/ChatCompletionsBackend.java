package org.valuesim.core.llm;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * The live path of {@code openai-compatible} models: OpenAI chat completions written and read with Jackson's
 * streaming generator and parser, sent with {@link SelectorHttpClient} over plain {@code http} when the gateway sends
 * without blocking, else with {@link Http1Client}. It sends the fields {@link OpenAiCompatibleBackend}
 * (LangChain4j) sends, in its order, and reads a response into the same {@link ModelResponse}; the two are tested
 * against the same stand-ins. It exists because LangChain4j's path over the JDK HTTP client cost the gateway 0.6
 * to 0.7 ms of CPU per call where this one costs about 0.15 ms (BENCHMARKS.md, "Model gateway"), which made the
 * client, not the model server, the limit of a run. The batch APIs still carry LangChain4j's bodies: {@link WireCodec} is delegated to it.
 */
public final class ChatCompletionsBackend implements ModelBackend, WireCodec {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFactory FACTORY = JSON.getFactory();

    private final String model;
    private final Map<String, String> headers;
    private final Duration timeout;
    private final ModelOptions options;
    private final OpenAiCompatibleBackend codec;
    private final Http1Client http;
    private final SelectorHttpClient selectorHttp;
    /** Per base URL, its chat completions endpoint: the head of its requests is made once. */
    private final Map<String, Http1Client.Endpoint> endpoints = new ConcurrentHashMap<>();
    private final Map<String, SelectorHttpClient.Endpoint> plainEndpoints = new ConcurrentHashMap<>();

    /**
     * @param apiKey the key (from the environment variable the scenario names), or null for servers that need none
     */
    public ChatCompletionsBackend(String model, String apiKey, Duration timeout, ModelOptions options) {
        this.model = model;
        this.headers = Map.of("Authorization", "Bearer " + (apiKey == null ? "none" : apiKey),
                "Content-Type", "application/json", "Accept", "application/json", "User-Agent", "valuesim");
        this.timeout = timeout;
        this.options = options;
        this.codec = new OpenAiCompatibleBackend(model, apiKey, timeout, options);
        this.http = new Http1Client(Duration.ofSeconds(10), timeout);
        this.selectorHttp = new SelectorHttpClient(Duration.ofSeconds(10), timeout);
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
        Http1Client.Endpoint endpoint = endpoints.get(baseUrl);
        if (endpoint == null) {
            endpoint = endpoints.computeIfAbsent(baseUrl, url -> http.endpoint(chatCompletions(url), headers));
        }
        Http1Client.Response response;
        try {
            response = http.post(endpoint, body(request));
        } catch (IOException e) {
            throw LangChain4jBackend.ioFailure(e, baseUrl, timeout, e);
        }
        return answer(response, baseUrl);
    }

    /** Plain {@code http}: {@link SelectorHttpClient}; {@code https} stays blocking. */
    @Override
    public boolean sendsWithoutBlocking(String baseUrl) {
        return baseUrl.regionMatches(true, 0, "http:", 0, 5);
    }

    @Override
    public CompletableFuture<ModelResponse> send(ModelRequest request, String baseUrl, Executor completions) {
        SelectorHttpClient.Endpoint endpoint = plainEndpoints.get(baseUrl);
        if (endpoint == null) {
            endpoint = plainEndpoints.computeIfAbsent(baseUrl, url -> selectorHttp.endpoint(chatCompletions(url),
                    headers));
        }
        return selectorHttp.post(endpoint, body(request)).handleAsync((response, failure) -> {
            try {
                if (failure != null) {
                    throw LangChain4jBackend.ioFailure(failure instanceof IOException io ? io
                            : new IOException(failure), baseUrl, timeout, failure);
                }
                return answer(response, baseUrl);
            } catch (ModelCallException e) {
                throw new CompletionException(e);
            }
        }, completions);
    }

    /** A response's answer; an error status is the exception a call throws. */
    private ModelResponse answer(Http1Client.Response response, String baseUrl) throws ModelCallException {
        if (response.status() < 200 || response.status() >= 300) {
            int code = response.status();
            throw new ModelCallException("HTTP " + code + " from " + baseUrl + ": "
                    + LangChain4jBackend.providerMessage(response.body()), code == 408 || code == 429 || code >= 500,
                    StatusAwareHttpClient.retryAfter(response.retryAfter()), null);
        }
        return read(response.body());
    }

    private static URI chatCompletions(String baseUrl) {
        return URI.create((baseUrl.endsWith("/") ? baseUrl : baseUrl + "/") + "chat/completions");
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
     * It streams over the body, reading the few values it needs as the tree would give them (a later duplicate key
     * wins) and skipping the rest: building the whole tree cost more CPU per call, and more still to compile
     * (BENCHMARKS.md, "The whole client process").
     */
    static ModelResponse read(String body) throws ModelCallException {
        Completion completion = new Completion();
        boolean object;
        try (JsonParser p = FACTORY.createParser(body)) {
            object = p.nextToken() == JsonToken.START_OBJECT;
            if (object) {
                completion.fields(p, JsonToken.START_OBJECT, Completion::root);
            }
        } catch (IOException e) {
            throw unreadable(body, e);
        }
        if (!object || !completion.choice) {
            throw unreadable(body, null);
        }
        return new ModelResponse(completion.text, completion.first, completion.promptTokens,
                completion.completionTokens, completion.cachedTokens, 0);
    }

    /** The values {@link #read} takes from a completion, filled while its parser passes them. */
    private static final class Completion {
        boolean choice;
        String text = "";
        List<TokenLogprob> first = List.of();
        long promptTokens;
        long completionTokens;
        long cachedTokens;
        /** The top alternative being read: its token and logprob as the tree would hold them. */
        JsonNode token;
        JsonNode logprob;

        /**
         * Reads one field of an object, the parser on its value, which it reads or skips; a method of this class,
         * referenced unbound, so that handing one over allocates nothing.
         */
        @FunctionalInterface
        private interface Field {
            void read(Completion completion, JsonParser p, String name, JsonToken value) throws IOException;
        }

        /** Hands each field of the object starting at {@code value} to {@code field}; any other value is skipped. */
        void fields(JsonParser p, JsonToken value, Field field) throws IOException {
            if (value != JsonToken.START_OBJECT) {
                p.skipChildren();
                return;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                field.read(this, p, name, p.nextToken());
            }
        }

        /**
         * Reads the fields of the array's first element when that is an object (then true) and skips the rest of the
         * array; a value that is not an array is skipped.
         */
        boolean firstElement(JsonParser p, JsonToken value, Field field) throws IOException {
            if (value != JsonToken.START_ARRAY) {
                p.skipChildren();
                return false;
            }
            boolean object = p.nextToken() == JsonToken.START_OBJECT;
            if (object) {
                fields(p, JsonToken.START_OBJECT, field);
            }
            skipRest(p);
            return object;
        }

        /** The root object's fields: choices[0] and usage. */
        private void root(JsonParser p, String name, JsonToken value) throws IOException {
            switch (name) {
                case "choices" -> {
                    text = "";
                    first = List.of();
                    choice = firstElement(p, value, Completion::choice);
                }
                case "usage" -> {
                    promptTokens = 0;
                    completionTokens = 0;
                    cachedTokens = 0;
                    fields(p, value, Completion::usage);
                }
                default -> p.skipChildren();
            }
        }

        /** The first choice: message.content and logprobs.content[0].top_logprobs. */
        private void choice(JsonParser p, String name, JsonToken value) throws IOException {
            switch (name) {
                case "message" -> {
                    text = "";
                    fields(p, value, Completion::message);
                }
                case "logprobs" -> {
                    first = List.of();
                    fields(p, value, Completion::logprobs);
                }
                default -> p.skipChildren();
            }
        }

        private void message(JsonParser p, String name, JsonToken value) throws IOException {
            if (name.equals("content")) {
                text = value == JsonToken.VALUE_STRING ? p.getText() : "";
            }
            p.skipChildren();
        }

        private void logprobs(JsonParser p, String name, JsonToken value) throws IOException {
            if (name.equals("content")) {
                first = List.of();
                firstElement(p, value, Completion::firstToken);
            } else {
                p.skipChildren();
            }
        }

        /** The first output token's top_logprobs: every element of the array (every value of an object). */
        private void firstToken(JsonParser p, String name, JsonToken value) throws IOException {
            if (!name.equals("top_logprobs")) {
                p.skipChildren();
                return;
            }
            List<TokenLogprob> alternatives = new ArrayList<>(8);
            JsonToken end = value == JsonToken.START_ARRAY ? JsonToken.END_ARRAY : JsonToken.END_OBJECT;
            if (value == JsonToken.START_ARRAY || value == JsonToken.START_OBJECT) {
                for (JsonToken t = p.nextToken(); t != end && t != null; t = p.nextToken()) {
                    if (t == JsonToken.FIELD_NAME) {
                        t = p.nextToken();
                    }
                    // as the tree reads it: path("token").asText(null), path("logprob").asDouble()
                    token = MissingNode.getInstance();
                    logprob = MissingNode.getInstance();
                    fields(p, t, Completion::alternative);
                    alternatives.add(new TokenLogprob(token.asText(null), logprob.asDouble()));
                }
            }
            first = alternatives;
        }

        private void alternative(JsonParser p, String name, JsonToken value) throws IOException {
            switch (name) {
                case "token" -> token = leaf(p);
                case "logprob" -> logprob = leaf(p);
                default -> p.skipChildren();
            }
        }

        private void usage(JsonParser p, String name, JsonToken value) throws IOException {
            switch (name) {
                case "prompt_tokens" -> promptTokens = leaf(p).asLong(0);
                case "completion_tokens" -> completionTokens = leaf(p).asLong(0);
                case "prompt_tokens_details" -> {
                    cachedTokens = 0;
                    fields(p, value, Completion::details);
                }
                default -> p.skipChildren();
            }
        }

        private void details(JsonParser p, String name, JsonToken value) throws IOException {
            if (name.equals("cached_tokens")) {
                cachedTokens = leaf(p).asLong(0);
            } else {
                p.skipChildren();
            }
        }

        /** Skips the rest of the array the parser is in, after the element it is on (or at its end, if empty). */
        private static void skipRest(JsonParser p) throws IOException {
            if (p.currentToken() == JsonToken.END_ARRAY) {
                return;
            }
            p.skipChildren();
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY && t != null; t = p.nextToken()) {
                p.skipChildren();
            }
        }

        /** The value the parser is on as the tree holds it; a container (rare here) is read as a tree. */
        private static JsonNode leaf(JsonParser p) throws IOException {
            return switch (p.currentToken()) {
                case VALUE_STRING -> TextNode.valueOf(p.getText());
                case VALUE_NUMBER_INT -> switch (p.getNumberType()) {
                    case INT -> IntNode.valueOf(p.getIntValue());
                    case LONG -> LongNode.valueOf(p.getLongValue());
                    default -> BigIntegerNode.valueOf(p.getBigIntegerValue());
                };
                case VALUE_NUMBER_FLOAT -> DoubleNode.valueOf(p.getDoubleValue());
                case VALUE_TRUE -> BooleanNode.TRUE;
                case VALUE_FALSE -> BooleanNode.FALSE;
                case VALUE_NULL -> NullNode.getInstance();
                default -> JSON.readTree(p);
            };
        }
    }

    /** A body that is not a chat completion (retryable). */
    private static ModelCallException unreadable(String body, Exception cause) {
        return new ModelCallException("unreadable response: " + LangChain4jBackend.shorten(body), true, null, cause);
    }

    /** Closes the pooled connections: a study runs many gateways in one process. */
    @Override
    public void close() {
        http.close();
        selectorHttp.close();
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
