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
 * LangChain4j's own retries are off; the gateway retries.
 */
abstract class LangChain4jBackend implements ModelBackend {

    protected final String model;
    protected final String apiKey;
    protected final Duration timeout;
    private final Map<String, ChatModel> clients = new ConcurrentHashMap<>();

    LangChain4jBackend(String model, String apiKey, Duration timeout) {
        this.model = model;
        this.apiKey = apiKey;
        this.timeout = timeout;
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

    @Override
    public ModelResponse call(ModelRequest request, String baseUrl) throws ModelCallException {
        ChatModel client = clients.computeIfAbsent(baseUrl + "|" + request.sampling(), k -> client(baseUrl,
                request.sampling(), new StatusAwareHttpClient.Builder().connectTimeout(Duration.ofSeconds(10))
                        .readTimeout(timeout)));
        ChatResponse response;
        try {
            response = client.chat(messages(request));
        } catch (RuntimeException e) {
            throw failure(e);
        }
        var usage = response.tokenUsage();
        String text = response.aiMessage() == null ? null : response.aiMessage().text();
        return new ModelResponse(text == null ? "" : text, firstTokenLogprobs(response),
                usage == null || usage.inputTokenCount() == null ? 0 : usage.inputTokenCount(),
                usage == null || usage.outputTokenCount() == null ? 0 : usage.outputTokenCount());
    }

    /** 429 and 5xx, timeouts and dropped connections are retryable; bad keys, requests and models are not. */
    static ModelCallException failure(RuntimeException e) {
        StatusAwareHttpClient.StatusException status = null;
        HttpException http = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StatusAwareHttpClient.StatusException s && status == null) {
                status = s;
            }
            if (t instanceof HttpException h && http == null) {
                http = h;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        if (http != null) {
            int code = http.statusCode();
            boolean retryable = code == 408 || code == 429 || code >= 500;
            return new ModelCallException("HTTP " + code + ": " + shorten(http.getMessage()), retryable,
                    status == null ? null : status.retryAfter(), e);
        }
        boolean permanent = e instanceof AuthenticationException || e instanceof InvalidRequestException
                || e instanceof ModelNotFoundException;
        return new ModelCallException(e.getClass().getSimpleName() + ": " + shorten(String.valueOf(e.getMessage())),
                !permanent, null, e);
    }

    private static String shorten(String m) {
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
