package org.valuesim.scenarios.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.valuesim.results.record.ResultsRecord;
import org.valuesim.results.report.RunReport;
import org.valuesim.scenarios.run.Version;
import org.valuesim.scenarios.scenario.InputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Rebuild report.html and charts/ of a finished run from its summary.json, manifest.json and scenario.yaml.")
final class ReportCommand implements Callable<Integer> {

    @Parameters(paramLabel = "RUN_DIR", description = "A results folder.")
    Path run;

    @Mixin
    DebugOption debug;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(run.resolve("summary.json"))) {
            throw new InputException(run + ": no summary.json here; give the folder of a finished run");
        }
        Path report;
        try {
            report = RunReport.write(run, Version.valuesim());
        } catch (ResultsRecord.Unreadable e) {
            throw new InputException(e.getMessage(), e);
        } catch (IOException e) {
            throw new IOException("could not write the report: " + e.getMessage(), e);
        }
        spec.commandLine().getOut().println("wrote " + report);
        return 0;
    }
}
