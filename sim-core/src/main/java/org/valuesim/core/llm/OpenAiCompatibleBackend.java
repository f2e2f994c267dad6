package org.valuesim.core.llm;

import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.LogProb;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiChatResponseMetadata;
import dev.langchain4j.model.openai.OpenAiTokenUsage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * OpenAI-compatible chat completions (vLLM, llama.cpp server, LM Studio, OpenAI): asks for the first
 * token's top log-probabilities when the sampling wants them, reads usage.prompt_tokens_details.cached_tokens
 * (OpenAI's automatic prompt caching; vLLM reports it too when asked), and passes a reasoning effort as
 * {@code reasoning_effort}. Reasoning text (reasoning_content) is never part of the answer's text.
 */
public final class OpenAiCompatibleBackend extends LangChain4jBackend {

    /**
     * @param apiKey the key (from the environment variable the scenario names), or null for servers that need none
     */
    public OpenAiCompatibleBackend(String model, String apiKey, Duration timeout) {
        this(model, apiKey, timeout, ModelOptions.DEFAULT);
    }

    public OpenAiCompatibleBackend(String model, String apiKey, Duration timeout, ModelOptions options) {
        super(model, apiKey, timeout, options);
    }

    @Override
    public String provider() {
        return "openai-compatible";
    }

    @Override
    protected ChatModel client(String baseUrl, Sampling s, HttpClientBuilder http) {
        var b = OpenAiChatModel.builder().httpClientBuilder(http).baseUrl(baseUrl)
                .apiKey(apiKey == null ? "none" : apiKey).modelName(model).temperature(options.temperature(s))
                .timeout(timeout).maxRetries(0);
        if (options.reasoningEffort() != null) {
            b.maxCompletionTokens(options.maxTokens(s));
        } else {
            b.maxTokens(options.maxTokens(s));
        }
        if (s.topLogprobs() > 0) {
            b.logprobs(true).topLogprobs(s.topLogprobs());
        }
        if (options.reasoningEffort() != null) {
            b.reasoningEffort(options.reasoningEffort());
        }
        return b.build();
    }

    @Override
    protected String stubResponseBody() {
        return "{\"id\":\"codec\",\"object\":\"chat.completion\",\"created\":0,\"model\":\"" + model + "\","
                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"\"},"
                + "\"finish_reason\":\"stop\"}]}";
    }

    @Override
    protected long[] usage(ChatResponse response) {
        long[] usage = super.usage(response);
        if (response.tokenUsage() instanceof OpenAiTokenUsage details && details.inputTokensDetails() != null
                && details.inputTokensDetails().cachedTokens() != null) {
            usage[1] = details.inputTokensDetails().cachedTokens();
        }
        return usage;
    }

    @Override
    protected List<TokenLogprob> firstTokenLogprobs(ChatResponse response) {
        List<TokenLogprob> first = new ArrayList<>();
        if (response.metadata() instanceof OpenAiChatResponseMetadata meta && meta.logProbs() != null
                && !meta.logProbs().isEmpty() && meta.logProbs().get(0).topLogprobs() != null) {
            for (LogProb alternative : meta.logProbs().get(0).topLogprobs()) {
                first.add(new TokenLogprob(alternative.token(), alternative.logprob()));
            }
        }
        return first;
    }
}
