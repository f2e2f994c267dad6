package org.valuesim.scenarios.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.valuesim.core.sim.PhaseListener;
import org.valuesim.results.study.StudyRun;
import org.valuesim.results.study.StudySummary;
import org.valuesim.results.write.Decimals;
import org.valuesim.scenarios.cluster.Coordinator;
import org.valuesim.scenarios.cluster.GridCounter;
import org.valuesim.scenarios.run.Placement;
import org.valuesim.scenarios.scenario.InputException;
import org.valuesim.scenarios.study.PlannedRun;
import org.valuesim.scenarios.study.StudyPlan;
import org.valuesim.scenarios.study.StudyPlanner;
import org.valuesim.scenarios.study.StudyRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "study", mixinStandardHelpOptions = true,
        description = {"Run a study: a base scenario under several conditions (vary: or conditions:) and replicates, "
                + "each a run folder under runs/, all through one model-call cache; then study.csv, study.json and "
                + "study.html.", "Writes results/<name>-<yyyyMMdd-HHmmss>/ unless --out."})
final class StudyCommand implements Callable<Integer> {

    @Parameters(paramLabel = "STUDY.yaml", description = "The study file.")
    Path study;

    @Option(names = "--out", paramLabel = "DIR", description = "Study folder; must not exist or be empty.")
    Path out;

    @Option(names = "--resume", paramLabel = "DIR", description = "Continue an interrupted study in its folder: "
            + "completed runs are skipped, interrupted ones resume, failed ones run again.")
    Path resume;

    @Mixin
    SetOptions set;

    @Mixin
    ClusterOptions clusterOptions;

    @Option(names = "--runs-at-once", paramLabel = "N", description = "With --cluster: runs going at once, so that "
            + "the members stay busy while this machine plans runs and writes results (default: 2 per member at "
            + "the start, at most 16).")
    Integer runsAtOnce;

    @Option(names = "--quiet", description = "No progress and no summary on stdout.")
    boolean quiet;

