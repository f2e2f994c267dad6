package org.valuesim.scenarios.scenario;

import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.List;

/**
 * JSON pointers ("/dilemmas/0/rounds") name a value in a document; error lines show them as field paths
 * ("dilemmas[0].rounds").
 */
public final class Pointers {

    private Pointers() {
    }

    /** The pointer of a field or list entry under a parent pointer. */
    public static String child(String parent, String key) {
        return parent + "/" + key.replace("~", "~0").replace("/", "~1");
    }

    public static String child(String parent, int index) {
        return parent + "/" + index;
    }

    /** The parent's pointer ("" for a top-level field or the root itself). */
    public static String parent(String pointer) {
        return pointer.substring(0, Math.max(0, pointer.lastIndexOf('/')));
    }

    /** Whether {@code pointer} is {@code ancestor} or lies under it. */
    public static boolean within(String pointer, String ancestor) {
        return pointer.equals(ancestor) || pointer.startsWith(ancestor + "/");
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

    /** The pointer of the value a Jackson exception's reference chain ends at. */
    static String of(List<JsonMappingException.Reference> path) {
        String pointer = "";
        for (JsonMappingException.Reference r : path) {
            pointer = r.getFieldName() != null ? child(pointer, r.getFieldName()) : child(pointer, r.getIndex());
        }
        return pointer;
    }
}
