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
import org.valuesim.core.instrument.Instrument;
import org.valuesim.core.llm.ModelGateway;
import org.valuesim.core.respond.Prompts;
import org.valuesim.core.respond.Respondent;
import java.util.Locale;
import org.valuesim.results.report.RunReport;
import org.valuesim.scenarios.run.Models;
import org.valuesim.scenarios.run.RespondentPredictor;
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
                    + "accuracy and normalised MAE, always with the majority and k-nearest-neighbour baselines.",
                "Writes results/bench-individuals-<yyyyMMdd-HHmmss>/ unless --out."})
    static final class Individuals implements Callable<Integer> {

        static final List<String> BASELINES = List.of("majority", "knn");

        @Option(names = "--data", required = true, paramLabel = "FILE.csv", description = "Individual answers, one row per person.")
        Path data;

        @Option(names = "--codebook", required = true, paramLabel = "CODEBOOK.yaml", description = "Which column is which item.")
        Path codebook;

        @Option(names = "--respondent", required = true, paramLabel = "NAME",
                description = "Whose accuracy is reported as accuracy.top1 and .nmae: majority, knn, semantic, naive, "
                        + "full-profile, rag or backstory-caps.")
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

        @Option(names = "--out", paramLabel = "DIR", description = "Results folder; must not exist or be empty.")
        Path out;

        @Mixin
        DebugOption debug;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            boolean modelBacked = RespondentPredictor.MODEL_KINDS.contains(respondent);
            if (!BASELINES.contains(respondent) && !modelBacked && !respondent.equals("semantic")) {
                throw new InputException("--respondent: '" + respondent + "' cannot predict individuals; available: "
                        + "majority, knn, semantic, " + String.join(", ", RespondentPredictor.MODEL_KINDS));
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
            SurveyFiles survey = SurveyFiles.read(data, codebook, null);
            AnswerTable table = survey.table();
            Path dir = out != null ? out : Path.of("results",
                    "bench-individuals-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
            if (Files.exists(dir) && (!Files.isDirectory(dir) || Files.list(dir).findAny().isPresent())) {
                throw new InputException(dir + ": the output folder exists and is not empty; choose another --out");
            }
            Instant started = Instant.now();
            long t0 = System.nanoTime();
            List<IndividualPredictor> predictors = new java.util.ArrayList<>(List.of(new MajorityPredictor(table.options()),
                    new NearestNeighbourPredictor(table.options(), neighbours)));
            java.util.Map<String, List<org.valuesim.results.accuracy.AccuracyProtocol.Score>> scores;
            Map<String, ModelAccounting> accounting = Map.of();
            if (scenario == null && !set.assignments.isEmpty()) {
                throw new InputException("--set overrides fields of --scenario; give the scenario");
            }
            try (Models models = scenario == null ? null : new Models(new ScenarioLoader().load(scenario, set.overrides()),
                    ModelGateway.CacheMode.USE)) {
                if (!BASELINES.contains(respondent)) {
                    Instrument instrument = survey.instrumentWithTexts();
                    predictors.add(new RespondentPredictor(respondentFor(models), table, instrument));
                }
                scores = new AccuracyProtocol(folds, seed).evaluate(table.answers(), table.options(), predictors,
                        BASELINES.contains(respondent) ? 1 : parallel);
                if (models != null) {
                    accounting = models.accounting();
                }
            }
            long millis = (System.nanoTime() - t0) / 1_000_000;
            AccuracySummary summary = new AccuracySummary("individuals", data.toString(), codebook.toString(),
                    table.respondentIds().size(), table.items().size(), table.options(), folds, neighbours, seed,
                    AccuracyResults.accuracy(respondent, scores));
            AccuracyResults.write(dir, summary);
            ResultsJson.write(dir.resolve("manifest.json"), new RunManifest.Builder(Version.valuesim(), Version.mason())
                    .respondent(respondent).started(started).finished(RunManifest.COMPLETED, Instant.now())
                    .timings(RunManifest.Timings.total(millis)).accounting(null, null, accounting).build());
            RunReport.write(dir, Version.valuesim());
            print(summary, dir);
            return 0;
        }

        /** The respondent to benchmark, built as a scenario would build it (defaults of a scenario's respondent). */
        private Respondent respondentFor(Models models) throws InputException {
            Scenario.RespondentKind kind = Scenario.RespondentKind.valueOf(respondent.toUpperCase(Locale.ROOT).replace('-', '_'));
            String name = model;
            if (models != null && name == null) {
                name = models.scenarioFile().scenario().respondent().model();
                if (name == null) {
                    throw new InputException("--model: name the model (a key of the scenario's models)");
                }
            }
            Scenario.Respondent spec = new Scenario.Respondent(kind, name, Scenario.Choice.ARGMAX, null,
                    Scenario.Integration.COORDINATOR, 3, 0.3, Scenario.Protocol.VALUESIM);
            return ScenarioRunner.respondent(spec, models, Prompts.builtIn(), seed);
        }

        private void print(AccuracySummary summary, Path dir) {
            var out = spec.commandLine().getOut();
            out.printf("%-10s %8s %12s %10s %12s%n", "predictor", "history", "predictions", "top-1", "nMAE");
            summary.accuracy().predictors().forEach((name, p) -> p.byHistory().forEach(row -> out.printf(
                    "%-10s %7.0f%% %12d %10s %12s%n", name, 100 * row.history(), row.predictions(),
                    Decimals.format(row.top1(), 6), Decimals.format(row.nmae(), 6))));
            out.println("results: " + dir);
        }
    }
}
