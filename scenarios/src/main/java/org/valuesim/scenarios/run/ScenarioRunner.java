package org.valuesim.scenarios.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Stream;
import org.valuesim.core.persona.Persona;
import org.valuesim.core.llm.BudgetExceeded;
import org.valuesim.core.llm.CallsStopped;
import org.valuesim.core.llm.ModelGateway;
import org.valuesim.core.llm.batch.BatchListener;
import org.valuesim.core.embed.MiniLmEmbedder;
import org.valuesim.core.log.LoggedRespondent;
import org.valuesim.core.log.ResponseLog;
import org.valuesim.core.respond.CapsRespondent;
import org.valuesim.core.respond.SemanticRespondent;
import org.valuesim.core.instrument.Instrument;
import org.valuesim.core.semantic.PersonaReader;
import org.valuesim.core.semantic.SemanticCalibration;
import org.valuesim.core.semantic.ValueCircle;
import org.valuesim.core.respond.LlmRespondent;
import org.valuesim.populations.preset.PresetCatalog;
import org.valuesim.scenarios.catalog.InstrumentCatalog;
import org.valuesim.core.respond.PaperRespondent;
import org.valuesim.core.respond.Prompts;
import org.valuesim.core.respond.PsychometricRespondent;
import org.valuesim.scenarios.scenario.Scenario;
import org.valuesim.core.respond.Respondent;
import org.valuesim.core.sim.PersonaSource;
import org.valuesim.core.sim.PhaseListener;
import org.valuesim.core.sim.ValueSimulation;
import org.valuesim.results.ResultsFolder;
import org.valuesim.results.write.ResultsFormat;
import org.valuesim.results.report.RunReport;
import org.valuesim.results.record.ResultsJson;
import org.valuesim.results.record.RunManifest;
import org.valuesim.results.record.RunSummary;
import org.valuesim.results.stats.Resampling;
import org.valuesim.scenarios.scenario.InputException;

/**
 * Runs a plan end to end: population, MASON simulation, results folder. Nothing is written until
 * the output folder is known to be free; a run that fails after that leaves a manifest saying so.
 */
public final class ScenarioRunner {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    /** The model-call cache this runner's runs share (a study's), or null: each run opens its scenario's. */
    private final org.valuesim.core.llm.CallCache sharedCache;
    /** Where this runner's runs get the sentence-embedding model: a new one per run, or one a study shares. */
    private final Embedders embedders;
    private final Placement placement;
    /** The files answers and agents go into; null: as {@link ResultsFormat#forAgents} says for the run's size. */
    private ResultsFormat format;

    /** Gives the sentence-embedding model to respondents that read text by similarity (semantic, rag). */
    @FunctionalInterface
    public interface Embedders {
        MiniLmEmbedder get() throws InputException;
    }

    public ScenarioRunner() {
        this(Placement.HERE);
    }

    /** A runner whose questions are answered where the placement says (a cluster's members). */
    public ScenarioRunner(Placement placement) {
        this(null, ScenarioRunner::embedder, placement);
    }

    /**
     * @param sharedCache a cache every run of this runner uses (a study's; the caller closes it), or null
     * @param embedders   the embedding model each run uses (a study's runs share one, loaded once)
     */
    public ScenarioRunner(org.valuesim.core.llm.CallCache sharedCache, Embedders embedders) {
        this(sharedCache, embedders, Placement.HERE);
    }

    /** A study's runner on a cluster: the study's cache and embedding model here, the questions where placed. */
    public ScenarioRunner(org.valuesim.core.llm.CallCache sharedCache, Embedders embedders, Placement placement) {
        this.sharedCache = sharedCache;
        this.embedders = embedders;
        this.placement = placement;
    }

    /**
     * Writes answers and agents as CSV, Parquet or both whatever the run's size (run --format); a resumed run writes the
     * files its interrupted run started unless told otherwise.
     */
    public ScenarioRunner format(ResultsFormat chosen) {
        this.format = chosen;
        return this;
    }

