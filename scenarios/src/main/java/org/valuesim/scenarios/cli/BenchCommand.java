package org.valuesim.scenarios.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.valuesim.populations.survey.AnswerTable;
import org.valuesim.results.accuracy.AccuracyProtocol;
import org.valuesim.results.accuracy.AccuracyResults;
import org.valuesim.results.record.AccuracySummary;
import org.valuesim.results.record.ResultsJson;
import org.valuesim.results.record.RunManifest;
import org.valuesim.results.write.Decimals;
import org.valuesim.core.llm.ModelAccounting;
import org.valuesim.results.accuracy.IndividualPredictor;
import org.valuesim.results.accuracy.MajorityPredictor;
import org.valuesim.results.accuracy.NearestNeighbourPredictor;
import org.valuesim.results.accuracy.PsychometricPredictor;
import org.valuesim.core.ordinal.ValueMeasurement;
import org.valuesim.core.respond.SemanticRespondent;
import org.valuesim.core.semantic.PersonaReader;
import org.valuesim.core.semantic.ValueCircle;
import org.valuesim.populations.individuals.PersonFolds;
import org.valuesim.populations.survey.DataException;
import org.valuesim.scenarios.run.SemanticSetup;
import org.valuesim.core.instrument.Instrument;
import org.valuesim.core.llm.ModelGateway;
import org.valuesim.core.respond.Prompts;
import org.valuesim.core.respond.Protocol;
import org.valuesim.scenarios.bench.IndividualsProtocol;
import org.valuesim.scenarios.scenario.ScenarioFile;
import java.util.Locale;
import org.valuesim.results.report.RunReport;
import org.valuesim.scenarios.run.Models;
import org.valuesim.scenarios.bench.RespondentPredictor;
import org.valuesim.scenarios.run.ScenarioRunner;
import org.valuesim.scenarios.scenario.Scenario;
import org.valuesim.scenarios.scenario.ScenarioLoader;
import org.valuesim.scenarios.catalog.SurveyFiles;
import org.valuesim.scenarios.run.Version;
import org.valuesim.scenarios.scenario.InputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks against human data.",
        subcommands = {BenchCommand.Individuals.class, DilemmaBench.class})
