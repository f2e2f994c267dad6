package org.valuesim.scenarios.run;

import java.nio.file.Path;

/**
 * Where a run writes.
 *
 * @param out         the results folder, or null for results/&lt;name&gt;-&lt;timestamp&gt;
 * @param resultsRoot where default results folders go
 */
public record RunOptions(Path out, Path resultsRoot) {

    public static RunOptions to(Path out) {
        return new RunOptions(out, Path.of("results"));
    }
}