    /** The format of a run of this many agents in dir: the one chosen, the interrupted run's, or the default. */
    private ResultsFormat filesFor(Path dir, long agents, Durability durability) {
        if (format != null) {
            return format;
        }
        boolean csv = Files.exists(dir.resolve(ResultsFolder.RESPONSES));
        boolean parquet = Files.exists(dir.resolve(ResultsFolder.RESPONSES_PARQUET));
        if (durability == Durability.RESUME && (csv || parquet)) {
            return csv && parquet ? ResultsFormat.BOTH : csv ? ResultsFormat.CSV : ResultsFormat.PARQUET;
        }
        return ResultsFormat.forAgents(agents);
    }

    /** Picks the results folder: --out, or results/&lt;name&gt;-&lt;timestamp&gt; (suffixed if taken). */
    public Path outputFolder(RunPlan plan, RunOptions options) throws InputException {
        if (options.out() != null) {
            if (Files.exists(options.out()) && !isEmptyFolder(options.out())) {
                throw new InputException(options.out() + ": the output folder exists and is not empty; "
                        + "choose another --out (results already there are kept)");
            }
            return options.out();
        }
        String base = plan.name() + "-" + LocalDateTime.now().format(STAMP);
        Path dir = options.resultsRoot().resolve(base);
        for (int i = 2; Files.exists(dir); i++) {
            dir = options.resultsRoot().resolve(base + "-" + i);
        }
        return dir;
    }

    /** How a run keeps its answers: in the durable response log (the default), without it, or resuming one. */
    public enum Durability { LOGGED, UNLOGGED, RESUME }

    /** The run in progress, for {@link #interrupt()}; null when none. */
    private Active active;

    /** What a Ctrl-C needs of a run in progress. */
    private static final class Active {
        final Path dir;
        final RunManifest.Builder manifest;
        final ResultsFolder results;
        final Models models;
        final ResponseLog log;
        final double spentBefore;
        boolean over;

        Active(Path dir, RunManifest.Builder manifest, ResultsFolder results, Models models, ResponseLog log,
               double spentBefore) {
            this.spentBefore = spentBefore;
            this.dir = dir;
            this.manifest = manifest;
            this.results = results;
            this.models = models;
            this.log = log;
        }
    }

    /**
     * Checks that a folder holds an interrupted run of this plan: its scenario as run is the plan's, it has a
     * response log, and it did not complete.
     */
    public Path resumeFolder(RunPlan plan, Path dir) throws InputException {
        if (!Files.isDirectory(dir)) {
            throw new InputException(dir + ": --resume needs the folder of an interrupted run; there is none");
        }
        try {
            Path asRun = dir.resolve(ResultsFolder.SCENARIO);
            if (!Files.isRegularFile(asRun)
                    || !withoutBudget(Files.readString(asRun)).equals(withoutBudget(plan.file().asRunYaml()))) {
                throw new InputException(dir + ": the run there was not started from this scenario and seed "
                        + "(its scenario.yaml differs); resume with the same scenario file, --set options and --seed "
                        + "(only budget-usd may change)");
            }
            if (!Files.isRegularFile(dir.resolve(ResponseLog.FILE))) {
                throw new InputException(dir + ": no " + ResponseLog.FILE + " to resume from (was it run with --no-log?)");
            }
            Path manifest = dir.resolve(ResultsFolder.MANIFEST);
            if (Files.isRegularFile(manifest)) {
                RunManifest written = ResultsJson.read(manifest, RunManifest.class);
                if (RunManifest.COMPLETED.equals(written.status())) {
                    throw new InputException(dir + ": that run completed; there is nothing to resume");
                }
                if (written.seed() != null && written.seed() != plan.seed()) {
                    throw new InputException(dir + ": that run used seed " + written.seed() + ", not " + plan.seed()
                            + "; resume with --seed " + written.seed());
                }
            }
        } catch (IOException e) {
            throw new InputException(dir + ": cannot read the run: " + e.getMessage(), e);
        }
        return dir;
    }

    /** A scenario as run without its budget, which a resumed run may raise. */
    private static String withoutBudget(String asRunYaml) {
        return asRunYaml.replaceAll("(?m)^budget-usd: .*\\R", "");
    }

