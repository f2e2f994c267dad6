package org.valuesim.core.sim;

/** A run could not go on (the sink failed to record answers). */
public class SimulationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SimulationException(String message, Throwable cause) {
        super(message, cause);
    }
}
