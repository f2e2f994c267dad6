package org.valuesim.scenarios.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;

/**
 * A YAML or JSON file parsed into a tree, with where each of its keys and values is in the file.
 *
 * @param root the document's top value (never null)
 */
public record Document(Path file, JsonNode root, DocumentLocations locations) {

    /**
     * The value at the pointer as a document of its own, located in the same file: a scenario written inside a
     * study file ({@code study.at("/base")}) reads and reports its lines like a scenario file.
     */
    public Document at(String pointer) {
        return new Document(file, root.at(pointer), locations.under(pointer));
    }

    /** The sources of this document's values: the file, until something overrides them. */
    public Sources sources() {
        return new Sources(file, locations);
    }
}