    /**
     * Stops recording a run in progress (on Ctrl-C): syncs the response log and writes a manifest marked
     * interrupted with the counts so far. Returns the run's folder, or empty when no run is in progress.
     */
    public synchronized java.util.Optional<Path> interrupt() {
        Active run = active;
        if (run == null || run.over) {
            return java.util.Optional.empty();
        }
        run.over = true;
        try {
            if (run.log != null) {
                run.log.close();
            }
        } catch (IOException e) {
            run.manifest.logError(String.valueOf(e.getMessage()));
        }
        RunRecords.account(run.manifest.finished(RunManifest.INTERRUPTED, Instant.now()), null, run.results, run.models);
        cost(run.manifest, run.models, run.spentBefore);
        if (run.log != null) {
            run.manifest.responseLog(RunRecords.log(run.log));
        }
        try {
            run.results.writeManifest(run.manifest.build());
        } catch (IOException e) {
            // the log holds the answers; a manifest left saying "running" resumes the same way
        }
        return java.util.Optional.of(run.dir);
    }

    public RunOutcome run(RunPlan plan, Path dir, PhaseListener listener) throws IOException, InputException {
        return run(plan, dir, listener, ModelGateway.CacheMode.USE);
    }

    public RunOutcome run(RunPlan plan, Path dir, PhaseListener listener, ModelGateway.CacheMode cacheMode)
            throws IOException, InputException {
        return run(plan, dir, listener, cacheMode, Durability.LOGGED);
    }

    /**
     * @param cacheMode  how model calls use the cache (--no-cache, --refresh-cache)
     * @param durability whether answers go through the response log, and whether an earlier run's log is resumed
     */
    public RunOutcome run(RunPlan plan, Path dir, PhaseListener listener, ModelGateway.CacheMode cacheMode,
                          Durability durability) throws IOException, InputException {
        double spentBefore = durability == Durability.RESUME ? spentBefore(dir) : 0;
        try (Models models = new Models(plan.file(), cacheMode, spentBefore, sharedCache)) {
            Respondent local = respondent(plan, models, embedders);
            Prompts prompts = prompts(plan);
            List<Persona> personas = plan.individuals()
                    ? new Planner(new PresetCatalog(), new InstrumentCatalog()).population(plan.file(), plan.seed(), models)
                            .personas()
                    : null;
            Respondent respondent = placement.place(plan, cacheMode, models, local, personas != null ? personas.size() : plan.size());
            return run(plan, dir, listener, respondent, prompts, models, personas, durability);
        }
    }

    /** What the interrupted run being resumed spent on models, from its manifest (0 when it recorded none). */
    private static double spentBefore(Path dir) throws IOException {
        Path manifest = dir.resolve(ResultsFolder.MANIFEST);
        if (!Files.isRegularFile(manifest)) {
            return 0;
        }
        java.math.BigDecimal spent = ResultsJson.read(manifest, RunManifest.class).costUsd();
        return spent == null ? 0 : spent.doubleValue();
    }

    /**
     * Where the embedding model's native files go: .valuesim/native beside the model-call cache (or the
     * folder the system property valuesim.native.dir names), never the home folder.
     */
    static Path nativeFolder() {
        return Path.of(System.getProperty("valuesim.native.dir", ".valuesim/native"));
    }

    public static MiniLmEmbedder embedder() throws InputException {
        Path folder = nativeFolder();
        try {
            MiniLmEmbedder.useWorkFolder(folder);
            return new MiniLmEmbedder();
        } catch (IOException e) {
            throw new InputException(folder + ": cannot prepare the embedding model's folder: " + e.getMessage(), e);
        }
    }

    /** The respondent the scenario names. */
    public static Respondent respondent(RunPlan plan, Models models) throws InputException {
        return respondent(plan, models, ScenarioRunner::embedder);
    }

