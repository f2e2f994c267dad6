package org.valuesim.core.llm;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the LangChain4j backends share: one client per endpoint and sampling, message conversion,
 * token usage, and the mapping of failures to retryable or not (with the server's Retry-After).
 * LangChain4j's own retries are off; the gateway retries. The same clients, over an HTTP client that sends
 * nothing, are the protocol's {@link WireCodec} for the batch APIs.
 */
abstract class LangChain4jBackend implements ModelBackend, WireCodec {

    /** The base URL codec clients are built with; nothing is sent to it. */
    private static final String CODEC_URL = "http://codec.invalid/v1/";

    protected final String model;
    protected final String apiKey;
    protected final Duration timeout;
    protected final ModelOptions options;
    private final Map<String, ChatModel> clients = new ConcurrentHashMap<>();
    private final Map<Sampling, ChatModel> codecs = new ConcurrentHashMap<>();

    LangChain4jBackend(String model, String apiKey, Duration timeout, ModelOptions options) {
        this.model = model;
        this.apiKey = apiKey;
        this.timeout = timeout;
        this.options = options;
    }

    @Override
    public Map<String, Object> keyExtras() {
        return options.keyExtras();
    }

    @Override
    public String model() {
        return model;
    }

    /** A client of this protocol for one endpoint and sampling. */
    protected abstract ChatModel client(String baseUrl, Sampling sampling, HttpClientBuilder http);

    /** The first output token's top alternatives, where the protocol gives them. */
    protected List<TokenLogprob> firstTokenLogprobs(ChatResponse response) {
        return List.of();
    }

    /** A minimal successful response body of the protocol (answered while a request body is captured). */
    protected abstract String stubResponseBody();

    /** The usage as every provider counts it: prompt tokens including cached ones, then cached, written, output. */
    protected long[] usage(ChatResponse response) {
        var usage = response.tokenUsage();
        return new long[] {usage == null || usage.inputTokenCount() == null ? 0 : usage.inputTokenCount(), 0, 0,
                usage == null || usage.outputTokenCount() == null ? 0 : usage.outputTokenCount()};
    }

    @Override
    public ModelResponse call(ModelRequest request, String baseUrl) throws ModelCallException {
        ChatModel client = clients.computeIfAbsent(baseUrl + "|" + request.sampling(), k -> client(baseUrl,
                request.sampling(), new StatusAwareHttpClient.Builder().connectTimeout(Duration.ofSeconds(10))
                        .readTimeout(timeout)));
        try {
            return toResponse(client.chat(messages(request)));
        } catch (RuntimeException e) {
            throw failure(e, baseUrl);
        }
    }

    private ModelResponse toResponse(ChatResponse response) {
        long[] usage = usage(response);
        String text = response.aiMessage() == null ? null : response.aiMessage().text();
        return new ModelResponse(text == null ? "" : text, firstTokenLogprobs(response), usage[0], usage[3], usage[1],
                usage[2]);
    }

    @Override
    public String requestBody(ModelRequest request) {
        CodecHttpClient.Exchange exchange = new CodecHttpClient.Exchange(stubResponseBody());
        viaCodec(request, exchange);
        return exchange.requestBody;
    }

    @Override
    public ModelResponse parse(ModelRequest request, String responseBody) throws ModelCallException {
        try {
            return toResponse(viaCodec(request, new CodecHttpClient.Exchange(responseBody)));
        } catch (RuntimeException e) {
            throw new ModelCallException("unreadable response: " + shorten(String.valueOf(e.getMessage())), false, null,
                    e);
        }
    }

    private ChatResponse viaCodec(ModelRequest request, CodecHttpClient.Exchange exchange) {
        CodecHttpClient.CURRENT.set(exchange);
        try {
            return codec(request.sampling()).chat(messages(request));
        } finally {
            CodecHttpClient.CURRENT.remove();
        }
    }

    private ChatModel codec(Sampling sampling) {
        return codecs.computeIfAbsent(sampling, s -> client(CODEC_URL, s, new CodecHttpClient.Builder()));
    }

    /**
     * 429 and 5xx, timeouts and dropped connections are retryable; bad keys, requests and models are not. The message
     * names the cause and the endpoint: connection refused, a timeout, or the HTTP status with the provider's message.
     */
    ModelCallException failure(RuntimeException e, String baseUrl) {
        StatusAwareHttpClient.StatusException status = null;
        HttpException http = null;
        java.io.IOException io = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StatusAwareHttpClient.StatusException s && status == null) {
                status = s;
            }
            if (t instanceof HttpException h && http == null) {
                http = h;
            }
            if (t instanceof java.io.IOException i && io == null) {
                io = i;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        if (http != null) {
            int code = http.statusCode();
            boolean retryable = code == 408 || code == 429 || code >= 500;
            return new ModelCallException("HTTP " + code + " from " + baseUrl + ": " + providerMessage(http.getMessage()),
                    retryable, status == null ? null : status.retryAfter(), e);
        }
        if (io != null) {
            return ioFailure(io, baseUrl, timeout, e);
        }
        boolean permanent = e instanceof AuthenticationException || e instanceof InvalidRequestException
                || e instanceof ModelNotFoundException;
        return new ModelCallException(e.getClass().getSimpleName() + ": " + shorten(String.valueOf(e.getMessage())),
                !permanent, null, e);
    }

    /**
     * A failure to connect or to read an answer: no connection within the connect timeout, no answer within the
     * timeout, an unknown host, a refused connection, or another broken connection; all but an unknown host retryable.
     */
    static ModelCallException ioFailure(java.io.IOException io, String baseUrl, Duration timeout, Throwable cause) {
        if (io instanceof java.net.http.HttpConnectTimeoutException) {
            return new ModelCallException("no connection to " + baseUrl + " within the connect timeout: is the host up?",
                    true, null, cause);
        }
        if (io instanceof java.net.http.HttpTimeoutException) {
            return new ModelCallException("no answer from " + baseUrl + " within " + seconds(timeout)
                    + " (timeout-seconds)", true, null, cause);
        }
        if (io instanceof java.net.UnknownHostException
                || io.getCause() instanceof java.nio.channels.UnresolvedAddressException) {
            return new ModelCallException("unknown host in " + baseUrl, false, null, cause);
        }
        if (io instanceof java.net.ConnectException) {
            String why = io.getMessage() == null || io.getMessage().toLowerCase(java.util.Locale.ROOT).contains("refused")
                    ? "connection refused at " + baseUrl : "cannot connect to " + baseUrl + " (" + io.getMessage() + ")";
            return new ModelCallException(why + ": is the server running?", true, null, cause);
        }
        return new ModelCallException("connection to " + baseUrl + " failed: " + io.getClass().getSimpleName()
                + (io.getMessage() == null ? "" : ": " + shorten(io.getMessage())), true, null, cause);
    }

    /**
     * What the provider said in an error body: OpenAI's and Anthropic's {@code error.message}, Ollama's {@code error},
     * else the body itself, shortened.
     */
    static String providerMessage(String body) {
        try {
            var tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
            var error = tree == null ? null : tree.path("error");
            if (error != null && error.path("message").isTextual()) {
                return shorten(error.path("message").asText());
            }
            if (error != null && error.isTextual()) {
                return shorten(error.asText());
            }
        } catch (java.io.IOException | RuntimeException notJson) {
            // a plain-text body: shown as it is
        }
        return shorten(body);
    }

    private static String seconds(Duration d) {
        return java.math.BigDecimal.valueOf(d.toMillis(), 3).stripTrailingZeros().toPlainString() + " s";
    }

    /** A message on one line, at most 300 characters and an ellipsis. */
    static String shorten(String m) {
        String one = m == null ? "" : m.replace('\n', ' ');
        return one.length() > 300 ? one.substring(0, 300) + "..." : one;
    }

    private static List<ChatMessage> messages(ModelRequest request) {
        List<ChatMessage> out = new ArrayList<>();
        for (Message m : request.messages()) {
            out.add(switch (m.role()) {
                case "system" -> SystemMessage.from(m.content());
                case "assistant" -> AiMessage.from(m.content());
                default -> UserMessage.from(m.content());
            });
        }
        return out;
    }
}
