package org.valuesim.scenarios.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;

/**
 * A YAML or JSON file parsed into a tree, with where each of its keys and values is in the file.
 *
 * @param root the document's top value (never null)
 */
public record Document(Path file, JsonNode root, DocumentLocations locations) {

    /** The sources of this document's values: the file, until something overrides them. */
    public Sources sources() {
        return new Sources(file, locations);
    }
}
