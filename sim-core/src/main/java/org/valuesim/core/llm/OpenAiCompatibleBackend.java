package org.valuesim.core.llm;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.LogProb;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiChatResponseMetadata;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * OpenAI-compatible chat completions through LangChain4j (vLLM, llama.cpp server, LM Studio, OpenAI):
 * asks for the first token's top log-probabilities when the sampling wants them. LangChain4j's own
 * retries are off; the gateway retries.
 */
public final class OpenAiCompatibleBackend implements ModelBackend {

    private final String model;
    private final String apiKey;
    private final Duration timeout;
    private final Map<String, OpenAiChatModel> clients = new ConcurrentHashMap<>();

    /**
     * @param apiKey the key (from the environment variable the scenario names), or null for servers that need none
     */
    public OpenAiCompatibleBackend(String model, String apiKey, Duration timeout) {
        this.model = model;
        this.apiKey = apiKey;
        this.timeout = timeout;
    }

    @Override
    public String provider() {
        return "openai-compatible";
    }

    @Override
    public String model() {
        return model;
    }

    @Override
    public ModelResponse call(ModelRequest request, String baseUrl) throws ModelCallException {
        Sampling s = request.sampling();
        OpenAiChatModel client = clients.computeIfAbsent(baseUrl + "|" + s, k -> {
            var b = OpenAiChatModel.builder().baseUrl(baseUrl).apiKey(apiKey == null ? "none" : apiKey)
                    .modelName(model).temperature(s.temperature()).maxTokens(s.maxTokens()).timeout(timeout)
                    .maxRetries(0);
            if (s.topLogprobs() > 0) {
                b.logprobs(true).topLogprobs(s.topLogprobs());
            }
            return b.build();
        });
        ChatResponse response;
        try {
            response = client.chat(messages(request));
        } catch (AuthenticationException | InvalidRequestException | ModelNotFoundException e) {
            throw new ModelCallException(describe(e), false, null, e);
        } catch (HttpException e) {
            int status = e.statusCode();
            throw new ModelCallException("HTTP " + status + ": " + describe(e), status == 429 || status >= 500, null, e);
        } catch (RuntimeException e) {
            // timeouts, 5xx, 429 and dropped connections surface as LangChain4j's retriable exceptions or raw I/O errors
            throw new ModelCallException(describe(e), true, null, e);
        }
        List<TokenLogprob> first = new ArrayList<>();
        if (response.metadata() instanceof OpenAiChatResponseMetadata meta && meta.logProbs() != null
                && !meta.logProbs().isEmpty()) {
            LogProb token = meta.logProbs().get(0);
            if (token.topLogprobs() != null) {
                for (LogProb alternative : token.topLogprobs()) {
                    first.add(new TokenLogprob(alternative.token(), alternative.logprob()));
                }
            }
        }
        var usage = response.tokenUsage();
        return new ModelResponse(response.aiMessage().text(), first,
                usage == null || usage.inputTokenCount() == null ? 0 : usage.inputTokenCount(),
                usage == null || usage.outputTokenCount() == null ? 0 : usage.outputTokenCount());
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

    private static String describe(Throwable e) {
        String m = String.valueOf(e.getMessage());
        return e.getClass().getSimpleName() + ": " + (m.length() > 300 ? m.substring(0, 300) + "..." : m);
    }
}
