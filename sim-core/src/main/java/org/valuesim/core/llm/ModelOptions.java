package org.valuesim.core.llm;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a model is asked beyond the sampling of each call.
 *
 * @param promptCache     Anthropic: mark the system block (the persona) cacheable with cache_control ephemeral
 * @param reasoningEffort passed to models that reason first (OpenAI reasoning_effort, Anthropic output_config.effort,
 *                        Ollama think); null to send nothing
 * @param reasoningTokens output tokens added to every call's limit for the model's thinking (0 for none); OpenAI
 *                        reasoning models then get max_completion_tokens, which covers reasoning, not max_tokens
 * @param sendTemperature false when the scenario sets no temperature for a reasoning model (o-series, GPT-5 and
 *                        adaptive-thinking Claude models refuse any but their default)
 */
public record ModelOptions(boolean promptCache, String reasoningEffort, int reasoningTokens, boolean sendTemperature) {

    public static final ModelOptions DEFAULT = new ModelOptions(true, null, 0, true);

    /** The options that change answers, for the cache key (empty for none, so keys stay those of earlier runs). */
    Map<String, Object> keyExtras() {
        Map<String, Object> extras = new LinkedHashMap<>();
        if (reasoningEffort != null) {
            extras.put("reasoning_effort", reasoningEffort);
        }
        if (reasoningTokens > 0) {
            extras.put("reasoning_tokens", reasoningTokens);
        }
        if (!sendTemperature) {
            extras.put("temperature", "provider default");
        }
        return extras;
    }

    /** A call's output-token limit with the thinking allowance; null for an uncapped call (none is sent). */
    Integer maxTokens(Sampling sampling) {
        return sampling.cap() == null ? null : sampling.cap() + reasoningTokens;
    }

    /** Anthropic requires a limit: an uncapped call gets {@link Sampling#ANTHROPIC_NO_CAP}. */
    int anthropicMaxTokens(Sampling sampling) {
        Integer cap = maxTokens(sampling);
        return cap == null ? Sampling.ANTHROPIC_NO_CAP : cap;
    }

    /** The temperature to send, or null to leave the provider's default. */
    Double temperature(Sampling sampling) {
        return sendTemperature ? sampling.temperature() : null;
    }
}
