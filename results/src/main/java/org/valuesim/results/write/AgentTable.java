package org.valuesim.results.write;

import java.io.IOException;

/** A file of the run's agents, one row each (agents.csv, agents.parquet). */
public interface AgentTable extends AutoCloseable {

    void write(AgentsCsv.Row row) throws IOException;

    @Override
    void close() throws IOException;
}
