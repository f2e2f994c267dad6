package org.valuesim.scenarios.study;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.valuesim.core.cache.SqliteCallCache;
import org.valuesim.core.embed.MiniLmEmbedder;
import org.valuesim.core.llm.CallCache;
import org.valuesim.core.llm.ModelGateway;
import org.valuesim.core.log.ResponseLog;
import org.valuesim.core.sim.PhaseListener;
import org.valuesim.results.ResultsFolder;
import org.valuesim.results.record.ResultsJson;
import org.valuesim.results.record.ResultsRecord;
import org.valuesim.results.record.RunManifest;
import org.valuesim.results.record.Summary;
import org.valuesim.results.report.StudyReport;
import org.valuesim.results.study.StudyResults;
import org.valuesim.results.study.StudyRun;
import org.valuesim.results.study.StudySummary;
import org.valuesim.scenarios.run.AccuracyRunner;
import org.valuesim.scenarios.run.Placement;
import org.valuesim.scenarios.run.ScenarioRunner;
import org.valuesim.scenarios.run.Version;
import org.valuesim.scenarios.scenario.InputException;

/**
 * Executes a study plan in this JVM: its runs one after another (on a cluster, several at once), each a normal run
 * folder under {@code runs/}, all through one model-call cache, then study.csv, study.json and study.html from the
 * run folders. A study folder can be resumed: completed runs are skipped, interrupted ones continue through their
 * response log, failed ones run again (the failed attempt is kept under {@code failed-runs/}).
 *
 * <p>The steps are separate so that other executors can reuse them: {@link #tasks} says what each planned run needs,
 * {@link #execute} runs tasks here, {@link #finish} writes the outputs from whatever the run folders hold.
 */
public final class StudyRunner {

    public static final String RUNS = "runs";
    public static final String FAILED_RUNS = "failed-runs";
    /** The study file as given, copied into the study folder. */
    public static final String STUDY_FILE = "study.yaml";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    /** Runs on a cluster beside each other hold at most this many agents together on this machine. */
    static final long AGENTS_AT_ONCE = 100_000;

    /** What a planned run needs when the study starts or resumes. */
    public enum Step {
        /** not started: run it */
        RUN,
        /** interrupted or killed: resume it from its response log */
        RESUME,
        /** failed (or a stopped accuracy run, which keeps no log): keep the attempt under failed-runs/ and run it again */
        RETRY,
        /** completed: skip it */
        DONE
    }

    /** A planned run, its folder and what it needs. */
    public record Task(PlannedRun run, Path dir, Step step) {
    }

    /** Hears about the runs as they go (the command line's progress). */
    public interface Listener {

        /** A run is about to start; returns what follows its agents (a progress bar), or {@link PhaseListener#NONE}. */
        default PhaseListener starting(Task task, int index, int total) {
            return PhaseListener.NONE;
        }

        /** A run ended (completed or failed); a skipped one is not reported. */
        default void ended(Task task, StudyRun run) {
        }

        Listener NONE = new Listener() {
        };
    }

    /** A finished (or partly finished) study: its folder, study.json's record and every run. */
    public record Outcome(Path dir, StudySummary summary, List<StudyRun> runs) {

        public List<StudyRun> unfinished() {
            return runs.stream().filter(r -> !r.completed()).toList();
        }
    }

    /** Where the runs' questions are answered: here, or by a cluster's members (accuracy runs always run here). */
    private final Placement placement;
    /** Which runs may start; closed once the study stops, which is the one record of that stop. */
    private final Admission admission;
    /** The runs in progress, for {@link #interrupt()}; guarded by this runner, like the stop's check beside it. */
    private final Set<ScenarioRunner> running = new HashSet<>();
    /** Why runs failed before their folder could record it, by run folder (relative to the study folder). */
    private final Map<String, String> failures = new ConcurrentHashMap<>();

    /**
     * @param placement  where the runs send their agents' questions: {@link Placement#HERE}, or a cluster's members
     * @param runsAtOnce how many runs may go at once (at least 1; the placement's {@link Placement#runsAtOnce()}
     *                   unless the user chose)
     */
    public StudyRunner(Placement placement, int runsAtOnce) {
        this.placement = placement;
        this.admission = new Admission(Math.max(1, runsAtOnce));
    }

    /** How many runs go at once (see {@link #execute}). */
    public int runsAtOnce() {
        return admission.atOnce;
    }

