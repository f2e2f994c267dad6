package org.valuesim.scenarios.scenario;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Checks a document's tree against the fields its records declare, before binding: first every unknown
 * field (where it stands, with the known ones listed), then empty list entries and missing required
 * fields. Binding alone would report a misspelt field as the missing one it was meant to be, at the end of
 * the block.
 */
final class DeclaredFields {

    private final FieldTypes types;
    private final Sources sources;

    DeclaredFields(FieldTypes types, Sources sources) {
        this.types = types;
        this.sources = sources;
    }

    void check(JsonNode root, JavaType type) throws InputException {
        unknown(root, type, "");
        empty(root, type, "");
    }

    private void unknown(JsonNode node, JavaType type, String pointer) throws InputException {
        if (type.isContainerType()) {
            for (var entry : entries(node, pointer).entrySet()) {
                unknown(entry.getValue(), type.getContentType(), entry.getKey());
            }
            return;
        }
        Map<String, BeanPropertyDefinition> declared = types.fields(type);
        if (declared == null || !node.isObject()) {
            return;
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String at = Pointers.child(pointer, field.getKey());
            BeanPropertyDefinition property = declared.get(field.getKey());
            if (property == null) {
                throw sources.keyError(at, "unknown field; expected one of: "
                        + String.join(", ", new TreeSet<>(declared.keySet())));
            }
            unknown(field.getValue(), property.getPrimaryType(), at);
        }
    }

    private void empty(JsonNode node, JavaType type, String pointer) throws InputException {
        if (type.isContainerType()) {
            for (var entry : entries(node, pointer).entrySet()) {
                if (entry.getValue().isNull()) {
                    throw sources.error(entry.getKey(), "an entry without a value; expected "
                            + Errors.typeName(type.getContentType()));
                }
                empty(entry.getValue(), type.getContentType(), entry.getKey());
            }
            return;
        }
        Map<String, BeanPropertyDefinition> declared = types.fields(type);
        if (declared == null || !node.isObject()) {
            return;
        }
        for (var property : declared.values()) {
            JsonNode value = node.get(property.getName());
            String at = Pointers.child(pointer, property.getName());
            if (property.isRequired() && (value == null || value.isNull())) {
                throw sources.missing(at);
            }
            if (value != null && value.isNull() && property.getPrimaryType().isPrimitive()) {
                throw sources.error(at, "expected " + Errors.typeName(property.getPrimaryType()) + ", got nothing");
            }
            if (value != null) {
                empty(value, property.getPrimaryType(), at);
            }
        }
    }

    /** A list's entries or a mapping's values by pointer, in document order; none for other nodes. */
    private static Map<String, JsonNode> entries(JsonNode node, String pointer) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                out.put(Pointers.child(pointer, i), node.get(i));
            }
        } else if (node.isObject()) {
            node.properties().forEach(f -> out.put(Pointers.child(pointer, f.getKey()), f.getValue()));
        }
        return out;
    }
}
