package org.valuesim.scenarios.scenario;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each value of a YAML document starts, by JSON pointer ("/population/preset",
 * "/instruments/0"), so that checks made after parsing can still name a line and column.
 */
public final class YamlLocations {

    private final Map<String, JsonLocation> byPointer = new HashMap<>();
    private final Map<String, JsonLocation> keys = new HashMap<>();

    public YamlLocations(String text) throws IOException {
        try (JsonParser parser = new YAMLFactory().createParser(text)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.FIELD_NAME) {
                    keys.putIfAbsent(parser.getParsingContext().pathAsPointer().toString(), parser.currentTokenLocation());
                    continue;
                }
                if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    continue;
                }
                byPointer.putIfAbsent(parser.getParsingContext().pathAsPointer().toString(), parser.currentTokenLocation());
            }
        }
    }

    /** The location of the key of the field at the pointer ("/population/sise"), or null. */
    public JsonLocation key(String pointer) {
        return keys.get(pointer);
    }

    /** The location of the value at the pointer, or of its nearest present parent. */
    public JsonLocation find(String pointer) {
        String p = pointer;
        while (true) {
            JsonLocation at = byPointer.get(p);
            if (at != null || p.isEmpty()) {
                return at;
            }
            p = p.substring(0, Math.max(0, p.lastIndexOf('/')));
        }
    }
}
