package org.valuesim.scenarios.scenario;

import com.fasterxml.jackson.core.JsonLocation;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each value of a document came from: a place in its file, or an override ({@code --set}, a study
 * condition). Every input error about a value is one line that starts there:
 * {@code file:line:column: field.path: what was expected}, or {@code --set field.path: ...}.
 */
public final class Sources {

    private final Path file;
    private final DocumentLocations locations;
    /** Pointer to the override whose value (with everything under it) is now there. */
    private final Map<String, Origin> overridden = new HashMap<>();

    public Sources(Path file, DocumentLocations locations) {
        this.file = file;
        this.locations = locations;
    }

    public Path file() {
        return file;
    }

    /** Records that an override put the value at the pointer, replacing anything under it. */
    void overridden(String pointer, Origin origin) {
        overridden.keySet().removeIf(p -> Pointers.within(p, pointer));
        overridden.put(pointer, origin);
    }

    /** The override the value at the pointer came from, or null when it is the file's. */
    public Origin origin(String pointer) {
        for (String p = pointer; ; p = Pointers.parent(p)) {
            Origin origin = overridden.get(p);
            if (origin != null || p.isEmpty()) {
                return origin;
            }
        }
    }

    /** An error about the value at the pointer (or, where the file lacks it, its nearest present parent). */
    public InputException error(String pointer, String message) {
        return new InputException(line(pointer, locations == null ? null : locations.of(pointer), message));
    }

    /** An error about a field's key (an unknown field, a missing one), located at the key. */
    public InputException keyError(String pointer, String message) {
        return new InputException(line(pointer, locations == null ? null : locations.keyOrValue(pointer), message));
    }

    /** A required field that is absent or empty, located at the mapping that lacks it. */
    public InputException missing(String pointer) {
        String parent = Pointers.parent(pointer);
        // a whole file's top-level field has no better place than the file; a scenario inside a study, its key
        JsonLocation at = locations == null ? null : parent.isEmpty() ? locations.key("") : locations.keyOrValue(parent);
        return new InputException(line(pointer, at, "missing required field"));
    }

    private String line(String pointer, JsonLocation at, String message) {
        Origin origin = origin(pointer);
        String field = Pointers.fieldPath(pointer);
        if (origin != null) {
            return origin.prefix() + field + ": " + message;
        }
        return located(file, at, field, message);
    }

    /** {@code file:line:column: field.path: message}, leaving out what is unknown. */
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
}
