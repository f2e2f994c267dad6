package org.valuesim.scenarios.run;

import java.nio.file.Path;
import org.valuesim.results.record.RunManifest;
import org.valuesim.results.record.RunSummary;

/** A finished run: its folder and what summary.json and manifest.json say. */
public record RunOutcome(Path dir, RunSummary summary, RunManifest manifest) {
}
