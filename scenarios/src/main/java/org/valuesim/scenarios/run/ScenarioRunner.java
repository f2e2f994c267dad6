package org.valuesim.scenarios.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.valuesim.core.persona.Persona;
import org.valuesim.core.llm.ModelAccounting;
import org.valuesim.core.llm.ModelGateway;
import org.valuesim.core.embed.MiniLmEmbedder;
import org.valuesim.core.log.LoggedRespondent;
import org.valuesim.core.log.ResponseLog;
import org.valuesim.core.respond.CapsRespondent;
import org.valuesim.core.respond.SemanticRespondent;
import org.valuesim.core.respond.LlmRespondent;
import org.valuesim.populations.preset.PresetCatalog;
import org.valuesim.scenarios.catalog.InstrumentCatalog;
import org.valuesim.core.respond.PaperRespondent;
import org.valuesim.core.respond.Prompts;
import org.valuesim.core.respond.PsychometricRespondent;
import org.valuesim.scenarios.scenario.Scenario;
import org.valuesim.core.respond.Respondent;
import org.valuesim.core.sim.PhaseListener;
import org.valuesim.core.sim.ValueSimulation;
import org.valuesim.results.AnswerCounts;
import org.valuesim.results.ResultsFolder;
import org.valuesim.results.report.RunReport;
import org.valuesim.results.stats.PermutationTests;
import org.valuesim.scenarios.scenario.InputException;

/**
 * Runs a plan end to end: population, MASON simulation, results folder. Nothing is written until
 * the output folder is known to be free; a run that fails after that leaves a manifest saying so.
 */
public final class ScenarioRunner {

    /** Clustering is computed for networks up to this many agents (it costs degree^2 per agent). */
    private static final int CLUSTERING_LIMIT = 200_000;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

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
        final Map<String, Object> manifest;
        final ResultsFolder results;
        final Models models;
        final ResponseLog log;
        boolean over;

