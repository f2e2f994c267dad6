package org.valuesim.core.dilemma;

/**
 * A run could not go on: its sink failed to record a survey agent's answers or a dilemma's round. It lives here,
 * below {@code sim}, because both the survey's barrier ({@code sim}) and {@code DilemmaPhase} throw it.
 */
public class SimulationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SimulationException(String message, Throwable cause) {
        super(message, cause);
    }
}
