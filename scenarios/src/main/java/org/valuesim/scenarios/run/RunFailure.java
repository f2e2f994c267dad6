package org.valuesim.scenarios.run;

import java.io.IOException;

/** A run that completed its schedule but produced nothing usable (every answer failed): exit 1, one line. */
public final class RunFailure extends IOException {

    private static final long serialVersionUID = 1L;

    public RunFailure(String message) {
        super(message);
    }
}