        Active(Path dir, Map<String, Object> manifest, ResultsFolder results, Models models, ResponseLog log) {
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
            if (!Files.isRegularFile(asRun) || !Files.readString(asRun).equals(plan.file().asRunYaml())) {
                throw new InputException(dir + ": the run there was not started from this scenario and seed "
                        + "(its scenario.yaml differs); resume with the same scenario file and --seed");
            }
            if (!Files.isRegularFile(dir.resolve(ResponseLog.FILE))) {
                throw new InputException(dir + ": no " + ResponseLog.FILE + " to resume from (was it run with --no-log?)");
            }
            Path manifest = dir.resolve(ResultsFolder.MANIFEST);
            if (Files.isRegularFile(manifest)) {
                var written = new com.fasterxml.jackson.databind.ObjectMapper().readTree(manifest.toFile());
                if ("completed".equals(written.path("status").asText())) {
                    throw new InputException(dir + ": that run completed; there is nothing to resume");
                }
                if (written.has("seed") && written.path("seed").asLong() != plan.seed()) {
                    throw new InputException(dir + ": that run used seed " + written.path("seed").asLong()
                            + ", not " + plan.seed() + "; resume with --seed " + written.path("seed").asLong());
                }
            }
        } catch (IOException e) {
            throw new InputException(dir + ": cannot read the run: " + e.getMessage(), e);
        }
        return dir;
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
            run.manifest.put("log_error", String.valueOf(e.getMessage()));
        }
        run.manifest.put("status", "interrupted");
        run.manifest.put("finished", Instant.now().toString());
        run.manifest.put("counts", counts(-1, run.results, run.models));
        if (run.log != null) {
            run.manifest.put("response_log", logFigures(run.log));
        }
        try {
            run.results.writeManifest(run.manifest);
        } catch (IOException e) {
            // the log holds the answers; a manifest left saying "running" resumes the same way
        }
        return java.util.Optional.of(run.dir);
    }

    private static Map<String, Object> logFigures(ResponseLog log) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", ResponseLog.FILE);
        m.put("read_back", log.loggedCount());
        m.put("read_ms", log.readMillis());
        m.put("appended", log.appended());
        return m;
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
        try (Models models = new Models(plan.file(), cacheMode)) {
            Respondent respondent = respondent(plan, models);
            Prompts prompts = prompts(plan);
            List<Persona> personas = plan.individuals()
                    ? new Planner(new PresetCatalog(), new InstrumentCatalog()).population(plan.file(), plan.seed(), models)
                            .personas()
                    : null;
            return run(plan, dir, listener, respondent, prompts, models, personas, durability);
        }
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
    static Respondent respondent(RunPlan plan, Models models) throws InputException {
        Scenario.Respondent spec = plan.file().scenario().respondent();
        if (spec.kind() == Scenario.RespondentKind.PSYCHOMETRIC) {
            return new PsychometricRespondent(plan.preset().itemModels(), plan.preset().latent(), plan.seed());
        }
        return respondent(spec, models, prompts(plan), plan.seed());
    }

    /** The built-in prompts with the scenario's replacements, for its protocol. */
    static Prompts prompts(RunPlan plan) throws InputException {
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
        Scenario.Respondent spec = file.scenario().respondent();
        java.util.Map<String, Path> overrides = new java.util.HashMap<>();
        if (spec.prompts() != null) {
            spec.prompts().forEach((name, prompt) -> overrides.put(name, file.resolve(prompt)));
        }
        overrides.putAll(more);
        try {
            return Prompts.load(overrides, protocol(spec));
        } catch (IOException | IllegalArgumentException e) {
            throw file.error(at, "cannot use a prompt file: " + e.getMessage());
        }
    }

    /** The respondent's protocol in sim-core's terms (valuesim when the scenario names none). */
    public static org.valuesim.core.respond.Protocol protocol(Scenario.Respondent spec) {
        return spec.protocol() == Scenario.Protocol.PAPER ? org.valuesim.core.respond.Protocol.PAPER
                : org.valuesim.core.respond.Protocol.VALUESIM;
    }

    /**
     * A text-reading respondent (semantic or model-backed) as the spec describes it, for runs and for the
     * accuracy benchmark alike.
     */
    public static Respondent respondent(Scenario.Respondent spec, Models models, Prompts prompts, long seed)
            throws InputException {
        if (spec.kind() == Scenario.RespondentKind.SEMANTIC) {
            return new SemanticRespondent(embedder(), prompts, seed);
        }
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
                ? new LlmRespondent.Retrieval(embedder(), spec.topK(), spec.threshold()) : null;
        if (protocol == org.valuesim.core.respond.Protocol.PAPER && !kind.equals("value-prompt")) {
            return new PaperRespondent(kind, gateway, prompts, models.temperature(spec.model()), retrieval);
        }
        return new LlmRespondent(kind, gateway, prompts,
                Models.answerMode(model) == Scenario.AnswerMode.SAMPLE ? LlmRespondent.AnswerMode.SAMPLE
                        : LlmRespondent.AnswerMode.LOGPROBS,
                model.samples() == null ? 1 : model.samples(), models.temperature(spec.model()),
                spec.choice() == Scenario.Choice.DRAW ? LlmRespondent.Choice.DRAW : LlmRespondent.Choice.ARGMAX, seed,
                retrieval);
    }

    /**
     * @param imported the personas of imported individuals, or null to draw them from the preset
     */
    private RunOutcome run(RunPlan plan, Path dir, PhaseListener listener, Respondent direct, Prompts prompts,
                           Models models, List<Persona> imported, Durability durability) throws IOException {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("valuesim_version", Version.valuesim());
        manifest.put("java_version", System.getProperty("java.version"));
        manifest.put("mason_version", Version.mason());
        manifest.put("scenario", plan.name());
        manifest.put("scenario_file", plan.file().path().toString());
        manifest.put("seed", plan.seed());
        manifest.put("respondent", direct.kind());
        manifest.put("models", Map.of());
        manifest.put("started", started.toString());
        manifest.put("status", "running");
        ResponseLog log = durability == Durability.UNLOGGED ? null : openLog(dir, durability);
        Respondent respondent = log == null ? direct : new LoggedRespondent(direct, log);
        if (log != null) {
            manifest.put("response_log", logFigures(log));
        }
        try (ResultsFolder results = ResultsFolder.create(dir, plan.file().asRunYaml(), plan.instruments())) {
            Active run = new Active(dir, manifest, results, models, log);
            synchronized (this) {
                active = run;
            }
            results.writeManifest(manifest);
            try {
                List<Persona> personas = imported != null ? imported : plan.strategy().sample(plan.preset(), plan.size(),
                        plan.seed(), plan.fixedDemographics());
                long t1 = System.nanoTime();
                long[] surveyDone = {t1};
                ValueSimulation simulation = new ValueSimulation(plan.seed(), personas, respondent, plan.instruments(),
                        answers -> {
                            results.accept(answers);
                            surveyDone[0] = System.nanoTime();
                        }, listener, plan.dilemmas(), prompts, round -> {
                            results.accept(round);
                            listener.roundDone(round);
                        });
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
                    manifest.put("response_log", logFigures(log));
                }
                long t2 = System.nanoTime();
                Map<String, Object> header = new LinkedHashMap<>();
                header.put("scenario", plan.name());
                header.put("seed", plan.seed());
                header.put("agents", personas.size());
                Map<String, Object> population = new LinkedHashMap<>();
                if (plan.individuals()) {
                    population.put("individuals", plan.file().scenario().population().individuals().data());
                    population.put("strategy", "individuals");
                } else {
                    population.put("preset", plan.preset().name());
                    population.put("preset_description", plan.preset().description());
                    population.put("strategy", plan.strategy().id());
                }
                population.put("respondent", respondent.kind());
                population.put("instruments", plan.instruments().stream().map(i -> i.id()).toList());
                header.put("population", population);
                header.put("answers", results.counts().answers());
                header.put("failed_answers", results.counts().failed());
                if (!plan.dilemmas().isEmpty()) {
                    header.put("moves", results.moveCounts().answers());
                    header.put("failed_moves", results.moveCounts().failed());
                }
                header.put("compare_to", plan.referenceName());
                if (respondent instanceof CapsRespondent) {
                    header.put("caps_integration", plan.file().scenario().respondent().integration()
                            == Scenario.Integration.AVERAGE ? "average" : "coordinator");
                }
                Map<String, Object> summary = results.finish(header, plan.reference(),
                        new PermutationTests(plan.permutations(), plan.seed()),
                        networks(simulation));
                long t3 = System.nanoTime();
                manifest.put("status", "completed");
                manifest.put("finished", Instant.now().toString());
                manifest.put("counts", counts(personas.size(), results, models));
                manifest.put("models", models.accounting());
                Map<String, Object> timings = new LinkedHashMap<>();
                timings.put("population_ms", millis(t1 - t0));
                timings.put("simulation_ms", millis(t2 - t1));
                timings.put("results_ms", millis(t3 - t2));
                timings.put("total_ms", millis(t3 - t0));
                timings.put("survey_ms", millis(surveyDone[0] - t1));
                timings.put("answers_per_second", Math.round(results.counts().answers()
                        / Math.max(1e-9, (surveyDone[0] - t1) / 1e9)));
                if (!plan.dilemmas().isEmpty()) {
                    timings.put("dilemmas_ms", millis(t2 - surveyDone[0]));
                    timings.put("moves_per_second", Math.round(results.moveCounts().answers()
                            / Math.max(1e-9, (t2 - surveyDone[0]) / 1e9)));
                }
                manifest.put("timings", timings);
                results.writeManifest(manifest);
                RunReport.write(dir, Version.valuesim());
                return new RunOutcome(dir, summary, manifest);
            } catch (RuntimeException | IOException e) {
                synchronized (this) {
                    if (run.over && "interrupted".equals(manifest.get("status"))) {
                        throw e;
                    }
                    run.over = true;
                }
                if (log != null) {
                    try {
                        log.close();
                    } catch (IOException closing) {
                        e.addSuppressed(closing);
                    }
                }
                manifest.put("status", "failed");
                manifest.put("error", String.valueOf(e.getMessage()));
                manifest.put("finished", Instant.now().toString());
                manifest.put("counts", counts(Math.max(0, plan.size()), results, models));
                results.writeManifest(manifest);
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

    /** Answer counts from the answers; model calls, cache hits and retries from the gateways (calls can be shared). */
    private static Map<String, Object> counts(int agents, ResultsFolder results, Models models) {
        AnswerCounts c = results.counts();
        AnswerCounts moves = results.moveCounts();
        Map<String, Object> counts = new LinkedHashMap<>();
        if (agents >= 0) {
            counts.put("agents", agents);
        }
        counts.put("answers", c.answers());
        counts.put("ok_answers", c.ok());
        counts.put("failed_answers", c.failed());
        counts.put("moves", moves.answers());
        counts.put("ok_moves", moves.ok());
        counts.put("failed_moves", moves.failed());
        counts.put("model_calls", models.total(ModelAccounting::modelCalls));
        counts.put("cache_hits", models.total(ModelAccounting::cacheHits));
        counts.put("shared_requests", models.total(ModelAccounting::sharedRequests));
        counts.put("retries", models.total(ModelAccounting::retries));
        counts.put("tokens_in", c.tokensIn() + moves.tokensIn());
        counts.put("tokens_out", c.tokensOut() + moves.tokensOut());
        return counts;
    }

    /** Each dilemma's network as built: its kind and parameters, ties, mean degree and clustering. */
    private static Map<String, Map<String, Object>> networks(ValueSimulation simulation) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        for (var phase : simulation.dilemmas()) {
            var spec = phase.dilemma().network();
            var net = phase.network();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", spec.kind());
            switch (spec.kind()) {
                case "ring" -> m.put("degree", spec.degree());
                case "small-world" -> {
                    m.put("degree", spec.degree());
                    m.put("rewire", spec.rewire());
                }
                case "scale-free" -> m.put("m", spec.m());
                default -> { }
            }
            m.put("ties", net.edges());
            m.put("mean_degree", org.valuesim.results.write.Decimals.round(net.meanDegree(), 6));
            m.put("max_degree", java.util.stream.IntStream.range(0, net.size()).map(net::degree).max().orElse(0));
            if (net.size() <= CLUSTERING_LIMIT) {
                m.put("clustering", org.valuesim.results.write.Decimals.round(net.clustering(), 6));
            }
            out.put(phase.dilemma().id(), m);
        }
        return out;
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }

    private static boolean isEmptyFolder(Path dir) {
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