    private static Respondent respondent(RunPlan plan, Models models, Embedders embedders) throws InputException {
        Scenario.Respondent spec = plan.file().scenario().respondent();
        if (spec.kind() == Scenario.RespondentKind.PSYCHOMETRIC) {
            return new PsychometricRespondent(plan.preset().itemModels(), plan.preset().latent(), plan.seed());
        }
        if (spec.kind() == Scenario.RespondentKind.SEMANTIC) {
            return semantic(plan, prompts(plan), embedders);
        }
        return respondent(spec, models, prompts(plan), plan.seed(), embedders);
    }

    /**
     * The semantic respondent of a run: calibrated by the population's preset, or for imported individuals by the
     * presets of their person-level folds; it draws each persona (SIMULATE) unless the scenario asks for argmax.
     */
    private static Respondent semantic(RunPlan plan, Prompts prompts, Embedders embedders) throws InputException {
        ValueCircle circle = SemanticSetup.circle(embedders.get(), prompts, plan.instruments());
        PersonaReader reader = new PersonaReader(circle, p -> prompts.system(p, true));
        SemanticRespondent.Mode mode = plan.file().scenario().respondent().choice() == Scenario.Choice.ARGMAX
                ? SemanticRespondent.Mode.PREDICT : SemanticRespondent.Mode.SIMULATE;
        if (plan.individuals()) {
            Planner.Imported imported = new Planner(new PresetCatalog(), new InstrumentCatalog())
                    .imported(plan.file(), plan.seed());
            return new SemanticRespondent(reader, SemanticSetup.byFolds(imported.folds(), imported.instrument(), circle),
                    imported.population(), plan.seed(), mode);
        }
        String measured = plan.preset().instrument();
        Instrument instrument = plan.instruments().stream().filter(i -> i.id().equals(measured)).findFirst()
                .orElse(new InstrumentCatalog().builtIn(measured).orElse(null));
        SemanticCalibration calibration = SemanticSetup.calibration(plan.preset(), instrument, circle);
        return new SemanticRespondent(reader, p -> calibration, plan.preset().latent(), plan.seed(), mode);
    }

    /** The built-in prompts with the scenario's replacements, for its protocol. */
    public static Prompts prompts(RunPlan plan) throws InputException {
        return prompts(plan.file());
    }

    /** The built-in prompts with the scenario's replacements, for its protocol. */
    public static Prompts prompts(org.valuesim.scenarios.scenario.ScenarioFile file) throws InputException {
        return prompts(file, java.util.Map.of(), "/respondent/prompts");
    }

    /**
     * The built-in prompts with the scenario's replacements and then the given ones, for its protocol.
     *
     * @param at the field to blame when a file cannot be used
     */
    public static Prompts prompts(org.valuesim.scenarios.scenario.ScenarioFile file, java.util.Map<String, Path> more,
                                  String at) throws InputException {
        return prompts(file, more, at, protocol(file.scenario().respondent()));
    }

    /** As {@link #prompts(org.valuesim.scenarios.scenario.ScenarioFile, java.util.Map, String)}, for a protocol. */
    public static Prompts prompts(org.valuesim.scenarios.scenario.ScenarioFile file, java.util.Map<String, Path> more,
                                  String at, org.valuesim.core.respond.Protocol protocol) throws InputException {
        Scenario.Respondent spec = file.scenario().respondent();
        java.util.Map<String, Path> overrides = new java.util.HashMap<>();
        if (spec.prompts() != null) {
            spec.prompts().forEach((name, prompt) -> overrides.put(name, file.resolve(prompt)));
        }
        overrides.putAll(more);
        try {
            return Prompts.load(overrides, protocol);
        } catch (IOException | IllegalArgumentException e) {
            throw file.error(at, "cannot use a prompt file: " + e.getMessage());
        }
    }

    /** The respondent's protocol in sim-core's terms (valuesim when the scenario names none). */
    public static org.valuesim.core.respond.Protocol protocol(Scenario.Respondent spec) {
        return spec.protocol() == Scenario.Protocol.PAPER ? org.valuesim.core.respond.Protocol.PAPER
                : org.valuesim.core.respond.Protocol.VALUESIM;
    }

    /** A model-backed respondent as the spec describes it, for runs and for the accuracy benchmark alike. */
    public static Respondent respondent(Scenario.Respondent spec, Models models, Prompts prompts, long seed)
            throws InputException {
        return respondent(spec, models, prompts, seed, ScenarioRunner::embedder);
    }

