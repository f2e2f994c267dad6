package org.valuesim.scenarios.scenario;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Where each key and value of a YAML or JSON document starts, by JSON pointer ("/population/preset",
 * "/instruments/0"), so that checks made after parsing can still name a line and column. It is recorded while
 * the document is parsed into its tree.
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

    /**
     * Parses a document into a tree, recording where each key and value starts on the way (one pass: parsing
     * is most of the cost of reading a file).
     *
     * @return the document's top value, or null when it holds none (only comments)
     */
    static Document parse(JsonFactory factory, Path file, String text) throws IOException {
        DocumentLocations locations = new DocumentLocations(new HashMap<>(), new HashMap<>(), new HashSet<>(), "");
        try (JsonParser parser = factory.createParser(text)) {
            if (parser.nextToken() == null) {
                return null;
            }
            JsonNode root = locations.read(parser);
            if (parser.nextToken() != null) {
                throw new JsonParseException(parser, "more than one document in the file (a second '---'?); a file "
                        + "holds one", parser.currentTokenLocation());
            }
            return new Document(file, root, locations);
        }
    }

    /** The value whose first token is the parser's current one, with everything in it. */
    private JsonNode read(JsonParser parser) throws IOException {
        String pointer = parser.getParsingContext().pathAsPointer().toString();
        JsonToken token = parser.currentToken();
        values.putIfAbsent(pointer, parser.currentTokenLocation());
        switch (token) {
            case START_OBJECT -> {
                containers.add(pointer);
                ObjectNode object = JsonNodeFactory.instance.objectNode();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    keys.putIfAbsent(parser.getParsingContext().pathAsPointer().toString(), parser.currentTokenLocation());
                    parser.nextToken();
                    object.set(name, read(parser));
                }
                return object;
            }
            case START_ARRAY -> {
                containers.add(pointer);
                ArrayNode array = JsonNodeFactory.instance.arrayNode();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(read(parser));
                }
                return array;
            }
            case VALUE_STRING -> {
                return TextNode.valueOf(parser.getText());
            }
            case VALUE_NUMBER_INT -> {
                return switch (parser.getNumberType()) {
                    case INT -> IntNode.valueOf(parser.getIntValue());
                    case LONG -> LongNode.valueOf(parser.getLongValue());
                    default -> BigIntegerNode.valueOf(parser.getBigIntegerValue());
                };
            }
            case VALUE_NUMBER_FLOAT -> {
                return DoubleNode.valueOf(parser.getDoubleValue());
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return BooleanNode.valueOf(token == JsonToken.VALUE_TRUE);
            }
            case VALUE_NULL -> {
                return NullNode.getInstance();
            }
            default -> {
                // YAML's binary and other embedded values: kept as their text, which binding then judges
                return TextNode.valueOf(parser.getText());
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
