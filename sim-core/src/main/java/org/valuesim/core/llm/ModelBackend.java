package org.valuesim.core.llm;

/** A model server protocol (OpenAI-compatible, Ollama, Anthropic). Calls block; the gateway bounds them. */
public interface ModelBackend {

    /** The provider name, part of the cache key. */
    String provider();

    /** The model name, part of the cache key. */
    String model();

    ModelResponse call(ModelRequest request, String baseUrl) throws ModelCallException;
}