    /** The study folder: {@code out}, which must not exist or be empty, or results/&lt;name&gt;-&lt;timestamp&gt;. */
    public static Path outputFolder(StudyPlan plan, Path out) throws InputException {
        if (out != null) {
            if (Files.exists(out) && !ScenarioRunner.isEmptyFolder(out)) {
                throw new InputException(out + ": the output folder exists and is not empty; choose another --out "
                        + "(results already there are kept), or continue that study with --resume " + out);
            }
            return out;
        }
        String base = plan.name() + "-" + LocalDateTime.now().format(STAMP);
        Path dir = Path.of("results").resolve(base);
        for (int i = 2; Files.exists(dir); i++) {
            dir = Path.of("results").resolve(base + "-" + i);
        }
        return dir;
    }

    /**
     * What each planned run needs. A new study's folder must be empty; a resumed one must hold only runs of this
     * plan, each started from the same scenario (the same study file and --set options).
     */
    public static List<Task> tasks(StudyPlan plan, Path dir, boolean resume) throws InputException {
        List<Task> tasks = new ArrayList<>();
        if (!resume) {
            plan.runs().forEach(r -> tasks.add(new Task(r, dir.resolve(r.folder()), Step.RUN)));
            return tasks;
        }
        Path runs = dir.resolve(RUNS);
        if (!Files.isDirectory(runs)) {
            throw new InputException(dir + ": --resume needs the folder of a study (with runs/ in it); there is none");
        }
        Set<String> planned = plan.runs().stream().map(PlannedRun::name).collect(Collectors.toSet());
        try (Stream<Path> present = Files.list(runs)) {
            for (Path p : present.sorted().toList()) {
                if (!planned.contains(p.getFileName().toString())) {
                    throw new InputException(p + ": not a run of this study (" + plan.file() + "); resume with the "
                            + "same study file and --set options");
                }
            }
        } catch (IOException e) {
            throw new InputException(runs + ": cannot read: " + e.getMessage(), e);
        }
        ScenarioRunner checker = new ScenarioRunner();
        for (PlannedRun run : plan.runs()) {
            Path folder = dir.resolve(run.folder());
            tasks.add(new Task(run, folder, step(run, folder, checker)));
        }
        return tasks;
    }

    private static Step step(PlannedRun run, Path folder, ScenarioRunner checker) throws InputException {
        if (!Files.exists(folder) || ScenarioRunner.isEmptyFolder(folder)) {
            return Step.RUN;
        }
        RunManifest manifest;
        try {
            manifest = manifest(folder);
        } catch (IOException e) {
            throw new InputException(folder + ": its " + ResultsFolder.MANIFEST + " cannot be read: " + e.getMessage(), e);
        }
        if (manifest != null && RunManifest.COMPLETED.equals(manifest.status())) {
            try {
                String asRun = Files.readString(folder.resolve(ResultsFolder.SCENARIO));
                if (!asRun.equals(run.plan().file().asRunYaml())) {
                    throw new InputException(folder + ": that run was made from another scenario (its scenario.yaml "
                            + "differs); resume with the same study file and --set options");
                }
            } catch (IOException e) {
                throw new InputException(folder + ": cannot read its " + ResultsFolder.SCENARIO + ": " + e.getMessage(), e);
            }
            return Step.DONE;
        }
        if (manifest != null && RunManifest.FAILED.equals(manifest.status()) || run.plan().accuracy() != null) {
            // an accuracy run keeps no response log: a stopped one runs again, its answered calls from the cache
            return Step.RETRY;
        }
        checker.resumeFolder(run.plan(), folder);
        return Step.RESUME;
    }

