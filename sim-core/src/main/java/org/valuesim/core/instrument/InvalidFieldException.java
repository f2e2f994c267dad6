package org.valuesim.core.instrument;

/**
 * A value that a record refuses when it is built from a file, naming which of its fields is wrong, so that
 * the reader can point at that field's line rather than at the record's.
 */
public class InvalidFieldException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String field;

    /**
     * @param field the wrong field as a JSON pointer relative to the record ("/items/3/human/Chile")
     */
    public InvalidFieldException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The wrong field, relative to the record that refused it ("/items/3"). */
    public String field() {
        return field;
    }
}
