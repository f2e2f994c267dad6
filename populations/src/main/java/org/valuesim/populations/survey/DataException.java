package org.valuesim.populations.survey;

/** A survey data file or codebook that cannot be used, with where the problem is. */
public class DataException extends Exception {

    private static final long serialVersionUID = 1L;

    public DataException(String message) {
        super(message);
    }
}
