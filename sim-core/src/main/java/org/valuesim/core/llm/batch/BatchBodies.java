package org.valuesim.core.llm.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Request bodies as batch lines carry them: compact JSON, without the live call's {@code stream: false}. */
final class BatchBodies {

    private static final ObjectMapper JSON = new ObjectMapper();

    private BatchBodies() {
    }

    /** The body as a JSON object, without its stream flag (a batch never streams; Anthropic's takes none). */
    static JsonNode withoutStream(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node instanceof ObjectNode object) {
                object.remove("stream");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The node as one compact line, with its newline. */
    static byte[] jsonLine(JsonNode node) {
        try {
            return (JSON.writeValueAsString(node) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
