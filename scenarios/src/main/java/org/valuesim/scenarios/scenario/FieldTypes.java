package org.valuesim.scenarios.scenario;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The fields each record of a file can be read with, as the reading mapper sees them (kebab-case names). */
final class FieldTypes {

    private final DeserializationConfig config;
    private final Map<JavaType, Map<String, BeanPropertyDefinition>> fields = new ConcurrentHashMap<>();

    FieldTypes(DeserializationConfig config) {
        this.config = config;
    }

    JavaType type(Class<?> type) {
        return config.constructType(type);
    }

    /** A record's or bean's readable fields by name, in declaration order; null for scalars, containers, trees. */
    Map<String, BeanPropertyDefinition> fields(JavaType type) {
        Class<?> raw = type.getRawClass();
        if (type.isContainerType() || raw.isPrimitive() || raw.isEnum() || raw.getName().startsWith("java.")
                || JsonNode.class.isAssignableFrom(raw)) {
            return null;
        }
        return fields.computeIfAbsent(type, t -> {
            BeanDescription description = config.introspect(t);
            Map<String, BeanPropertyDefinition> byName = new LinkedHashMap<>();
            for (BeanPropertyDefinition p : description.findProperties()) {
                if (p.couldDeserialize()) {
                    byName.put(p.getName(), p);
                }
            }
            return byName;
        });
    }

    /** The type of a field or entry of a value of {@code type}, or null when unknown. */
    JavaType child(JavaType type, String segment) {
        if (type == null) {
            return null;
        }
        if (type.isContainerType()) {
            return type.getContentType();
        }
        Map<String, BeanPropertyDefinition> declared = fields(type);
        BeanPropertyDefinition property = declared == null ? null : declared.get(segment);
        return property == null ? null : property.getPrimaryType();
    }
}
