package org.valuesim.scenarios.cli;

import java.util.ArrayList;
import java.util.List;
import org.valuesim.scenarios.scenario.FieldOverride;
import org.valuesim.scenarios.scenario.InputException;
import org.valuesim.scenarios.scenario.Origin;
import picocli.CommandLine.Option;

/** --set PATH=VALUE (repeatable), on every command that reads a scenario. */
final class SetOptions {

    @Option(names = "--set", paramLabel = "PATH=VALUE",
            description = "Override a scenario field by its path (keys as in the file, list indices as numbers), "
                    + "e.g. --set models.local.base-url=http://gpu1:8000/v1 --set population.size=500; VALUE is YAML "
                    + "([pvq21, ipip-big5], {kind: ring, degree: 4}); null removes the field. Repeatable; checked like "
                    + "the file.")
    List<String> assignments = new ArrayList<>();

    List<FieldOverride> overrides() throws InputException {
        List<FieldOverride> out = new ArrayList<>();
        for (String assignment : assignments) {
            out.add(FieldOverride.parse(assignment, Origin.argument()));
        }
        return out;
    }

    /** The options as a user would type them again (each quoted for a POSIX shell where it needs it). */
    String asArguments() {
        StringBuilder s = new StringBuilder();
        for (String assignment : assignments) {
            s.append(" --set ").append(assignment.matches("[A-Za-z0-9_.,:/=@+\\[\\]-]+") ? assignment
                    : "'" + assignment.replace("'", "'\\''") + "'");
        }
        return s.toString();
    }
}