final class BenchCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a benchmark: individuals or dilemmas");
    }

    @Command(name = "individuals", mixinStandardHelpOptions = true,
            description = {"Individual-level accuracy (ValueSim protocol): question-level k-fold cross-validation per "
                    + "person; the other folds' answers are the history, used at 0, 25, 50, 75 and 100%%. Reports top-1 "
                    + "accuracy and normalised MAE of every offline predictor on the same folds (majority, knn, "
                    + "psychometric, semantic), and of a model-backed --respondent.",
                "--protocol paper runs it as the ValueSim authors did: one question-level split shared by all people "
                    + "(demographics included), the paper's respondents, LLM stories per person, fold and share for "
                    + "backstory-caps, an unreadable answer a wrong one.",
                "Writes results/bench-individuals-<yyyyMMdd-HHmmss>/ unless --out."})
    static final class Individuals implements Callable<Integer> {

        /** The predictors that need no model, always run. */
        static final List<String> OFFLINE = List.of("majority", "knn", PsychometricPredictor.NAME, SemanticRespondent.KIND);

        @Option(names = "--data", required = true, paramLabel = "FILE.csv", description = "Individual answers, one row per person.")
        Path data;

        @Option(names = "--codebook", required = true, paramLabel = "CODEBOOK.yaml", description = "Which column is which item.")
        Path codebook;

        @Option(names = "--respondent", required = true, paramLabel = "NAME",
                description = "Whose accuracy is reported as accuracy.top1 and .nmae: an offline predictor (majority, "
                        + "knn, psychometric, semantic; all four always run) or a model-backed respondent (naive, "
                        + "full-profile, rag, backstory-caps; needs --scenario).")
        String respondent;

        @Option(names = "--scenario", paramLabel = "SCENARIO.yaml",
                description = "A scenario whose models: section (and cache) the model-backed respondents use.")
        Path scenario;

        @Mixin
        SetOptions set;

        @Option(names = "--model", paramLabel = "NAME",
                description = "The key under the scenario's models (default: the scenario's respondent.model).")
        String model;

        @Option(names = "--parallel", defaultValue = "16", paramLabel = "N",
                description = "People evaluated at once (default 16); their predictions wait on the model.")
        int parallel;

        @Option(names = "--folds", defaultValue = "5", paramLabel = "K", description = "Folds per person (default 5).")
        int folds;

        @Option(names = "--neighbours", defaultValue = "10", paramLabel = "K",
                description = "Neighbours of the knn baseline (default 10).")
        int neighbours;

        @Option(names = "--seed", defaultValue = "42", paramLabel = "N", description = "Seeds the folds (default 42).")
        long seed;

        @Option(names = "--people", paramLabel = "N",
                description = "Evaluate N respondents drawn from the file (seeded by --seed), as the ValueSim paper's 100; "
                        + "default: everyone.")
        Integer people;

        @Option(names = "--out", paramLabel = "DIR", description = "Results folder; must not exist or be empty.")
        Path out;

        @Option(names = "--protocol", paramLabel = "NAME", description = "valuesim (per-person folds, valuesim's "
                + "respondents) or paper (the ValueSim authors' protocol); default: the scenario's respondent.protocol, "
                + "else valuesim.")
        String protocol;

        @Option(names = "--stories", paramLabel = "SOURCE", description = "backstory-caps: llm (the story module, one "
                + "story per person, fold and share; the default under --protocol paper) or template (reported as "
                + "backstory-caps-template; the default otherwise).")
        String stories;

        @Option(names = "--story-model", paramLabel = "NAME",
                description = "The model (a key of the scenario's models) that writes LLM stories (default: the respondent's).")
        String storyModel;

        @Option(names = "--story-rounds", defaultValue = "0", paramLabel = "K",
                description = "LLM stories: optimisation rounds, each scoring rewrites by re-answering the profile's "
                        + "questions and keeping one only if strictly better (default 0: off, as the paper's main run).")
        int storyRounds;

        @Option(names = "--story-variants", defaultValue = "5", paramLabel = "N",
                description = "LLM stories: rewrites per optimisation round (default 5, as the authors' code).")
        int storyVariants;

        @Mixin
        DebugOption debug;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            boolean modelBacked = RespondentPredictor.MODEL_KINDS.contains(respondent);
            if (!OFFLINE.contains(respondent) && !modelBacked) {
                throw new InputException("--respondent: '" + respondent + "' cannot predict individuals; available: "
                        + String.join(", ", OFFLINE) + ", " + String.join(", ", RespondentPredictor.MODEL_KINDS));
            }
            if (modelBacked && scenario == null) {
                throw new InputException("--scenario: the " + respondent + " respondent needs a model; give a scenario "
                        + "whose models: section has it");
            }
            if (!modelBacked && (model != null || scenario != null)) {
                throw new InputException((model != null ? "--model" : "--scenario") + ": the " + respondent
                        + " respondent uses no model");
            }
            OptionRanges.require("--parallel", parallel, 1, 10_000, null);
            OptionRanges.require("--folds", folds, 2, 100, "cross-validation needs at least 2 folds");
            OptionRanges.require("--neighbours", neighbours, 1, 10_000, null);
            if (scenario == null && !set.assignments.isEmpty()) {
                throw new InputException("--set overrides fields of --scenario; give the scenario");
            }
            ScenarioFile scenarioFile = scenario == null ? null : new ScenarioLoader().load(scenario, set.overrides());
            IndividualsProtocol run = IndividualsProtocol.of(protocol, scenarioFile == null ? Protocol.VALUESIM
                    : ScenarioRunner.protocol(scenarioFile.scenario().respondent()), stories, storyModel, storyVariants,
                    storyRounds, respondent);
            if (people != null) {
                OptionRanges.require("--people", people, 1, Integer.MAX_VALUE, null);
            }
            SurveyFiles survey = SurveyFiles.read(data, codebook, null);
            AnswerTable table = people == null ? survey.table() : sample(survey.table(), people);
            int questions = table.items().size() + survey.codebook().attributeNames().size();
            if (run.protocol() == Protocol.PAPER && folds > questions) {
                throw new InputException("--folds: the paper's split cuts the " + questions + " questions into folds; "
                        + folds + " folds need at least " + folds + " questions");
            }
            Path dir = out != null ? out : Path.of("results",
                    "bench-individuals-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
            if (Files.exists(dir) && (!Files.isDirectory(dir) || Files.list(dir).findAny().isPresent())) {
                throw new InputException(dir + ": the output folder exists and is not empty; choose another --out");
            }
            Instant started = Instant.now();
            long t0 = System.nanoTime();
            Offline offline = offline(survey, table);
            if (offline.unavailable().containsKey(respondent)) {
                throw new InputException("--respondent: " + respondent + " cannot run on these data: "
                        + offline.unavailable().get(respondent));
            }
            List<IndividualPredictor> predictors = new java.util.ArrayList<>(offline.predictors());
            AccuracyProtocol.Results scores;
            Map<String, ModelAccounting> accounting = Map.of();
            try (Models models = scenarioFile == null ? null : new Models(scenarioFile, ModelGateway.CacheMode.USE);
                 me.tongfei.progressbar.ProgressBar bar = ProgressDisplay.isTerminal() ? new me.tongfei.progressbar
                         .ProgressBarBuilder().setTaskName("people").setInitialMax(table.answers().length)
                         .setStyle(me.tongfei.progressbar.ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).build()
                         : null) {
                // a bar with the time left when stderr is a terminal
                AccuracyProtocol.Progress progress = bar == null ? AccuracyProtocol.Progress.NONE
                        : (done, total) -> bar.stepTo(done);
                if (modelBacked) {
                    Instrument instrument = survey.instrumentWithTexts();
                    Prompts prompts = models == null ? Prompts.builtIn(run.protocol())
                            : ScenarioRunner.prompts(scenarioFile, Map.of(), "/respondent/prompts", run.protocol());
                    Scenario.Respondent spec = respondentSpec(models, run.protocol());
                    predictors.add(run.predictor(ScenarioRunner.respondent(spec, models, prompts, seed), table, instrument,
                            models.storyModels(), spec.model(), prompts));
                }
                scores = run.evaluate(table, List.copyOf(survey.codebook().attributeNames()), predictors, folds,
                        seed, modelBacked ? parallel : Runtime.getRuntime().availableProcessors(), progress);
                if (models != null) {
                    accounting = models.accounting();
                }
            }
            long millis = (System.nanoTime() - t0) / 1_000_000;
            // a model-backed respondent is the last predictor, named by its stories (backstory-caps-template)
            String reported = modelBacked ? predictors.get(predictors.size() - 1).name() : respondent;
            AccuracySummary summary = new AccuracySummary("individuals", data.toString(), codebook.toString(),
                    table.respondentIds().size(), table.items().size(), table.options(), folds, neighbours, seed,
                    run.protocol().id(), run.split(), run.questionFolds(), run.stories(), PersonFolds.FOLDS,
                    offline.unavailable().isEmpty() ? null : offline.unavailable(), AccuracyResults.accuracy(reported, scores));
            AccuracyResults.write(dir, summary);
            ResultsJson.write(dir.resolve("manifest.json"), new RunManifest.Builder(Version.valuesim(), Version.mason())
                    .respondent(reported).started(started).finished(RunManifest.COMPLETED, Instant.now())
                    .timings(RunManifest.Timings.total(millis)).accounting(null, null, accounting).build());
            RunReport.write(dir, Version.valuesim());
            print(summary, dir);
            return 0;
        }

        /**
         * The offline predictors that these data allow, and why any other cannot run. The psychometric and semantic
         * ones learn from the other people only: one model per person-level fold, built without that fold.
         */
        record Offline(List<IndividualPredictor> predictors, Map<String, String> unavailable) {
        }

        /** N respondents of the file, drawn with a stream keyed by the seed, in file order. */
        private AnswerTable sample(AnswerTable all, int n) throws InputException {
            int total = all.respondentIds().size();
            if (n > total) {
                throw new InputException("--people: the file has " + total + " respondents, fewer than " + n);
            }
            List<Integer> rows = new java.util.ArrayList<>(java.util.stream.IntStream.range(0, total).boxed().toList());
            org.valuesim.core.random.Streams.shuffle(rows, new java.util.SplittableRandom(
                    org.valuesim.core.random.Streams.key(seed, "bench-people", 0)));
            return all.rows(rows.subList(0, n).stream().sorted().toList());
        }

        private Offline offline(SurveyFiles survey, AnswerTable table) throws InputException {
            List<IndividualPredictor> predictors = new java.util.ArrayList<>(List.of(new MajorityPredictor(table.options()),
                    new NearestNeighbourPredictor(table.options(), neighbours)));
            Map<String, String> unavailable = new java.util.LinkedHashMap<>();
            PersonFolds personFolds = null;
            try {
                personFolds = PersonFolds.fit(survey.codebook(), table, seed);
                PersonFolds fitted = personFolds;
                List<ValueMeasurement> measurements = fitted.presets().stream().map(p -> p.measurement()).toList();
                predictors.add(new PsychometricPredictor(table.items(), row -> measurements.get(fitted.fold(row))));
            } catch (DataException e) {
                unavailable.put(PsychometricPredictor.NAME, e.getMessage());
            }
            var instrument = survey.instrument();
            if (personFolds == null) {
                unavailable.put(SemanticRespondent.KIND, "it learns answer shares and how answers go together from the "
                        + "other people's person folds, which these data cannot give: "
                        + unavailable.get(PsychometricPredictor.NAME));
            } else if (instrument.isPresent()) {
                Prompts prompts = Prompts.builtIn();
                ValueCircle circle = SemanticSetup.circle(ScenarioRunner.embedder(), prompts, List.of(instrument.get()));
                predictors.add(new RespondentPredictor(new SemanticRespondent(new PersonaReader(circle,
                        p -> prompts.system(p, true)), SemanticSetup.byFolds(personFolds, instrument.get(), circle), null,
                        seed, SemanticRespondent.Mode.PREDICT), table, instrument.get()));
            } else {
                unavailable.put(SemanticRespondent.KIND, codebook + ": instrument '" + survey.codebook().instrument()
                        + "' is not built in, so its item texts are unknown");
            }
            return new Offline(predictors, unavailable);
        }

        /**
         * The respondent to benchmark, as a scenario would build it: the defaults of a scenario's respondent, with
         * the scenario's rag settings (top-k, threshold) when it names a rag respondent.
         */
        private Scenario.Respondent respondentSpec(Models models, Protocol protocol) throws InputException {
            Scenario.RespondentKind kind = Scenario.RespondentKind.valueOf(respondent.toUpperCase(Locale.ROOT).replace('-', '_'));
            String name = model;
            Scenario.Respondent own = models == null ? null : models.scenarioFile().scenario().respondent();
            if (models != null && name == null) {
                name = own.model();
                if (name == null) {
                    throw new InputException("--model: name the model (a key of the scenario's models)");
                }
            }
            Scenario.Protocol p = protocol == Protocol.PAPER ? Scenario.Protocol.PAPER : Scenario.Protocol.VALUESIM;
            boolean rag = own != null && own.kind() == Scenario.RespondentKind.RAG;
            return new Scenario.Respondent(kind, name, Scenario.Choice.ARGMAX, null, Scenario.Integration.COORDINATOR,
                    rag && own.topK() != null ? own.topK() : 3,
                    rag && own.threshold() != null ? own.threshold() : ScenarioLoader.defaultThreshold(p), p);
        }

        private void print(AccuracySummary summary, Path dir) {
            var out = spec.commandLine().getOut();
            int width = Math.max(10, summary.accuracy().predictors().entrySet().stream().mapToInt(e -> e.getKey().length()
                    + (e.getValue().byGroup() == null ? 0 : 1 + e.getValue().byGroup().keySet().stream()
                    .mapToInt(String::length).max().orElse(0))).max().orElse(0));
            out.printf("%-" + width + "s %8s %12s %10s %12s%n", "predictor", "history", "predictions", "top-1", "nMAE");
            summary.accuracy().predictors().forEach((name, p) -> p.byHistory().forEach(row -> out.printf(
                    "%-" + width + "s %7.0f%% %12d %10s %12s%n", name, 100 * row.history(), row.predictions(),
                    Decimals.format(row.top1(), 6), Decimals.format(row.nmae(), 6))));
            summary.accuracy().predictors().forEach((name, p) -> {
                if (p.byGroup() != null) {
                    p.byGroup().forEach((group, rows) -> rows.forEach(row -> out.printf(
                            "%-" + width + "s %7.0f%% %12d %10s %12s%n", name + "/" + group, 100 * row.history(),
                            row.predictions(), Decimals.format(row.top1(), 6), Decimals.format(row.nmae(), 6))));
                }
            });
            if (summary.unavailable() != null) {
                summary.unavailable().forEach((name, why) -> out.println(name + ": not run: " + why));
            }
            out.println("results: " + dir);
        }
    }
}
