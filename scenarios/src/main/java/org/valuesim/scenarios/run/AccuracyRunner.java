package org.valuesim.scenarios.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.valuesim.core.llm.CallCache;
import org.valuesim.core.llm.ModelAccounting;
import org.valuesim.core.llm.ModelGateway;
import org.valuesim.core.respond.Prompts;
import org.valuesim.core.respond.Protocol;
import org.valuesim.core.respond.Respondent;
import org.valuesim.populations.survey.AnswerTable;
import org.valuesim.results.ResultsFolder;
import org.valuesim.results.accuracy.AccuracyProtocol;
import org.valuesim.results.accuracy.AccuracyResults;
import org.valuesim.results.accuracy.IndividualPredictor;
import org.valuesim.results.accuracy.MajorityPredictor;
import org.valuesim.results.accuracy.NearestNeighbourPredictor;
import org.valuesim.results.record.AccuracySummary;
import org.valuesim.results.record.ResultsJson;
import org.valuesim.results.record.RunManifest;
import org.valuesim.results.report.RunReport;
import org.valuesim.scenarios.bench.IndividualsProtocol;
import org.valuesim.scenarios.bench.RespondentPredictor;
import org.valuesim.scenarios.catalog.SurveyFiles;
import org.valuesim.scenarios.scenario.InputException;
import org.valuesim.scenarios.scenario.Scenario;
import org.valuesim.scenarios.scenario.ScenarioFile;

/**
 * Runs a scenario that has {@code accuracy:}: the individual-level accuracy of its respondent on its imported
 * individuals, by the engine of {@code bench individuals} ({@link IndividualsProtocol}: valuesim's per-person folds
 * or, under {@code respondent.protocol: paper}, the paper's shared question-level split, seeded by the run's seed;
 * history shares; the majority and k-nearest-neighbour baselines; backstory-caps' template stories), into a
 * results folder like that command's (summary.json, accuracy.csv, manifest.json, report.html) with the scenario as
 * run. Its model calls go through the run's model-call cache (a study's shared one), so a prediction asked before is
 * not asked again; an interrupted accuracy run keeps no log and is run again from the cache.
 */
public final class AccuracyRunner {

    /** IndividualsProtocol's rewrites per round of LLM stories, unused with template stories (bench's default). */
    private static final int STORY_VARIANTS = 5;

    private final CallCache sharedCache;
    private final ScenarioRunner.Embedders embedders;

    /**
     * @param sharedCache a cache several runs share (a study's; the caller closes it), or null for the scenario's own
     * @param embedders   where the respondent gets the sentence-embedding model (semantic, rag)
     */
    public AccuracyRunner(CallCache sharedCache, ScenarioRunner.Embedders embedders) {
        this.sharedCache = sharedCache;
        this.embedders = embedders;
    }

    /**
     * What an accuracy run cannot combine with, checked when the scenario is planned.
     *
     * @param questions the individuals' items and demographics (the questions the paper protocol's split cuts)
     */
    static void check(ScenarioFile file, int questions) throws InputException {
        Scenario s = file.scenario();
        Scenario.Accuracy a = s.accuracy();
        range(file, "/accuracy/folds", a.folds(), 2, 100, "; cross-validation needs at least 2 folds");
        range(file, "/accuracy/neighbours", a.neighbours(), 1, 10_000, "");
        range(file, "/accuracy/parallel", a.parallel(), 1, 10_000, "");
        if (ScenarioRunner.protocol(s.respondent()) == Protocol.PAPER && a.folds() > questions) {
            throw file.error("/accuracy/folds", "the paper protocol's split cuts the " + questions + " questions into "
                    + "folds; " + a.folds() + " folds need at least " + a.folds() + " questions");
        }
        Scenario.Individuals people = s.population().individuals();
        if (!people.heldOut().isEmpty()) {
            throw file.error("/population/individuals/held-out", "an accuracy run holds out each fold of every person "
                    + "in turn; leave held-out out");
        }
        if (people.backstory() != Scenario.BackstoryKind.TEMPLATE) {
            throw file.error("/population/individuals/backstory", "an accuracy run writes each prediction's template "
                    + "backstory from its history alone; use backstory: template (the paper's story module, one LLM "
                    + "story per person, fold and share, is bench individuals --stories llm)");
        }
        if (s.dilemmas() != null && !s.dilemmas().isEmpty()) {
            throw file.error("/dilemmas", "an accuracy run plays no dilemmas; play them in a scenario of their own");
        }
    }

    /**
     * The bench's protocol for the scenario's respondent: its protocol, and for backstory-caps template stories
     * (reported as backstory-caps-template, as bench individuals reports them).
     */
    private static IndividualsProtocol protocol(Scenario s) throws InputException {
        boolean caps = s.respondent().kind() == Scenario.RespondentKind.BACKSTORY_CAPS;
        return IndividualsProtocol.of(null, ScenarioRunner.protocol(s.respondent()), caps ? "template" : null, null,
                STORY_VARIANTS, 0, Planner.kebab(s.respondent().kind()));
    }

    private static void range(ScenarioFile file, String at, int value, int low, int high, String why)
            throws InputException {
        if (value < low || value > high) {
            throw file.error(at, "must be between " + low + " and " + high + ", got " + value + why);
        }
    }

