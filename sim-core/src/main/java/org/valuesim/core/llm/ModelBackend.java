package org.valuesim.core.llm;

/** A model server protocol (OpenAI-compatible, Ollama, Anthropic). Calls block; the gateway bounds them. */
public interface ModelBackend {

    /** The provider name, part of the cache key. */
    String provider();

    /**
     * Settings beyond the model name that change its answers (reasoning effort), part of the cache key; empty for
     * none, so that keys stay those of earlier runs.
     */
    default java.util.Map<String, Object> keyExtras() {
        return java.util.Map.of();
    }

    /** The model name, part of the cache key. */
    String model();

    ModelResponse call(ModelRequest request, String baseUrl) throws ModelCallException;
}
