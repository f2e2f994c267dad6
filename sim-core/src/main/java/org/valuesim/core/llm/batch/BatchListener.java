package org.valuesim.core.llm.batch;

/** Told where each batch stands: as it is submitted, after every poll, and as its results are read. */
@FunctionalInterface
public interface BatchListener {

    BatchListener NONE = progress -> { };

    void batch(BatchProgress progress);
}
