package org.valuesim.core.llm;

import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.chat.ChatModel;
import java.time.Duration;

/** Anthropic's Messages API. It returns no log-probabilities, so its answers are read from text or samples. */
public final class AnthropicBackend extends LangChain4jBackend {

    public AnthropicBackend(String model, String apiKey, Duration timeout) {
        super(model, apiKey, timeout);
    }

    @Override
    public String provider() {
        return "anthropic";
    }

    @Override
    protected ChatModel client(String baseUrl, Sampling s, HttpClientBuilder http) {
        return AnthropicChatModel.builder().httpClientBuilder(http).baseUrl(baseUrl).apiKey(apiKey).modelName(model)
                .temperature(s.temperature()).maxTokens(s.cap() == null ? Sampling.ANTHROPIC_NO_CAP : s.cap()).timeout(timeout).maxRetries(0).build();
    }
}
