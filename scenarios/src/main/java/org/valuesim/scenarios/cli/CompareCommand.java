package org.valuesim.scenarios.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.valuesim.results.record.ResultsRecord;
import org.valuesim.results.report.RunComparison;
import org.valuesim.results.write.Decimals;
import org.valuesim.scenarios.scenario.InputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Print two runs' statistics side by side with B - A: every number of summary.json, each element of "
                + "its lists (intervals, matrices, coordinates, shares, per-round series) on its own line."})
final class CompareCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RUN_A", description = "A results folder.")
    Path a;

    @Parameters(index = "1", paramLabel = "RUN_B", description = "Another results folder.")
    Path b;

    @Mixin
    DebugOption debug;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        for (Path run : List.of(a, b)) {
            if (!Files.isRegularFile(run.resolve("summary.json"))) {
                throw new InputException(run + ": no summary.json here; give the folder of a finished run");
            }
        }
        List<RunComparison.Row> rows;
        try {
            rows = RunComparison.compare(a, b);
        } catch (ResultsRecord.Unreadable e) {
            throw new InputException(e.getMessage(), e);
        }
        int width = rows.stream().mapToInt(r -> r.path().length()).max().orElse(10);
        var out = spec.commandLine().getOut();
        out.printf("%-" + width + "s %14s %14s %14s%n", "statistic", "A", "B", "B - A");
        for (RunComparison.Row r : rows) {
            out.printf("%-" + width + "s %14s %14s %14s%n", r.path(), number(r.a()), number(r.b()), number(r.difference()));
        }
        out.printf("A: %s%nB: %s%n", a, b);
        return 0;
    }

    static String number(double x) {
        return Decimals.readable(x);
    }
}
