package org.valuesim.scenarios.scenario;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.TreeSet;

/**
 * Applies field overrides to a document's tree before it is bound, so that an overridden value is checked
 * exactly as if it were in the file, and records in {@link Sources} which values came from which override, so
 * that an error about one names the override ({@code --set population.size: must be between ...}).
 * A path may add fields the file lacks (and the mappings that hold them); a list may grow by one entry at
 * its end. A path that goes on into an entry a mapping such as {@code models} lacks is refused with the
 * entries it has: {@code --set models.locl.base-url=...} is a typo, not a new model.
 */
final class Overrides {

    private final FieldTypes types;
    private final Sources sources;

    Overrides(FieldTypes types, Sources sources) {
        this.types = types;
        this.sources = sources;
    }

    /** Applies the overrides in order (a later one wins) to {@code root}, a document of {@code type}. */
    void apply(List<FieldOverride> overrides, ObjectNode root, JavaType type) throws InputException {
        for (FieldOverride o : overrides) {
            apply(o, root, type);
        }
    }

    private void apply(FieldOverride o, ObjectNode root, JavaType rootType) throws InputException {
        List<String> segments = o.segments();
        JsonNode node = root;
        JavaType type = rootType;
        String pointer = "";
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            boolean last = i == segments.size() - 1;
            JavaType childType = types.child(type, segment);
            if (node instanceof ObjectNode object) {
                String at = Pointers.child(pointer, segment);
                if (last) {
                    if (o.value().isNull()) {
                        object.remove(segment);
                    } else {
                        object.set(segment, o.value().deepCopy());
                    }
                    sources.overridden(at, o.origin());
                    return;
                }
                JsonNode child = object.get(segment);
                if (child == null || child.isNull()) {
                    if (type != null && type.isMapLikeType() && object.size() > 0) {
                        throw refused(o, at, Pointers.fieldPath(pointer) + " has no entry '" + segment
                                + "' (it has: " + String.join(", ", new TreeSet<>(fieldNames(object)))
                                + "); to add one, give it whole: " + Pointers.fieldPath(at) + "={...}");
                    }
                    child = isIndex(segments.get(i + 1)) ? object.putArray(segment) : object.putObject(segment);
                    sources.overridden(at, o.origin());
                }
                node = child;
                pointer = at;
            } else if (node instanceof ArrayNode list) {
                if (!isIndex(segment)) {
                    throw refused(o, pointer, Pointers.fieldPath(pointer) + " is a list: '" + segment
                            + "' is not an index (0 to " + list.size() + ")");
                }
                int index = Integer.parseInt(segment);
                if (index > list.size()) {
                    throw refused(o, Pointers.child(pointer, index), Pointers.fieldPath(pointer) + " has "
                            + list.size() + (list.size() == 1 ? " entry" : " entries") + ": use an index from 0 to "
                            + (list.size() - 1) + ", or " + list.size() + " to add one at the end");
                }
                String at = Pointers.child(pointer, index);
                JsonNode child;
                if (last) {
                    child = o.value().deepCopy();
                } else if (index < list.size() && !list.get(index).isNull()) {
                    child = list.get(index);
                } else {
                    child = isIndex(segments.get(i + 1)) ? JsonNodeFactory.instance.arrayNode()
                            : JsonNodeFactory.instance.objectNode();
                }
                if (index == list.size()) {
                    list.add(child);
                    sources.overridden(at, o.origin());
                } else if (child != list.get(index)) {
                    list.set(index, child);
                    sources.overridden(at, o.origin());
                }
                if (last) {
                    return;
                }
                node = child;
                pointer = at;
            } else {
                throw refused(o, pointer, Pointers.fieldPath(pointer) + " is " + Errors.shown(node)
                        + ", which has no field '" + segment + "'");
            }
            type = childType;
        }
    }

    private static boolean isIndex(String segment) {
        return segment.length() <= 9 && segment.chars().allMatch(Character::isDigit);
    }

    private static List<String> fieldNames(ObjectNode object) {
        List<String> names = new java.util.ArrayList<>();
        object.properties().forEach(p -> names.add(p.getKey()));
        return names;
    }

    private static InputException refused(FieldOverride o, String pointer, String message) {
        return new InputException(o.origin().prefix() + Pointers.fieldPath(pointer) + ": " + message);
    }
}