    @Mixin
    DebugOption debug;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (resume != null && out != null) {
            throw new InputException("--resume continues in the interrupted study's folder: leave out --out");
        }
        if (runsAtOnce != null) {
            if (!clusterOptions.clustered()) {
                throw new InputException("--runs-at-once is for a study on a cluster: give --cluster NAME");
            }
            OptionRanges.require("--runs-at-once", runsAtOnce, 1, 256, null);
        }
        StudyPlan plan = new StudyPlanner().plan(study, set.overrides());
        Path dir = resume != null ? resume : StudyRunner.outputFolder(plan, out);
        List<StudyRunner.Task> tasks = StudyRunner.tasks(plan, dir, resume != null);
        if (clusterOptions.clustered()) {
            for (var run : plan.runs()) {
                if (run.plan().accuracy() == null) {
                    Coordinator.check(run.plan());
                }
            }
        }
        GridCounter grid = clusterOptions.clustered() ? new GridCounter() : null;
        try (Coordinator coordinator = grid == null ? null : clusterOptions.connect(grid)) {
            Placement placement = coordinator == null ? Placement.HERE : coordinator;
            StudyRunner runner = new StudyRunner(placement, runsAtOnce == null ? placement.runsAtOnce() : runsAtOnce);
            return execute(plan, dir, tasks, runner, grid);
        }
    }

    /** @param grid the cluster's counters, or null for a study on this machine */
    private Integer execute(StudyPlan plan, Path dir, List<StudyRunner.Task> tasks, StudyRunner runner,
                            GridCounter grid) throws Exception {
        var err = spec.commandLine().getErr();
        var stdout = spec.commandLine().getOut();
        CompilerNote.forRuns(plan.runs().stream().map(PlannedRun::plan).toList(), CompilerNote.tieredStopAtLevel())
                .ifPresent(note -> err.println("note: " + note));
        Thread onInterrupt = new Thread(() -> {
            if (runner.interrupt()) {
                err.println();
                err.println("interrupted: finished runs and the answers so far are in " + dir);
                err.println("resume with: valuesim study " + study + set.asArguments() + " --resume " + dir);
                err.flush();
            }
        }, "valuesim-interrupt");
        java.util.concurrent.atomic.AtomicBoolean lost = new java.util.concurrent.atomic.AtomicBoolean();
        if (grid != null) {
            grid.onLost(() -> {
                if (runner.interrupt()) {
                    lost.set(true);
                    err.println("error: lost every member of cluster " + clusterOptions.cluster + "; finished runs and "
                            + "the answers so far are in " + dir + "; resume with: valuesim study " + study
                            + set.asArguments() + " --resume " + dir + " --cluster " + clusterOptions.cluster
                            + " --join ...");
                    err.flush();
                }
            });
        }
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        boolean whole;
        try {
            whole = runner.execute(plan, dir, tasks, progress(stdout, grid, runner.runsAtOnce() > 1));
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already stopping: the hook runs
            }
        }
        if (!whole) {
            return lost.get() ? ValuesimCommand.FAILED : 130;
        }
        StudyRunner.Outcome outcome = runner.finish(plan, dir);
        if (!quiet) {
            printSummary(outcome.summary(), stdout);
            stdout.println("study: " + dir + " (study.csv, study.json, study.html; runs under runs/)");
        }
        List<StudyRun> unfinished = outcome.unfinished();
        if (!unfinished.isEmpty()) {
            Map<String, Integer> reasons = new LinkedHashMap<>();
            unfinished.forEach(r -> reasons.merge(r.status() + ": " + r.reason(), 1, Integer::sum));
            var commonest = reasons.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
            err.println("error: " + unfinished.size() + " of " + outcome.runs().size() + " runs did not complete; "
                    + "commonest (" + commonest.getValue() + "): " + commonest.getKey() + " (see " + dir.resolve(
                    org.valuesim.results.report.StudyReport.REPORT) + "; --resume " + dir + " runs them again)");
            return ValuesimCommand.FAILED;
        }
        return 0;
    }

    /**
     * A line per run and, for runs one at a time, the run's progress bar; runs going at once (a study on a cluster)
     * get no bar each, but a line when each ends with the cluster's figures.
     */
    private StudyRunner.Listener progress(java.io.PrintWriter stdout, GridCounter grid, boolean atOnce) {
        return new StudyRunner.Listener() {
            PhaseListener bar = PhaseListener.NONE;

            @Override
            public synchronized PhaseListener starting(StudyRunner.Task task, int index, int total) {
                if (!quiet) {
                    stdout.printf("run %d of %d: %s (seed %d)%s%n", index, total, task.run().folder(), task.run().seed(),
                            task.step() == StudyRunner.Step.RESUME ? ", resuming" : task.step() == StudyRunner.Step.RETRY
                                    ? ", again after it failed or stopped" : "");
                    stdout.flush();
                }
                if (atOnce) {
                    return PhaseListener.NONE;
                }
                var p = task.run().plan();
                bar = ProgressDisplay.create(Math.max(0, p.size()), Math.max(0, p.size()) * p.movesPerAgent(), quiet,
                        spec.commandLine().getErr(), grid == null ? null : grid::line);
                return bar;
            }

            @Override
            public synchronized void ended(StudyRunner.Task task, StudyRun run) {
                ProgressDisplay.closeIfOpen(bar);
                if (quiet) {
                    return;
                }
                if (!run.completed()) {
                    stdout.printf("  %s: %s%n", run.status(), run.reason());
                } else if (atOnce) {
                    stdout.printf("  %s %s (%s)%n", task.run().folder(), run.status(), grid.line());
                }
                stdout.flush();
            }
        };
    }

    /** Each condition's headline means, one line each. */
    private static void printSummary(StudySummary summary, java.io.PrintWriter out) {
        List<String> shown = summary.headline().stream().limit(3).toList();
        for (StudySummary.Condition c : summary.conditions()) {
            StringBuilder line = new StringBuilder(c.name()).append(':');
            for (String statistic : shown) {
                StudySummary.Estimate e = c.statistics().get(statistic);
                if (e != null) {
                    line.append(' ').append(statistic).append(" = ").append(Decimals.readable(e.mean()));
                    if (e.ci95() != null) {
                        line.append(" [").append(Decimals.readable(e.ci95().low())).append(", ")
                                .append(Decimals.readable(e.ci95().high())).append(']');
                    }
                }
            }
            long done = c.runs().stream().filter(r -> StudyRun.COMPLETED.equals(r.status())).count();
            out.println(line.append(" (").append(done).append(" of ").append(c.runs().size()).append(" runs)"));
        }
    }
}
