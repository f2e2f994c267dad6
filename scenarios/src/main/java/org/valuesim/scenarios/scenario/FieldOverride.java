package org.valuesim.scenarios.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One override of a field of a scenario, by its path: {@code --set models.local.base-url=http://gpu1:8000/v1},
 * or an entry of a study's {@code vary:} or {@code conditions:}. The path's segments are the keys as written in
 * the file (kebab-case fields, map keys such as a model's name) and list indices, joined by dots
 * ({@code dilemmas.0.rounds}; {@code dilemmas[0].rounds} and {@code models[gpt-4.1].model} work too).
 *
 * @param path   the path as given
 * @param value  the new value; null (YAML {@code null}, {@code ~} or nothing) removes the field, so its default applies
 * @param origin where the override comes from, for error lines
 */
public record FieldOverride(String path, JsonNode value, Origin origin) {

    public FieldOverride {
        value = value == null || value.isMissingNode() ? NullNode.getInstance() : value;
    }

    /**
     * Parses {@code PATH=VALUE}; VALUE is read as YAML: a scalar ({@code 500}, {@code http://gpu1:8000/v1},
     * {@code "007"}) or a flow collection ({@code [pvq21, ipip-big5]}, {@code {kind: ring, degree: 4}}).
     */
    public static FieldOverride parse(String assignment, Origin origin) throws InputException {
        int eq = assignment.indexOf('=');
        if (eq <= 0) {
            throw new InputException(origin.prefix() + assignment + ": expected PATH=VALUE, e.g. population.size=500");
        }
        String path = assignment.substring(0, eq).strip();
        String text = assignment.substring(eq + 1);
        segments(path, origin);
        try {
            return new FieldOverride(path, text.isBlank() ? null : StrictReader.yaml().parseValue(text), origin);
        } catch (JsonProcessingException e) {
            throw new InputException(origin.prefix() + Pointers.fieldPath(pointerOf(path, origin)) + ": the value "
                    + quoted(text) + " is not a YAML value (" + Errors.firstLine(e.getOriginalMessage()) + ")");
        }
    }

    /** The path's segments: keys, and list indices as digits. */
    List<String> segments() throws InputException {
        return segments(path, origin);
    }

    /** Where the override puts its value, as a JSON pointer (list indices as digits). */
    public String pointer() throws InputException {
        return pointerOf(path, origin);
    }

    private static String pointerOf(String path, Origin origin) throws InputException {
        String pointer = "";
        for (String segment : segments(path, origin)) {
            pointer = Pointers.child(pointer, segment);
        }
        return pointer;
    }

    private static List<String> segments(String path, Origin origin) throws InputException {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < path.length()) {
            int end;
            if (path.charAt(i) == '[') {
                end = path.indexOf(']', i);
                if (end < 0) {
                    throw notAPath(path, origin, "a '[' without its ']'");
                }
                out.add(path.substring(i + 1, end));
                end++;
            } else {
                end = i;
                while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
                    end++;
                }
                out.add(path.substring(i, end));
            }
            if (out.get(out.size() - 1).isEmpty()) {
                throw notAPath(path, origin, "an empty segment");
            }
            if (end < path.length() && path.charAt(end) == '.') {
                end++;
                if (end == path.length()) {
                    throw notAPath(path, origin, "it ends with '.'");
                }
            } else if (end < path.length() && path.charAt(end) != '[') {
                throw notAPath(path, origin, "expected '.' or '[' after ']'");
            }
            i = end;
        }
        if (out.isEmpty()) {
            throw notAPath(path, origin, "it is empty");
        }
        return out;
    }

    private static InputException notAPath(String path, Origin origin, String why) {
        return new InputException(origin.prefix() + path + ": not a field path (" + why
                + "); write the keys as in the file joined by dots, e.g. models.local.base-url or dilemmas.0.rounds");
    }

    private static String quoted(String text) {
        return "'" + (text.length() > 60 ? text.substring(0, 57) + "..." : text) + "'";
    }
}
