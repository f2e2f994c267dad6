package org.valuesim.scenarios.scenario;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Turns Jackson's exceptions about a YAML file into one line: file:line:column: field.path: what
 * was expected. Used for scenarios, instruments and codebooks alike.
 */
public final class Errors {

    private static final Pattern QUOTED = Pattern.compile("'([^']+)'");

    private Errors() {
    }

    public static String located(Path file, JsonLocation at, String fieldPath, String message) {
        StringBuilder s = new StringBuilder(file.toString());
        if (at != null && at.getLineNr() > 0) {
            s.append(':').append(at.getLineNr()).append(':').append(at.getColumnNr());
        }
        s.append(": ");
        if (fieldPath != null && !fieldPath.isEmpty()) {
            s.append(fieldPath).append(": ");
        }
        return s.append(message).toString();
    }

    /** "/population/preset" as "population.preset", "/instruments/0" as "instruments[0]". */
    public static String fieldPath(String pointer) {
        StringBuilder s = new StringBuilder();
        for (String part : pointer.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            if (part.chars().allMatch(Character::isDigit)) {
                s.append('[').append(part).append(']');
            } else {
                if (s.length() > 0) {
                    s.append('.');
                }
                s.append(part.replace("~1", "/").replace("~0", "~"));
            }
        }
        return s.toString();
    }

    /** One line for a Jackson failure to read a YAML file. */
    public static String describe(Path file, JsonProcessingException e) {
        return describe(file, e, null);
    }

    /**
     * One line for a Jackson failure to read a YAML file, located by the file's own token positions
     * where Jackson's location is the end of a buffered object rather than the offending key.
     */
    public static String describe(Path file, JsonProcessingException e, YamlLocations locations) {
        if (e instanceof JsonMappingException m) {
            String path = path(m.getPath());
            if (m instanceof UnrecognizedPropertyException u) {
                JsonLocation key = locations == null ? null : locations.key(pointer(m.getPath()));
                return located(file, key != null ? key : u.getLocation(), path, "unknown field; expected one of: "
                        + names(u.getKnownPropertyIds()));
            }
            if (m instanceof InvalidFormatException f) {
                return located(file, f.getLocation(), path, "expected " + typeName(f.getTargetType()) + ", got '"
                        + f.getValue() + "'");
            }
            if (m instanceof ValueInstantiationException v) {
                Throwable cause = v.getCause() == null ? v : v.getCause();
                return located(file, v.getLocation(), path, String.valueOf(cause.getMessage()));
            }
            if (m instanceof MismatchedInputException mi) {
                String original = firstLine(mi.getOriginalMessage());
                if (original.startsWith("Missing required creator property")) {
                    Matcher q = QUOTED.matcher(original);
                    String field = q.find() ? q.group(1) : "?";
                    String at = path.isEmpty() ? field : path.endsWith(field) ? path : path + "." + field;
                    return located(file, mi.getLocation(), at, "missing required field");
                }
                if (original.startsWith("No content to map")) {
                    return located(file, null, "", "the file is empty");
                }
                return located(file, mi.getLocation(), path, "expected " + typeName(mi.getTargetType()));
            }
            if (m.getCause() instanceof JsonProcessingException inner && inner != m) {
                return describe(file, inner, locations);
            }
            return located(file, m.getLocation(), path, firstLine(m.getOriginalMessage()));
        }
        if (e instanceof InputCoercionException c) {
            JsonParser parser = c.getProcessor();
            String pointer = parser == null ? "" : parser.getParsingContext().pathAsPointer().toString();
            JsonLocation at = locations == null || pointer.isEmpty() ? c.getLocation() : locations.find(pointer);
            return located(file, at, fieldPath(pointer), "number out of range (" + firstLine(c.getOriginalMessage()) + ")");
        }
        return located(file, e.getLocation(), "", "YAML syntax error: " + firstLine(e.getOriginalMessage()));
    }

    private static String path(List<JsonMappingException.Reference> refs) {
        StringBuilder s = new StringBuilder();
        for (JsonMappingException.Reference r : refs) {
            if (r.getFieldName() != null) {
                if (s.length() > 0) {
                    s.append('.');
                }
                s.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                s.append('[').append(r.getIndex()).append(']');
            }
        }
        return s.toString();
    }

    private static String pointer(List<JsonMappingException.Reference> refs) {
        StringBuilder s = new StringBuilder();
        for (JsonMappingException.Reference r : refs) {
            s.append('/').append(r.getFieldName() != null ? r.getFieldName() : Integer.toString(r.getIndex()));
        }
        return s.toString();
    }

    private static String names(Collection<Object> known) {
        TreeSet<String> sorted = new TreeSet<>();
        known.forEach(k -> sorted.add(String.valueOf(k)));
        return String.join(", ", sorted);
    }

    /** A reader's word for a Java target type. */
    static String typeName(Class<?> type) {
        if (type == null) {
            return "a different value";
        }
        if (type.isEnum()) {
            return "one of " + String.join(", ", Arrays.stream(type.getFields()).filter(f -> f.isEnumConstant())
                    .map(f -> {
                        JsonProperty p = f.getAnnotation(JsonProperty.class);
                        return p == null ? f.getName().toLowerCase(Locale.ROOT) : p.value();
                    }).toList());
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Double.class || type == double.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a text";
        }
        if (List.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        return "a mapping of fields (" + type.getSimpleName().toLowerCase(Locale.ROOT) + ")";
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }
}