    /**
     * The semantic respondent as bench individuals runs it: what it learns about answers comes from the other
     * people's person folds, and it predicts (argmax).
     */
    private IndividualPredictor semantic(RunPlan plan, SurveyFiles survey, AnswerTable table, Prompts prompts)
            throws InputException {
        org.valuesim.populations.individuals.PersonFolds folds;
        try {
            folds = org.valuesim.populations.individuals.PersonFolds.fit(survey.codebook(), table, plan.seed());
        } catch (org.valuesim.populations.survey.DataException e) {
            throw plan.file().error("/respondent/kind", "the semantic respondent learns from the other people's "
                    + "person folds, which these data cannot give: " + e.getMessage());
        }
        org.valuesim.core.instrument.Instrument instrument = survey.instrument().orElseThrow(() -> plan.file().error(
                "/population/individuals/codebook", "the semantic respondent needs the codebook's instrument"));
        org.valuesim.core.semantic.ValueCircle circle = SemanticSetup.circle(embedders.get(), prompts,
                List.of(instrument));
        return new RespondentPredictor(new org.valuesim.core.respond.SemanticRespondent(
                new org.valuesim.core.semantic.PersonaReader(circle, p -> prompts.system(p, true)),
                SemanticSetup.byFolds(folds, instrument, circle), null, plan.seed(),
                org.valuesim.core.respond.SemanticRespondent.Mode.PREDICT), table, instrument);
    }

    /**
     * Scores the plan's respondent and the baselines on every person and writes the results folder {@code dir}
     * (new or empty).
     *
     * @throws RunFailure when every prediction of the respondent failed (the manifest says failed)
     */
    public AccuracySummary run(RunPlan plan, Path dir, ModelGateway.CacheMode cacheMode) throws IOException,
            InputException {
        Scenario s = plan.file().scenario();
        Scenario.Accuracy settings = s.accuracy();
        Scenario.Individuals people = s.population().individuals();
        IndividualsProtocol protocol = protocol(s);
        SurveyFiles survey = SurveyFiles.read(plan.file().resolve(people.data()), plan.file().resolve(people.codebook()),
                null);
        AnswerTable table = survey.table();
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(ResultsFolder.SCENARIO), plan.file().asRunYaml(), StandardCharsets.UTF_8);
        long t0 = System.nanoTime();
        RunManifest.Builder manifest = new RunManifest.Builder(Version.valuesim(), Version.mason())
                .scenario(plan.name(), plan.file().path().toString(), plan.seed()).started(Instant.now());
        Path manifestFile = dir.resolve(ResultsFolder.MANIFEST);
        ResultsJson.write(manifestFile, manifest.build());
        AccuracyProtocol.Results scores;
        Map<String, ModelAccounting> accounting;
        String reported;
        try (Models models = new Models(plan.file(), cacheMode, 0, sharedCache)) {
            Prompts prompts = ScenarioRunner.prompts(plan);
            IndividualPredictor own = s.respondent().kind() == Scenario.RespondentKind.SEMANTIC
                    ? semantic(plan, survey, table, prompts)
                    : protocol.predictor(ScenarioRunner.respondent(s.respondent(), models, prompts, plan.seed(),
                            embedders), table, survey.instrumentWithTexts(), models.storyModels(), s.respondent().model(),
                            prompts);
            reported = own.name();
            manifest.respondent(reported);
            List<IndividualPredictor> predictors = List.of(new MajorityPredictor(table.options()),
                    new NearestNeighbourPredictor(table.options(), settings.neighbours()), own);
            scores = protocol.evaluate(table, List.copyOf(survey.codebook().attributeNames()), predictors,
                    settings.folds(), plan.seed(), settings.parallel(), AccuracyProtocol.Progress.NONE);
            accounting = models.accounting();
        } catch (RuntimeException e) {
            ResultsJson.write(manifestFile, manifest.finished(RunManifest.FAILED, Instant.now())
                    .error(String.valueOf(e.getMessage())).build());
            throw e;
        }
        AccuracySummary summary = new AccuracySummary("individuals", people.data(), people.codebook(),
                table.respondentIds().size(), table.items().size(), table.options(), settings.folds(),
                settings.neighbours(), plan.seed(), protocol.protocol().id(), protocol.split(), protocol.questionFolds(),
                protocol.stories(), 0, null, AccuracyResults.accuracy(reported, scores));
        AccuracyResults.write(dir, summary);
        manifest.accounting(null, null, accounting).timings(RunManifest.Timings.total((System.nanoTime() - t0)
                / 1_000_000));
        long failed = scores.overall().get(reported).stream().mapToLong(AccuracyProtocol.Score::failed).sum();
        if (scores.overall().get(reported).stream().mapToLong(AccuracyProtocol.Score::predictions).sum() == 0) {
            String reason = "all " + failed + " predictions of the " + reported + " respondent failed (see "
                    + "manifest.json's models for the calls)";
            ResultsJson.write(manifestFile, manifest.finished(RunManifest.FAILED, Instant.now()).error(reason).build());
            throw new RunFailure(reason);
        }
        ResultsJson.write(manifestFile, manifest.finished(RunManifest.COMPLETED, Instant.now()).build());
        RunReport.write(dir, Version.valuesim());
        return summary;
    }
}
