package org.valuesim.core.failure;

/**
 * A run could not go on: its sink failed to record a survey agent's answers or a dilemma's round. Both the survey's
 * barrier ({@code sim}) and {@code DilemmaPhase} ({@code dilemma}, which {@code sim} uses) throw it, so it lives in a
 * package of its own that depends on neither.
 */
public class SimulationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SimulationException(String message, Throwable cause) {
        super(message, cause);
    }
}
