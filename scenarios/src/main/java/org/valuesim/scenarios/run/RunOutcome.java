package org.valuesim.scenarios.run;

import java.nio.file.Path;
import java.util.Map;

/** A finished run: its folder and what summary.json and manifest.json say. */
public record RunOutcome(Path dir, Map<String, Object> summary, Map<String, Object> manifest) {
}
