package org.valuesim.core.llm;

import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import java.time.Duration;

/**
 * Ollama's chat API. It returns no log-probabilities, so its answers are read from text or samples. A reasoning
 * effort turns thinking on ({@code think: true}), or off for {@code none}: Ollama's client takes no effort levels.
 */
public final class OllamaBackend extends LangChain4jBackend {

    public OllamaBackend(String model, Duration timeout) {
        this(model, timeout, ModelOptions.DEFAULT);
    }

    public OllamaBackend(String model, Duration timeout, ModelOptions options) {
        super(model, null, timeout, options);
    }

    @Override
    public String provider() {
        return "ollama";
    }

    @Override
    protected ChatModel client(String baseUrl, Sampling s, HttpClientBuilder http) {
        var b = OllamaChatModel.builder().httpClientBuilder(http).baseUrl(baseUrl).modelName(model)
                .temperature(options.temperature(s)).numPredict(options.maxTokens(s)).timeout(timeout).maxRetries(0);
        if (options.reasoningEffort() != null) {
            b.think(!"none".equals(options.reasoningEffort()));
        }
        return b.build();
    }

    @Override
    protected String stubResponseBody() {
        return "{\"model\":\"" + model + "\",\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done\":true}";
    }
}
