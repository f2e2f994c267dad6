package org.valuesim.core.llm;

import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.LogProb;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiChatResponseMetadata;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * OpenAI-compatible chat completions (vLLM, llama.cpp server, LM Studio, OpenAI): asks for the first
 * token's top log-probabilities when the sampling wants them.
 */
public final class OpenAiCompatibleBackend extends LangChain4jBackend {

    /**
     * @param apiKey the key (from the environment variable the scenario names), or null for servers that need none
     */
    public OpenAiCompatibleBackend(String model, String apiKey, Duration timeout) {
        super(model, apiKey, timeout);
    }

    @Override
    public String provider() {
        return "openai-compatible";
    }

    @Override
    protected ChatModel client(String baseUrl, Sampling s, HttpClientBuilder http) {
        var b = OpenAiChatModel.builder().httpClientBuilder(http).baseUrl(baseUrl)
                .apiKey(apiKey == null ? "none" : apiKey).modelName(model).temperature(s.temperature())
                .maxTokens(s.cap()).timeout(timeout).maxRetries(0);
        if (s.topLogprobs() > 0) {
            b.logprobs(true).topLogprobs(s.topLogprobs());
        }
        return b.build();
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
