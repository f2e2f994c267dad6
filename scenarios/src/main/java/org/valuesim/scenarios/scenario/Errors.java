package org.valuesim.scenarios.scenario;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.type.TypeFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.TreeSet;
import org.valuesim.core.files.InvalidFieldException;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Turns what Jackson and SnakeYAML throw about an input file into one line in words users know:
 * {@code file:line:column: field.path: what was expected}. Used for scenarios, instruments, codebooks and
 * presets alike.
 */
final class Errors {

    private Errors() {
    }

    /** One line for a file that is not well-formed YAML or JSON (located where the parser stopped). */
    static String syntax(Path file, JsonProcessingException e, String format) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
                Mark at = yaml.getProblemMark();
                String where = file + ":" + (at.getLine() + 1) + ":" + (at.getColumn() + 1) + ": ";
                String problem = firstLine(yaml.getProblem());
                if (problem.contains("\\t") || problem.contains("TAB")) {
                    return where + "a tab character; YAML indentation cannot use tabs (use spaces)";
                }
                Mark context = yaml.getContextMark();
                return where + format + " syntax error: " + problem + (yaml.getContext() == null || context == null ? ""
                        : " (" + firstLine(yaml.getContext()) + " at " + (context.getLine() + 1) + ":"
                        + (context.getColumn() + 1) + ")");
            }
        }
        String message = firstLine(e.getOriginalMessage());
        if (message.startsWith("Duplicate field")) {
            return Sources.located(file, e.getLocation(), "", message.replace("Duplicate field", "the field")
                    .replaceFirst("'$", "' appears twice"));
        }
        return Sources.located(file, e.getLocation(), "", format + " syntax error: " + message);
    }

    /** One line for a parsed document that does not bind to its record, located by {@code sources}. */
    static InputException binding(JsonProcessingException e, Sources sources, JsonNode root) {
        if (e instanceof JsonMappingException m) {
            String pointer = Pointers.of(m.getPath());
            if (m instanceof UnrecognizedPropertyException u) {
                return sources.keyError(pointer, "unknown field; expected one of: " + names(u.getKnownPropertyIds()));
            }
            if (m instanceof ValueInstantiationException v) {
                Throwable cause = v.getCause() == null ? v : v.getCause();
                if (cause instanceof InvalidFieldException f) {
                    pointer += f.field();
                    if (f.isKey()) {
                        return sources.keyError(pointer, f.getMessage());
                    }
                    if (f.isMissing()) {
                        return sources.missing(pointer);
                    }
                }
                return sources.error(pointer, cause instanceof NullPointerException ? "an entry is missing a value"
                        : String.valueOf(cause.getMessage()));
            }
            if (m instanceof MismatchedInputException mi) {
                String original = firstLine(mi.getOriginalMessage());
                if (original.startsWith("Missing required creator property")) {
                    String field = original.replaceFirst("^[^']*'([^']*)'.*$", "$1");
                    return sources.missing(Pointers.child(pointer, field));
                }
                JavaType target = mi.getTargetType() == null ? null
                        : TypeFactory.defaultInstance().constructType(mi.getTargetType());
                return sources.error(pointer, "expected " + typeName(target) + ", got " + shown(root.at(pointer)));
            }
            if (m.getCause() instanceof JsonProcessingException inner && inner != m) {
                return binding(inner, sources, root);
            }
            return sources.error(pointer, firstLine(m.getOriginalMessage()));
        }
        if (e instanceof InputCoercionException c) {
            JsonParser parser = c.getProcessor();
            String pointer = parser == null ? "" : parser.getParsingContext().pathAsPointer().toString();
            return sources.error(pointer, "number out of range: " + shown(root.at(pointer)) + " (expected "
                    + typeName(TypeFactory.defaultInstance()
                    .constructType(c.getTargetType())) + ")");
        }
        return sources.error("", firstLine(e.getOriginalMessage()));
    }

    /** What a value in the tree is, as a reader calls it: 'text', 12, a list, a mapping, nothing. */
    static String shown(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return "nothing";
        }
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isTextual()) {
            String text = node.asText();
            return "'" + (text.length() > 60 ? text.substring(0, 57) + "..." : text) + "'";
        }
        return node.asText();
    }

    /** A reader's word for a Java target type. */
    static String typeName(JavaType type) {
        if (type == null) {
            return "a different value";
        }
        Class<?> raw = type.getRawClass();
        if (raw.isEnum()) {
            return "one of " + String.join(", ", Arrays.stream(raw.getFields()).filter(f -> f.isEnumConstant())
                    .map(f -> {
                        JsonProperty p = f.getAnnotation(JsonProperty.class);
                        return p == null ? f.getName().toLowerCase(Locale.ROOT) : p.value();
                    }).toList());
        }
        if (raw == Integer.class || raw == int.class || raw == Long.class || raw == long.class
                || raw == Short.class || raw == short.class) {
            return "a whole number";
        }
        if (raw == Double.class || raw == double.class || raw == Float.class || raw == float.class) {
            return "a number";
        }
        if (raw == Boolean.class || raw == boolean.class) {
            return "true or false";
        }
        if (raw == String.class) {
            return "text";
        }
        if (type.isCollectionLikeType() || type.isArrayType()) {
            return "a list";
        }
        return "a mapping";
    }

    private static String names(Collection<Object> known) {
        TreeSet<String> sorted = new TreeSet<>();
        known.forEach(k -> sorted.add(String.valueOf(k)));
        return String.join(", ", sorted);
    }

    static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }
}
