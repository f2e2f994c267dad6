package org.valuesim.core.llm;

import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import java.time.Duration;

/** Ollama's chat API. It returns no log-probabilities, so its answers are read from text or samples. */
public final class OllamaBackend extends LangChain4jBackend {

    public OllamaBackend(String model, Duration timeout) {
        super(model, null, timeout);
    }

    @Override
    public String provider() {
        return "ollama";
    }

    @Override
    protected ChatModel client(String baseUrl, Sampling s, HttpClientBuilder http) {
        return OllamaChatModel.builder().httpClientBuilder(http).baseUrl(baseUrl).modelName(model)
                .temperature(s.temperature()).numPredict(s.cap()).timeout(timeout).maxRetries(0).build();
    }
}