    /**
     * Runs the tasks that need running, all through one model-call cache (the plan's cache file, opened here when any
     * run calls a model): one after another, or on a cluster several at once ({@link #runsAtOnce()}), so
     * that the members are not idle while this machine plans a run or writes one's results. A run that fails is
     * recorded and the others go on; after a Ctrl-C ({@link #interrupt()}) no further run starts.
     *
     * @return whether every task ran (false when interrupted)
     */
    public boolean execute(StudyPlan plan, Path dir, List<Task> tasks, Listener listener) throws IOException,
            InputException {
        Files.createDirectories(dir.resolve(RUNS));
        Path copy = dir.resolve(STUDY_FILE);
        if (!Files.exists(copy)) {
            Files.writeString(copy, Files.readString(plan.file()));
        }
        // one embedding model for every run that reads text by similarity: loaded once, each text embedded once
        ScenarioRunner.Embedders embedder = new ScenarioRunner.Embedders() {
            private MiniLmEmbedder shared;

            @Override
            public synchronized MiniLmEmbedder get() throws InputException {
                if (shared == null) {
                    shared = ScenarioRunner.embedder();
                }
                return shared;
            }
        };
        try (CallCache cache = plan.cache() == null ? null : openCache(plan)) {
            List<Task> todo = tasks.stream().filter(t -> t.step() != Step.DONE).toList();
            if (admission.atOnce <= 1) {
                for (int i = 0; i < todo.size(); i++) {
                    if (!runOne(dir, todo.get(i), i + 1, todo.size(), cache, embedder, listener)) {
                        return false;
                    }
                }
                return true;
            }
            return executeAtOnce(dir, todo, cache, embedder, listener);
        }
    }