    /** As {@link #respondent(Scenario.Respondent, Models, Prompts, long)}, with the embedding model from {@code embedders}. */
    public static Respondent respondent(Scenario.Respondent spec, Models models, Prompts prompts, long seed,
                                        Embedders embedders) throws InputException {
        Scenario.Model model = models.scenarioFile().scenario().models().get(spec.model());
        var gateway = models.gateway(spec.model(), "/respondent/model");
        org.valuesim.core.respond.Protocol protocol = protocol(spec);
        if (spec.kind() == Scenario.RespondentKind.BACKSTORY_CAPS) {
            return new CapsRespondent(gateway, prompts, spec.integration() == Scenario.Integration.AVERAGE
                    ? CapsRespondent.Integration.AVERAGE : CapsRespondent.Integration.COORDINATOR,
                    models.temperature(spec.model()), protocol);
        }
        String kind = switch (spec.kind()) {
            case NAIVE -> "naive";
            case FULL_PROFILE -> "full-profile";
            case RAG -> "rag";
            default -> "value-prompt";
        };
        LlmRespondent.Retrieval retrieval = spec.kind() == Scenario.RespondentKind.RAG
                ? new LlmRespondent.Retrieval(embedders.get(), spec.topK(), spec.threshold()) : null;
        if (protocol == org.valuesim.core.respond.Protocol.PAPER && !kind.equals("value-prompt")) {
            return new PaperRespondent(kind, gateway, prompts, models.temperature(spec.model()), retrieval);
        }
        return new LlmRespondent(kind, gateway, prompts,
                Models.answerMode(model) == Scenario.AnswerMode.SAMPLE ? LlmRespondent.AnswerMode.SAMPLE
                        : LlmRespondent.AnswerMode.LOGPROBS,
                model.samples() == null ? 1 : model.samples(), models.temperature(spec.model()),
                spec.choice() == Scenario.Choice.DRAW ? LlmRespondent.Choice.DRAW : LlmRespondent.Choice.ARGMAX, seed,
                retrieval, spec.itemsPerCall() == null ? 1 : spec.itemsPerCall());
    }

