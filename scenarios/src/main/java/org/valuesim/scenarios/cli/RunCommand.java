package org.valuesim.scenarios.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.valuesim.core.llm.ModelGateway;
import org.valuesim.core.sim.PhaseListener;
import org.valuesim.scenarios.run.RunOptions;
import org.valuesim.scenarios.run.RunOutcome;
import org.valuesim.scenarios.run.RunPlan;
import org.valuesim.scenarios.run.ScenarioRunner;
import org.valuesim.scenarios.scenario.InputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a scenario and write its results folder (results/<name>-<yyyyMMdd-HHmmss>/ unless --out).")
final class RunCommand implements Callable<Integer> {

    @Parameters(paramLabel = "SCENARIO.yaml", description = "The scenario file.")
    Path scenario;

    @Option(names = "--out", paramLabel = "DIR", description = "Results folder; must not exist or be empty.")
    Path out;

    @Option(names = "--seed", paramLabel = "N", description = "Overrides the scenario's seed.")
    Long seed;

    @Option(names = "--resume", paramLabel = "RUN_DIR", description = "Continue an interrupted run (not available in this version).")
    Path resume;

    @Mixin
    CacheOptions cache;

    @Option(names = "--quiet", description = "No progress bar and no summary on stdout.")
    boolean quiet;

    @Mixin
    DebugOption debug;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (resume != null) {
            throw new InputException("--resume: resuming interrupted runs is not available in this version");
        }
        ModelGateway.CacheMode cacheMode = cache.mode();
        RunPlan plan = Plans.plan(scenario, seed);
        ScenarioRunner runner = new ScenarioRunner();
        RunOptions options = RunOptions.to(out);
        Path dir = runner.outputFolder(plan, options);
        PhaseListener progress = ProgressDisplay.create(plan.size(), quiet);
        RunOutcome outcome;
        try {
            outcome = runner.run(plan, dir, progress, cacheMode);
        } finally {
            ProgressDisplay.closeIfOpen(progress);
        }
        if (!quiet) {
            printSummary(outcome);
        }
        return 0;
    }

    private void printSummary(RunOutcome outcome) {
        var out = spec.commandLine().getOut();
        Map<String, Object> s = outcome.summary();
        out.printf("%s agents, %s answers (%s failed)%n", s.get("agents"), s.get("answers"), s.get("failed_answers"));
        if (s.get("human_agreement") instanceof Map<?, ?> agreement) {
            out.printf("centred value correlations vs %s: Pearson r = %s, Tucker's phi = %s%n", s.get("compare_to"),
                    agreement.get("pearson_r"), agreement.get("tucker_phi"));
        }
        out.println("results: " + outcome.dir());
    }
}