    /** Runs the tasks in their order, each as soon as the {@link Admission} lets it start. */
    private boolean executeAtOnce(Path dir, List<Task> todo, CallCache cache, ScenarioRunner.Embedders embedder,
                                  Listener listener) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(admission.atOnce, r -> {
            Thread t = new Thread(r, "valuesim-study-run");
            t.setDaemon(true);
            return t;
        });
        List<Future<Boolean>> started = new ArrayList<>();
        try {
            for (int i = 0; i < todo.size(); i++) {
                Task task = todo.get(i);
                Load load = Load.of(task);
                if (!admission.enter(load)) {
                    break;
                }
                int index = i + 1;
                started.add(pool.submit(() -> {
                    try {
                        return runOne(dir, task, index, todo.size(), cache, embedder, listener);
                    } finally {
                        admission.leave(load);
                    }
                }));
            }
            boolean whole = true;
            for (Future<Boolean> run : started) {
                whole &= run.get();
            }
            return whole && !admission.closed();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            interrupt();
            return false;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdown();
        }
    }

    /**
     * What a run holds on this machine while it goes: its population, or the machine to itself (an accuracy run,
     * which runs here whatever the placement, runs alone).
     */
    record Load(long agents, boolean alone) {

        static Load of(Task task) {
            return task.run().plan().accuracy() != null ? new Load(0, true)
                    : new Load(Math.max(1, task.run().plan().size()), false);
        }
    }

    /**
     * Which runs may start beside those going: fewer than {@code atOnce} of them, holding at most
     * {@link #AGENTS_AT_ONCE} agents together, and none beside a run that goes alone; a run that does not fit starts
     * when none is going (so this machine holds one big population at a time). Each run's end wakes the runs
     * waiting; the study's stop wakes them too, and from then on none starts.
     */
    static final class Admission {
        private final int atOnce;
        private int going;
        private long agents;
        private boolean aloneGoing;
        private boolean closed;

        Admission(int atOnce) {
            this.atOnce = atOnce;
        }

        /** Waits until the run may start; false when the study was stopped meanwhile. */
        synchronized boolean enter(Load run) throws InterruptedException {
            while (!closed && !fits(run)) {
                wait();
            }
            if (closed) {
                return false;
            }
            going++;
            agents += run.agents();
            aloneGoing |= run.alone();
            return true;
        }

        private boolean fits(Load run) {
            return going == 0
                    || !aloneGoing && !run.alone() && going < atOnce && run.agents() <= AGENTS_AT_ONCE - agents;
        }

        synchronized void leave(Load run) {
            going--;
            agents -= run.agents();
            aloneGoing &= !run.alone();
            notifyAll();
        }

        /** No run starts from now on; returns false when the admission was closed already. */
        synchronized boolean close() {
            if (closed) {
                return false;
            }
            closed = true;
            notifyAll();
            return true;
        }

        /** Whether the study was stopped. */
        synchronized boolean closed() {
            return closed;
        }
    }

    /** Runs one task; false when the study was stopped before or while it ran. */
    private boolean runOne(Path dir, Task task, int index, int total, CallCache cache,
                           ScenarioRunner.Embedders embedder, Listener listener) throws IOException {
        ScenarioRunner runner = new ScenarioRunner(cache, embedder, placement);
        synchronized (this) {
            if (admission.closed()) {
                return false;
            }
            running.add(runner);
        }
        if (task.step() == Step.RETRY) {
            keepFailedAttempt(dir, task);
        }
        PhaseListener progress = listener.starting(task, index, total);
        String reason = null;
        try {
            if (task.run().plan().accuracy() != null) {
                new AccuracyRunner(cache, embedder).run(task.run().plan(), task.dir(), ModelGateway.CacheMode.USE);
            } else {
                runner.run(task.run().plan(), task.dir(), progress, ModelGateway.CacheMode.USE,
                        task.step() == Step.RESUME ? ScenarioRunner.Durability.RESUME
                                : ScenarioRunner.Durability.LOGGED);
            }
        } catch (IOException | InputException | RuntimeException e) {
            reason = String.valueOf(e.getMessage());
            failures.put(task.run().folder(), reason);
        }
        synchronized (this) {
            running.remove(runner);
            if (admission.closed()) {
                return false;
            }
        }
        listener.ended(task, read(dir, task.run(), reason));
        return true;
    }

    /**
     * Stops the study on Ctrl-C: no further run starts, and the runs in progress are stopped as {@code run} stops one
     * (each response log synced, each manifest marked interrupted). Returns whether a study was running.
     */
    public synchronized boolean interrupt() {
        // closed under this runner's lock, so a run either sees the stop before it starts or is in running here
        if (!admission.close()) {
            return false;
        }
        running.forEach(ScenarioRunner::interrupt);
        return true;
    }

    /** Writes the study's outputs from its run folders and what this runner saw fail. */
    public Outcome finish(StudyPlan plan, Path dir) throws IOException {
        return finish(plan, dir, failures);
    }

    /**
     * Reads every planned run's folder back and writes study.csv, study.json and study.html: the same run folders
     * give the same files.
     *
     * @param failures why runs failed before their folder recorded it, by run folder (relative to the study folder)
     */
    public static Outcome finish(StudyPlan plan, Path dir, Map<String, String> failures) throws IOException {
        List<StudyRun> runs = new ArrayList<>();
        for (PlannedRun run : plan.runs()) {
            runs.add(read(dir, run, failures.get(run.folder())));
        }
        StudyResults results = new StudyResults(plan.design(), runs);
        StudySummary summary = results.write(dir);
        StudyReport.write(dir, results, summary, Version.valuesim());
        return new Outcome(dir, summary, runs);
    }

    /**
     * A run as its folder holds it.
     *
     * @param failure why it failed when that is known here and not in the folder (it failed before writing it), or null
     */
    static StudyRun read(Path dir, PlannedRun run, String failure) throws IOException {
        Path folder = dir.resolve(run.folder());
        String name = run.condition().name();
        RunManifest manifest = Files.isDirectory(folder) ? manifest(folder) : null;
        if (manifest == null) {
            return new StudyRun(name, run.replicate(), run.seed(), run.folder(),
                    failure == null ? StudyRun.NOT_RUN : RunManifest.FAILED, failure, null);
        }
        String status = manifest.status();
        if (RunManifest.COMPLETED.equals(status)) {
            Summary summary = ResultsRecord.read(folder).summary();
            return new StudyRun(name, run.replicate(), run.seed(), run.folder(), status, null, summary);
        }
        String reason = manifest.error() != null ? manifest.error() : RunManifest.RUNNING.equals(status)
                ? "stopped while running (the process was killed); --resume continues it" : failure;
        return new StudyRun(name, run.replicate(), run.seed(), run.folder(), status, reason, null);
    }

    private static RunManifest manifest(Path folder) throws IOException {
        Path file = folder.resolve(ResultsFolder.MANIFEST);
        return Files.isRegularFile(file) ? ResultsJson.read(file, RunManifest.class) : null;
    }

    /** Moves a failed run's folder to failed-runs/&lt;run&gt;-&lt;n&gt; before it runs again. */
    private static void keepFailedAttempt(Path dir, Task task) throws IOException {
        Path kept = Files.createDirectories(dir.resolve(FAILED_RUNS));
        Path target;
        int n = 1;
        do {
            target = kept.resolve(task.run().name() + "-" + n++);
        } while (Files.exists(target));
        Files.move(task.dir(), target);
    }

    /** The study's one model-call cache. */
    private static CallCache openCache(StudyPlan plan) throws InputException {
        try {
            return SqliteCallCache.open(Path.of(plan.cache()), 100_000);
        } catch (IOException e) {
            throw new InputException(plan.file() + ": base.cache: cannot open the model-call cache " + plan.cache()
                    + ": " + e.getMessage(), e);
        }
    }
}
