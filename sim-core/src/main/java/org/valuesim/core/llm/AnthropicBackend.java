package org.valuesim.core.llm;

import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.anthropic.AnthropicTokenUsage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.time.Duration;
import java.util.Map;

/**
 * Anthropic's Messages API. It returns no log-probabilities, so its answers are read from text or samples. With
 * prompt caching the system block (the persona) carries {@code cache_control: {type: ephemeral}}; the usage's
 * cache writes and reads are read back. A reasoning effort goes as {@code output_config.effort}.
 */
public final class AnthropicBackend extends LangChain4jBackend {

    public AnthropicBackend(String model, String apiKey, Duration timeout) {
        this(model, apiKey, timeout, ModelOptions.DEFAULT);
    }

    public AnthropicBackend(String model, String apiKey, Duration timeout, ModelOptions options) {
        super(model, apiKey, timeout, options);
    }

    @Override
    public String provider() {
        return "anthropic";
    }

    @Override
    protected ChatModel client(String baseUrl, Sampling s, HttpClientBuilder http) {
        var b = AnthropicChatModel.builder().httpClientBuilder(http).baseUrl(baseUrl).apiKey(apiKey).modelName(model)
                .temperature(options.temperature(s)).maxTokens(options.anthropicMaxTokens(s)).timeout(timeout).maxRetries(0)
                .cacheSystemMessages(options.promptCache());
        if (options.reasoningEffort() != null) {
            b.customParameters(Map.of("output_config", Map.of("effort", options.reasoningEffort())));
        }
        return b.build();
    }

    @Override
    protected String stubResponseBody() {
        return "{\"id\":\"msg_codec\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"" + model + "\","
                + "\"content\":[{\"type\":\"text\",\"text\":\"\"}],\"stop_reason\":\"end_turn\","
                + "\"usage\":{\"input_tokens\":0,\"output_tokens\":0}}";
    }

    /** Anthropic's input_tokens leave out the cached and the written tokens; they are added here. */
    @Override
    protected long[] usage(ChatResponse response) {
        long[] usage = super.usage(response);
        if (response.tokenUsage() instanceof AnthropicTokenUsage cached) {
            long read = cached.cacheReadInputTokens() == null ? 0 : cached.cacheReadInputTokens();
            long written = cached.cacheCreationInputTokens() == null ? 0 : cached.cacheCreationInputTokens();
            usage[0] += read + written;
            usage[1] = read;
            usage[2] = written;
        }
        return usage;
    }
}
