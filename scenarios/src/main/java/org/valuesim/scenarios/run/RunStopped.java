package org.valuesim.scenarios.run;

import java.nio.file.Path;

/**
 * A run stopped before it asked everything, with nothing lost: budget-usd would have been exceeded, or a provider
 * rejected a batch. The answers so far are in the run's log and the paid responses in the cache; {@code run
 * --resume} continues it.
 */
public final class RunStopped extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Path dir;
    private final boolean budget;

    RunStopped(String message, Path dir, boolean budget, Throwable cause) {
        super(message, cause);
        this.dir = dir;
        this.budget = budget;
    }

    /** The run's folder, to resume. */
    public Path dir() {
        return dir;
    }

    /** Whether the budget stopped it (else a batch the provider refused). */
    public boolean budget() {
        return budget;
    }
}
