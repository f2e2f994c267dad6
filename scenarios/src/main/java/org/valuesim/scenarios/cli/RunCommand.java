package org.valuesim.scenarios.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.valuesim.core.llm.ModelGateway;
import org.valuesim.core.sim.PhaseListener;
import org.valuesim.results.record.AccuracySummary;
import org.valuesim.results.record.HumanAgreement;
import org.valuesim.results.record.Interval;
import org.valuesim.results.record.RunManifest;
import org.valuesim.results.record.RunSummary;
import org.valuesim.results.write.Decimals;
import org.valuesim.scenarios.cluster.Coordinator;
import org.valuesim.scenarios.cluster.GridCounter;
import org.valuesim.results.write.ResultsFormat;
import org.valuesim.scenarios.run.RunOptions;
import org.valuesim.scenarios.run.AccuracyRunner;
import org.valuesim.scenarios.run.RunOutcome;
import org.valuesim.scenarios.run.RunPlan;
import org.valuesim.scenarios.run.RunStopped;
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

    @Option(names = "--resume", paramLabel = "RUN_DIR", description = "Continue an interrupted run of this scenario "
            + "(and --seed) in its folder: logged answers are not asked again.")
    Path resume;

    @Option(names = "--no-log", description = "Do not keep the durable response log (faster; the run cannot be resumed).")
    boolean noLog;

    @Option(names = "--format", paramLabel = "csv|parquet|both", description = "Write answers and agents as CSV, "
            + "Parquet or both (default: CSV below 1,000,000 agents, Parquet from there; a resumed run keeps its files).")
    String format;

    @Mixin
    SetOptions set;

    @Mixin
    CacheOptions cache;

    @Mixin
    ClusterOptions clusterOptions;

    @Option(names = "--quiet", description = "No progress bar and no summary on stdout.")
    boolean quiet;

    @Mixin
    DebugOption debug;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (resume != null && (out != null || noLog)) {
            throw new InputException("--resume continues in the interrupted run's folder, with its log: leave out "
                    + (out != null ? "--out" : "--no-log"));
        }
        ModelGateway.CacheMode cacheMode = cache.mode();
        RunPlan plan = Plans.plan(scenario, seed, set.overrides());
        if (plan.accuracy() != null && resume != null) {
            throw new InputException("--resume: an accuracy run keeps no response log; run it again (the calls it "
                    + "made come from the model-call cache)");
        }
        if (plan.accuracy() != null) {
            if (clusterOptions.clustered()) {
                throw new InputException("--cluster: an accuracy run runs on this machine; leave out --cluster");
            }
            return accuracy(plan, new ScenarioRunner().outputFolder(plan, RunOptions.to(out)), cacheMode);
        }
        if (clusterOptions.clustered()) {
            Coordinator.check(plan);
        }
        ResultsFormat files = resultsFormat();
        GridCounter grid = new GridCounter();
        try (Coordinator coordinator = clusterOptions.clustered() ? clusterOptions.connect(grid) : null) {
            return coordinator == null ? run(plan, new ScenarioRunner().format(files), cacheMode, null)
                    : run(plan, new ScenarioRunner(coordinator).format(files), cacheMode, grid);
        }
    }

    /** --format as given, or null for the default. */
    private ResultsFormat resultsFormat() throws InputException {
        if (format == null) {
            return null;
        }
        return switch (format) {
            case "csv" -> ResultsFormat.CSV;
            case "parquet" -> ResultsFormat.PARQUET;
            case "both" -> ResultsFormat.BOTH;
            default -> throw new InputException("--format: must be csv, parquet or both, got '" + format + "'");
        };
    }

    /** @param grid the cluster's counters, or null for a run on this machine */
    private Integer run(RunPlan plan, ScenarioRunner runner, ModelGateway.CacheMode cacheMode, GridCounter grid)
            throws Exception {
        Path dir = resume != null ? runner.resumeFolder(plan, resume) : runner.outputFolder(plan, RunOptions.to(out));
        ScenarioRunner.Durability durability = resume != null ? ScenarioRunner.Durability.RESUME
                : noLog ? ScenarioRunner.Durability.UNLOGGED : ScenarioRunner.Durability.LOGGED;
        var err = spec.commandLine().getErr();
        CompilerNote.forRuns(List.of(plan), CompilerNote.tieredStopAtLevel()).ifPresent(note -> err.println("note: " + note));
        PhaseListener progress = ProgressDisplay.create(plan.size(), Math.max(0, plan.size()) * plan.movesPerAgent(), quiet,
                err, grid == null ? null : grid::line);
        Thread onInterrupt = new Thread(() -> runner.interrupt().ifPresent(stopped -> {
            ProgressDisplay.closeIfOpen(progress);
            err.println();
            err.println("interrupted: the answers so far are in " + stopped.resolve(
                    org.valuesim.core.log.ResponseLog.FILE));
            err.println("resume with: valuesim run " + scenario + set.asArguments()
                    + (seed != null ? " --seed " + seed : "") + " --resume " + stopped);
            err.flush();
        }), "valuesim-interrupt");
        if (grid != null) {
            grid.onLost(() -> runner.interrupt().ifPresent(stopped -> {
                ProgressDisplay.closeIfOpen(progress);
                err.println("error: lost every member of cluster " + clusterOptions.cluster + "; the answers so far are in "
                        + stopped.resolve(org.valuesim.core.log.ResponseLog.FILE) + "; resume with: valuesim run "
                        + scenario + set.asArguments() + (seed != null ? " --seed " + seed : "") + " --resume " + stopped
                        + " --cluster " + clusterOptions.cluster + " --join ...");
                err.flush();
            }));
        }
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        RunOutcome outcome;
        try {
            outcome = runner.run(plan, dir, progress, cacheMode, durability);
        } catch (RunStopped stopped) {
            ProgressDisplay.closeIfOpen(progress);
            err.println((stopped.budget() ? "stopped: " : "error: the run stopped: ") + stopped.getMessage());
            err.println("the answers so far are in " + stopped.dir().resolve(org.valuesim.core.log.ResponseLog.FILE)
                    + " and every paid response is in the cache");
            err.println("resume with: valuesim run " + scenario + (seed != null ? " --seed " + seed : "")
                    + " --resume " + stopped.dir() + (stopped.budget() ? "   (after raising budget-usd)" : ""));
            err.flush();
            return stopped.budget() ? ValuesimCommand.BUDGET : ValuesimCommand.FAILED;
        } finally {
            ProgressDisplay.closeIfOpen(progress);
            try {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already stopping: the hook runs
            }
        }
        if (outcome.manifest().notes() != null) {
            outcome.manifest().notes().forEach(note -> err.println("note: " + note));
        }
        if (!quiet) {
            printSummary(outcome);
        }
        return 0;
    }

    /** A scenario with accuracy: scored as bench individuals scores; prints each predictor's full-history scores. */
    private int accuracy(RunPlan plan, Path dir, ModelGateway.CacheMode cacheMode) throws Exception {
        AccuracySummary summary = new AccuracyRunner(null, ScenarioRunner::embedder).run(plan, dir, cacheMode);
        if (!quiet) {
            var out = spec.commandLine().getOut();
            out.printf("%d people x %d items, %d folds, history %s%n", summary.people(), summary.items(),
                    summary.folds(), summary.accuracy().history());
            summary.accuracy().predictors().forEach((name, p) -> out.printf("%s: top-1 = %s, nMAE = %s%n", name,
                    Decimals.format(p.top1(), 6), Decimals.format(p.nmae(), 6)));
            out.println("results: " + dir);
        }
        return 0;
    }

    private void printSummary(RunOutcome outcome) {
        var out = spec.commandLine().getOut();
        RunSummary s = outcome.summary();
        out.printf("%d agents, %d answers (%d failed)%n", s.agents(), s.answers(), s.failedAnswers());
        if (s.moves() != null) {
            out.printf("%d dilemma moves (%d failed)%n", s.moves(), s.failedMoves());
        }
        RunManifest.Failures failures = outcome.manifest().failures();
        if (failures != null) {
            out.printf("commonest failure (%d of %d): %s%n", failures.commonestCount(), failures.count(),
                    failures.commonestReason());
        }
        if (s.humanAgreement() != null) {
            HumanAgreement a = s.humanAgreement();
            out.printf("centred value correlations vs %s: Pearson r = %s%s, Tucker's phi = %s%s%n", s.compareTo(),
                    Decimals.format(a.pearsonR(), 6), interval(a.pearsonRCi95()), Decimals.format(a.tuckerPhi(), 6),
                    interval(a.tuckerPhiCi95()));
        }
        if (s.valueOutcomes() != null) {
            s.valueOutcomes().outcomes().forEach((name, p) -> out.printf("value profile of %s vs %s: r = %s%s, same "
                    + "sign %s of values%n", name, p.reference(), Decimals.format(p.profileR(), 6),
                    interval(p.profileRCi95()), Decimals.format(p.signAgreement(), 6)));
        }
        out.println("results: " + outcome.dir());
    }

    /** " (95% CI low to high)", or nothing without an interval. */
    private static String interval(Interval ci) {
        return ci == null ? "" : " (95% CI " + Decimals.format(ci.low(), 6) + " to " + Decimals.format(ci.high(), 6) + ")";
    }
}
