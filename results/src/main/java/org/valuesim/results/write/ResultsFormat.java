package org.valuesim.results.write;

/**
 * Which files hold a run's answers and agents: CSV (responses.csv, agents.csv), Parquet (responses.parquet,
 * agents.parquet) or both. CSV is read by anything and diffed by eye; at a million agents of PVQ-21 responses.csv is
 * about 2.6 GB (125 bytes a row), where Parquet, compressed column by column, is about a third of that and loads as
 * typed columns straight into pandas, R, Polars and DuckDB. So by default a run of fewer than {@link #PARQUET_FROM} agents writes CSV and a larger
 * one Parquet; {@code run --format} chooses otherwise.
 */
public enum ResultsFormat {
    CSV, PARQUET, BOTH;

    /** Agents from which a run writes Parquet instead of CSV unless told otherwise. */
    public static final int PARQUET_FROM = 1_000_000;

    /** The default for a run of this many agents. */
    public static ResultsFormat forAgents(long agents) {
        return agents >= PARQUET_FROM ? PARQUET : CSV;
    }

    public boolean csv() {
        return this != PARQUET;
    }

    public boolean parquet() {
        return this != CSV;
    }
}
