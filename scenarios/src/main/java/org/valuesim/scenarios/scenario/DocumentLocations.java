package org.valuesim.scenarios.scenario;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Where each key and value of a YAML or JSON document starts, by JSON pointer ("/population/preset",
 * "/instruments/0"), so that checks made after parsing can still name a line and column.
 */
public final class DocumentLocations {

    private final Map<String, JsonLocation> values;
    private final Map<String, JsonLocation> keys;
    /** Pointers of mappings and lists, which an error is best shown at the key of. */
    private final Set<String> containers;
    /** Where this document lies in the file's (empty for the whole file). */
    private final String base;

    private DocumentLocations(Map<String, JsonLocation> values, Map<String, JsonLocation> keys, Set<String> containers,
                              String base) {
        this.values = values;
        this.keys = keys;
        this.containers = containers;
        this.base = base;
    }

    /** Indexes a document that {@code factory} parses without error. */
    DocumentLocations(JsonFactory factory, String text) throws IOException {
        this(new HashMap<>(), new HashMap<>(), new HashSet<>(), "");
        try (JsonParser parser = factory.createParser(text)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                String pointer = parser.getParsingContext().pathAsPointer().toString();
                if (token == JsonToken.FIELD_NAME) {
                    keys.putIfAbsent(pointer, parser.currentTokenLocation());
                } else if (token != JsonToken.END_OBJECT && token != JsonToken.END_ARRAY) {
                    values.putIfAbsent(pointer, parser.currentTokenLocation());
                    if (token.isStructStart()) {
                        containers.add(pointer);
                    }
                }
            }
        }
    }

    /** The locations of the value at {@code pointer} as a document of its own (a scenario written in a study file). */
    public DocumentLocations under(String pointer) {
        return new DocumentLocations(values, keys, containers, base + pointer);
    }

    /** The location of the key of the field at the pointer ("/population/sise"), or null. */
    public JsonLocation key(String pointer) {
        return keys.get(base + pointer);
    }

    /** The location of the value at the pointer, or of its nearest present parent (null for none). */
    public JsonLocation find(String pointer) {
        String p = base + pointer;
        while (true) {
            JsonLocation at = values.get(p);
            if (at != null || p.isEmpty()) {
                return at;
            }
            p = Pointers.parent(p);
        }
    }

    /** The key of the field at the pointer, else where its value starts, else its nearest present parent. */
    public JsonLocation keyOrValue(String pointer) {
        JsonLocation key = key(pointer);
        return key != null ? key : find(pointer);
    }

    /**
     * Where an error about the value at the pointer is shown: a scalar where it stands, a mapping or list at its
     * key (a block mapping starts on the line below its key), else the nearest present parent.
     */
    public JsonLocation of(String pointer) {
        return containers.contains(base + pointer) ? keyOrValue(pointer) : find(pointer);
    }
}