    /**
     * @param imported the personas of imported individuals, or null to draw them from the preset
     */
    private RunOutcome run(RunPlan plan, Path dir, PhaseListener listener, Respondent direct, Prompts prompts,
                           Models models, List<Persona> imported, Durability durability) throws IOException {
        long t0 = System.nanoTime();
        RunManifest.Builder manifest = new RunManifest.Builder(Version.valuesim(), Version.mason())
                .scenario(plan.name(), plan.file().path().toString(), plan.seed()).respondent(direct.kind())
                .started(Instant.now());
        double spentBefore = models.budget() == null ? 0 : models.budget().spent();
        ResponseLog log = durability == Durability.UNLOGGED ? null : openLog(dir, durability);
        Respondent respondent = log == null ? direct : new LoggedRespondent(direct, log);
        if (log != null) {
            manifest.responseLog(RunRecords.log(log));
        }
        ResultsFormat files = filesFor(dir, imported != null ? imported.size() : plan.size(), durability);
        try (ResultsFolder results = ResultsFolder.create(dir, plan.file().asRunYaml(), plan.instruments(), files)) {
            if (!plan.outcomes().isEmpty()) {
                results.compareOutcomes(plan.outcomes());
            }
            Active run = new Active(dir, manifest, results, models, log, spentBefore);
            synchronized (this) {
                active = run;
            }
            results.writeManifest(manifest.build());
            Integer agents = plan.size() >= 0 ? plan.size() : null;
            try {
                PersonaSource personas = imported != null ? PersonaSource.of(imported) : plan.strategy().source(
                        plan.preset(), plan.size(), plan.seed(), plan.fixedDemographics());
                agents = personas.size();
                if (plan.dilemmas().isEmpty() && plan.outcomes().isEmpty()) {
                    results.writeAgentsAsScored(personas.demographics());
                }
                long t1 = System.nanoTime();
                long[] surveyDone = {t1};
                models.enableBatches(dir, listener instanceof BatchListener b ? b : BatchListener.NONE);
                ValueSimulation simulation = new ValueSimulation(plan.seed(), personas, respondent, plan.instruments(),
                        answers -> {
                            results.accept(answers);
                            surveyDone[0] = System.nanoTime();
                        }, listener, plan.dilemmas(), prompts, round -> {
                            results.accept(round);
                            listener.roundDone(round);
                        }, models::flushBatches);
                simulation.runToEnd();
                respondent.close();
                synchronized (this) {
                    if (run.over) {
                        throw new IOException("the run was interrupted");
                    }
                    run.over = true;
                }
                if (log != null) {
                    log.close();
                    manifest.responseLog(RunRecords.log(log));
                }
                long t2 = System.nanoTime();
                RunSummary summary = results.finish(RunRecords.header(plan, personas.size(), respondent.kind(), results),
                        plan.reference(), new Resampling(plan.permutations(), plan.bootstrap(), plan.seed()),
                        RunRecords.networks(simulation));
                String allFailed = RunRecords.allFailed(results);
                if (allFailed != null) {
                    throw new RunFailure(allFailed);
                }
                long t3 = System.nanoTime();
                RunRecords.account(manifest.finished(RunManifest.COMPLETED, Instant.now()), agents, results, models);
                cost(manifest, models, spentBefore);
                manifest.notes(models.notes());
                boolean dilemmas = !plan.dilemmas().isEmpty();
                manifest.timings(new RunManifest.Timings(millis(t1 - t0), millis(t2 - t1), millis(t3 - t2), millis(t3 - t0),
                        millis(surveyDone[0] - t1), perSecond(results.counts().answers(), surveyDone[0] - t1),
                        dilemmas ? millis(t2 - surveyDone[0]) : null,
                        dilemmas ? perSecond(results.moveCounts().answers(), t2 - surveyDone[0]) : null));
                RunManifest written = manifest.build();
                results.writeManifest(written);
                RunReport.write(dir, Version.valuesim());
                return new RunOutcome(dir, summary, written);
            } catch (RuntimeException | IOException e) {
                synchronized (this) {
                    if (run.over && RunManifest.INTERRUPTED.equals(manifest.status())) {
                        throw e;
                    }
                    run.over = true;
                }
                CallsStopped stop = CallsStopped.in(e);
                if (log != null) {
                    try {
                        log.close();
                    } catch (IOException closing) {
                        e.addSuppressed(closing);
                    }
                }
                boolean overBudget = stop instanceof BudgetExceeded;
                RunRecords.account(manifest.finished(overBudget ? RunManifest.BUDGET : RunManifest.FAILED, Instant.now())
                        .error(String.valueOf(stop != null ? stop.getMessage() : e.getMessage())), agents, results, models);
                cost(manifest, models, spentBefore);
                results.writeManifest(manifest.build());
                if (stop != null) {
                    throw new RunStopped(stop.getMessage(), dir, overBudget, stop);
                }
                throw e;
            }
        }
    }

    /** The response log in the run folder: a new one, or for a resumed run the interrupted run's. */
    private static ResponseLog openLog(Path dir, Durability durability) throws IOException {
        if (durability == Durability.LOGGED) {
            java.nio.file.Files.createDirectories(dir);
        }
        return ResponseLog.open(dir);
    }

    /**
     * What the run spent on priced models (this invocation's calls plus what a resumed run had spent) and its budget,
     * into the manifest; each model's share is in its accounting.
     */
    private static void cost(RunManifest.Builder manifest, Models models, double spentBefore) {
        manifest.cost(models.priced() ? java.math.BigDecimal.valueOf(Math.round((spentBefore + models.cost()) * 1e6), 6)
                : null, models.budget() == null ? null : models.budget().limit());
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }

    private static long perSecond(long count, long nanos) {
        return Math.round(count / Math.max(1e-9, nanos / 1e9));
    }

    /** Whether dir is a folder with nothing in it. */
    public static boolean isEmptyFolder(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }
}
