package org.valuesim.results.write;

import java.io.IOException;
import org.valuesim.core.instrument.ResponseScale;
import org.valuesim.core.respond.Answer;

/** A file of the run's answers, one row per agent and item, written as agents finish (responses.csv, .parquet). */
public interface ResponseTable extends AutoCloseable {

    /** @param scale how the answered item is answered */
    void write(Answer answer, ResponseScale scale) throws IOException;

    @Override
    void close() throws IOException;
}
