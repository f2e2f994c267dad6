package org.valuesim.scenarios.scenario;

/** Bad input (scenario, data, codebook, options): one clear line, exit code 2. */
public class InputException extends Exception {

    private static final long serialVersionUID = 1L;

    public InputException(String message) {
        super(message);
    }

    public InputException(String message, Throwable cause) {
        super(message, cause);
    }
}
