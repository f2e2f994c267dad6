package org.valuesim.scenarios.run;

import java.nio.file.Path;

/**
 * Options of one run.
 *
 * @param out         the results folder, or null for results/&lt;name&gt;-&lt;timestamp&gt;
 * @param seed        overrides the scenario's seed when not null
 * @param resultsRoot where default results folders go
 */
public record RunOptions(Path out, Long seed, Path resultsRoot) {

    public static RunOptions defaults() {
        return new RunOptions(null, null, Path.of("results"));
    }
}
