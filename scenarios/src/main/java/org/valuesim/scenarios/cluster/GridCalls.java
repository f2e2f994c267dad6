package org.valuesim.scenarios.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import org.valuesim.core.llm.ModelResponse;

/**
 * The cluster's model-call cache: one partitioned map from the existing SHA-256 cache key to the call's response
 * (with provider and model, so a member can keep it in its own SQLite file), as JSON.
 */
final class GridCalls {

    /** The map's name in the cluster. */
    static final String MAP = "valuesim-calls";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One cached call as the map holds it. */
    record Entry(String provider, String model, ModelResponse response) {
    }

    private GridCalls() {
    }

    static String write(Entry entry) {
        try {
            return JSON.writeValueAsString(entry);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Entry read(String json) {
        try {
            return JSON.readValue(json, Entry.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
