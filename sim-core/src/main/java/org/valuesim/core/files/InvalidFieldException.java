package org.valuesim.core.files;

/**
 * A value that a record refuses when it is built from a file, naming which of its fields is wrong, so that
 * the reader can point at that field's line rather than at the record's.
 */
public class InvalidFieldException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String field;
    private final boolean key;
    private final boolean missing;

    /**
     * @param field the wrong field as a JSON pointer relative to the record ("/items/3/human/Chile")
     */
    public InvalidFieldException(String field, String message) {
        this(field, message, false, false);
    }

    private InvalidFieldException(String field, String message, boolean key, boolean missing) {
        super(message);
        this.field = field;
        this.key = key;
        this.missing = missing;
    }

    /** A mapping's key that is wrong (a name nothing knows), rather than the value under it. */
    public static InvalidFieldException ofKey(String field, String message) {
        return new InvalidFieldException(field, message, true, false);
    }

    /** A field the record needs in this case (one that other cases may leave out), reported as any missing field. */
    public static InvalidFieldException missing(String field) {
        return new InvalidFieldException(field, "missing required field", false, true);
    }

    /** Whether the field is absent where the record needs it. */
    public boolean isMissing() {
        return missing;
    }

    /** Whether the key of the field is wrong rather than its value. */
    public boolean isKey() {
        return key;
    }

    /** The wrong field, relative to the record that refused it ("/items/3"). */
    public String field() {
        return field;
    }
}
