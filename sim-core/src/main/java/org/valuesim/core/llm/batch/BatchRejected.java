package org.valuesim.core.llm.batch;

import org.valuesim.core.llm.CallsStopped;

/**
 * A batch could not be run: the provider refused it (a bad file, over its limits, an unknown model) or could not be
 * reached. The run stops with the provider's message; what was already answered is kept, and a resumed run
 * re-attaches to the batches already accepted.
 */
public final class BatchRejected extends CallsStopped {

    private static final long serialVersionUID = 1L;

    public BatchRejected(String message, Throwable cause) {
        super(message, cause);
    }
}
