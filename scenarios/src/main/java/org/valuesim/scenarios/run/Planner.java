package org.valuesim.scenarios.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.valuesim.core.files.TextFiles;
import org.valuesim.core.instrument.Instrument;
import org.valuesim.core.instrument.Item;
import org.valuesim.core.respond.PsychometricRespondent;
import org.valuesim.populations.preset.Preset;
import org.valuesim.populations.preset.PresetCatalog;
import org.valuesim.core.persona.Persona;
import org.valuesim.populations.individuals.Backstory;
import org.valuesim.populations.individuals.BackstoryWriter;
import org.valuesim.populations.individuals.IndividualsImporter;
import org.valuesim.populations.individuals.LatentValues;
import org.valuesim.populations.individuals.LlmBackstoryWriter;
import org.valuesim.populations.individuals.PersonFolds;
import org.valuesim.populations.individuals.TemplateBackstoryWriter;
import org.valuesim.populations.survey.AnswerTable;
import org.valuesim.populations.survey.Codebook;
import org.valuesim.scenarios.catalog.PresetFiles;
import org.valuesim.populations.survey.DataException;
import org.valuesim.populations.preset.PresetBuilder;
import org.valuesim.core.values.ValueStatistics;
import org.valuesim.scenarios.catalog.SurveyFiles;
import org.valuesim.populations.strategy.PopulationStrategy;
import org.valuesim.populations.strategy.Strategies;
import org.valuesim.scenarios.catalog.InstrumentCatalog;
import org.valuesim.scenarios.scenario.InputException;
import org.valuesim.scenarios.scenario.Scenario;
import org.valuesim.scenarios.scenario.ScenarioFile;

/** Checks a loaded scenario against the catalogs and resolves it into a {@link RunPlan}. */
public final class Planner {

    /** Upper bound on population size: far beyond one machine's memory for agents with answers kept per run. */
    static final int MAX_SIZE = 10_000_000;
    static final java.util.Set<Scenario.RespondentKind> AVAILABLE = java.util.EnumSet.of(
            Scenario.RespondentKind.PSYCHOMETRIC, Scenario.RespondentKind.NAIVE, Scenario.RespondentKind.VALUE_PROMPT,
            Scenario.RespondentKind.FULL_PROFILE, Scenario.RespondentKind.BACKSTORY_CAPS, Scenario.RespondentKind.RAG,
            Scenario.RespondentKind.SEMANTIC);
    /** The respondents that can ask several items in one prompt. */
    static final java.util.Set<Scenario.RespondentKind> ITEMS_PER_CALL = java.util.EnumSet.of(
            Scenario.RespondentKind.NAIVE, Scenario.RespondentKind.VALUE_PROMPT, Scenario.RespondentKind.FULL_PROFILE,
            Scenario.RespondentKind.RAG);
    static final java.util.Set<String> PROMPT_NAMES = java.util.Set.copyOf(org.valuesim.core.respond.Prompts.NAMES);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    /** Fewer relabellings cannot reach p = 0.01; more cost minutes and change nothing that matters. */
    static final int MIN_PERMUTATIONS = 99;
    static final int MAX_PERMUTATIONS = 10_000_000;
    /** Fewer resamples put too few beyond a 2.5% quantile to place it. */
    static final int MIN_BOOTSTRAP = 200;
    static final int MAX_BOOTSTRAP = 1_000_000;
    /** A bootstrap keeps every scored agent's centred value scores as a row to resample (BENCHMARKS.md). */
    static final long BOOTSTRAP_BYTES_PER_AGENT = 180;

    private final PresetCatalog presets;
    private final InstrumentCatalog instruments;
    private final boolean keys;

    public Planner(PresetCatalog presets, InstrumentCatalog instruments) {
        this(presets, instruments, true);
    }

    /** @param keys whether models' key variables must be set (not for an estimate, which calls nothing) */
    public Planner(PresetCatalog presets, InstrumentCatalog instruments, boolean keys) {
        this.presets = presets;
        this.instruments = instruments;
        this.keys = keys;
    }

    /**
     * @param seedOverride the --seed option, or null to use the scenario's
     */
    public RunPlan plan(ScenarioFile file, Long seedOverride) throws InputException {
        Scenario s = file.scenario();
        if (!NAME.matcher(s.name()).matches()) {
            throw file.error("/name", "'" + s.name() + "' cannot name a results folder; use letters, digits, "
                    + "'.', '_' and '-' (at most 100, starting with a letter or digit)");
        }
        Scenario.Population population = s.population();
        Scenario.RespondentKind kind = s.respondent().kind();
        if (!AVAILABLE.contains(kind)) {
            throw file.error("/respondent/kind", "'" + kebab(kind)
                    + "' is not available in this version; available: psychometric, semantic, naive, value-prompt, "
                    + "full-profile, rag, backstory-caps");
        }
        boolean individuals = population.individuals() != null;
        boolean profileBased = kind == Scenario.RespondentKind.FULL_PROFILE || kind == Scenario.RespondentKind.BACKSTORY_CAPS
                || kind == Scenario.RespondentKind.RAG;
        if (individuals && !profileBased && kind != Scenario.RespondentKind.NAIVE && kind != Scenario.RespondentKind.SEMANTIC) {
            throw file.error("/respondent/kind", "imported individuals are answered from their profiles: use "
                    + "full-profile, rag, backstory-caps or semantic (or naive for the no-profile baseline)");
        }
        Integer itemsPerCall = s.respondent().itemsPerCall();
        if (itemsPerCall != null && (itemsPerCall < 1 || itemsPerCall > 100)) {
            throw file.error("/respondent/items-per-call", "must be between 1 and 100, got " + itemsPerCall);
        }
        if (itemsPerCall != null && itemsPerCall > 1 && s.respondent().protocol() == Scenario.Protocol.PAPER) {
            throw file.error("/respondent/items-per-call", "the paper protocol asks one item per call, as the authors "
                    + "did; items-per-call applies to the valuesim protocol");
        }
        if (itemsPerCall != null && itemsPerCall > 1 && !ITEMS_PER_CALL.contains(kind)) {
            throw file.error("/respondent/items-per-call", "'" + kebab(kind) + "' asks one item at a time; "
                    + "items-per-call applies to naive, value-prompt, full-profile and rag");
        }
        if (s.respondent().topK() != null && (s.respondent().topK() < 1 || s.respondent().topK() > 100)) {
            throw file.error("/respondent/top-k", "must be between 1 and 100, got " + s.respondent().topK());
        }
        if (s.respondent().threshold() != null && (s.respondent().threshold() < -1 || s.respondent().threshold() > 1)) {
            throw file.error("/respondent/threshold", "a cosine similarity lies between -1 and 1, got "
                    + s.respondent().threshold());
        }
        if (!individuals && profileBased) {
            throw file.error("/respondent/kind", "'" + kebab(kind) + "' answers from an imported individual's profile: "
                    + "give population.individuals");
        }
        if (!individuals && (population.size() < 1 || population.size() > MAX_SIZE)) {
            throw file.error("/population/size", "must be between 1 and " + MAX_SIZE + ", got " + population.size());
        }
        boolean psychometric = kind == Scenario.RespondentKind.PSYCHOMETRIC;
        if ((psychometric || kind == Scenario.RespondentKind.SEMANTIC) && s.respondent().protocol() != null) {
            throw file.error("/respondent/protocol", "a protocol is for model-backed respondents; the " + kebab(kind)
                    + " respondent has one way of answering");
        }
        checkNoDominantShare(file);
        if (!psychometric && kind != Scenario.RespondentKind.SEMANTIC) {
            if (s.respondent().model() == null) {
                throw file.error("/respondent", "the " + kebab(kind) + " respondent needs a model: a key of models");
            }
            Models.check(file, s.respondent().model(), "/respondent/model", keys);
        }
        checkPromptFiles(file, psychometric);
        checkBudget(file);
        int permutations = s.statistics().permutations();
        if (permutations < MIN_PERMUTATIONS || permutations > MAX_PERMUTATIONS) {
            throw file.error("/statistics/permutations", "must be between " + MIN_PERMUTATIONS + " and "
                    + MAX_PERMUTATIONS + ", got " + permutations);
        }
        int bootstrap = s.statistics().bootstrap();
        if (bootstrap != 0 && (bootstrap < MIN_BOOTSTRAP || bootstrap > MAX_BOOTSTRAP)) {
            throw file.error("/statistics/bootstrap", "must be 0 (no intervals) or between " + MIN_BOOTSTRAP + " and "
                    + MAX_BOOTSTRAP + ", got " + bootstrap);
        }
        if (!individuals) {
            checkBootstrapFits(file, population.size(), bootstrap, Runtime.getRuntime().maxMemory());
        }
        boolean anyDilemma = s.dilemmas() != null && !s.dilemmas().isEmpty();
        if (s.accuracy() != null && !individuals) {
            throw file.error("/accuracy", "individual-level accuracy predicts imported people's own answers: give "
                    + "population.individuals");
        }
        long seed = seedOverride != null ? seedOverride : s.seed();
        if (individuals) {
            checkBackstory(file, population.individuals(), keys);
            Imported imported = readIndividuals(file, population.individuals());
            List<Instrument> resolved = s.accuracy() != null && s.instruments() == null ? List.of()
                    : resolveInstruments(file, s.instruments(), anyDilemma, at -> imported.instrument());
            if (s.accuracy() != null) {
                AccuracyRunner.check(file, imported.table().items().size()
                        + imported.codebook().attributeNames().size());
                resolved = List.of(imported.instrument());
            }
            if (kind == Scenario.RespondentKind.SEMANTIC && anyDilemma) {
                Imported modelled = withModels(imported, seed);
                if (modelled.folds() == null) {
                    throw file.error("/population/individuals", "the semantic respondent plays dilemmas by the "
                            + "individuals' latent values, and these data cannot give them: " + modelled.why());
                }
            }
            Preset reference = s.compareTo() == null ? null : preset(file, "/compare-to", s.compareTo());
            return new RunPlan(file, seed, null, null, resolved, reference == null ? null : reference.name(),
                    reference == null ? null : reference.reference(),
                    DilemmaPlanner.dilemmas(file, imported.table().respondentIds().size()),
                    OutcomeReferencePlan.references(file, resolved, reference, (at, name) -> preset(file, at, name)));
        }
        Preset preset = preset(file, "/population/preset", population.preset());
        List<Instrument> resolved = resolveInstruments(file, s.instruments(), anyDilemma, at -> survey(file, at, preset));
        if (!preset.hasValues() && (psychometric || kind == Scenario.RespondentKind.SEMANTIC)) {
            throw file.error("/respondent/kind", "the " + kebab(kind) + " respondent answers from a value "
                    + "distribution, and preset " + preset.name() + " has none (its survey has no value-keyed "
                    + "questions, or too few to model the ten values); use naive or value-prompt");
        }
        checkStrategyFitsPreset(file, preset);
        if (psychometric) {
            checkStrategyFitsRespondent(file);
            checkPsychometricCoverage(file, preset, resolved);
        }
        Preset reference = s.compareTo().equals(population.preset()) ? preset
                : preset(file, "/compare-to", s.compareTo());
        PopulationStrategy strategy = Strategies.byId(kebab(population.strategy()), population.noDominantShare())
                .orElseThrow();
        checkDemographics(file, preset);
        return new RunPlan(file, seed, preset, strategy, resolved, reference.name(), reference.reference(),
                DilemmaPlanner.dilemmas(file, population.size()),
                OutcomeReferencePlan.references(file, resolved, reference, (at, name) -> preset(file, at, name)));
    }

    /**
     * Refuses at the start a bootstrap whose rows would take more than half the heap: without this check a
     * ten-million-agent run answers for twenty minutes, then runs out of memory in its statistics.
     */
    static void checkBootstrapFits(ScenarioFile file, int agents, int bootstrap, long maxHeap)
            throws InputException {
        long rows = agents * BOOTSTRAP_BYTES_PER_AGENT;
        if (bootstrap != 0 && rows > maxHeap / 2) {
            throw file.error("/statistics/bootstrap", String.format(java.util.Locale.ROOT,
                    "a bootstrap of %,d agents keeps about %.1f GB of value scores, more than half of this JVM's "
                            + "%.1f GB heap; set statistics.bootstrap: 0 (no intervals) or give the JVM more heap "
                            + "(VALUESIM_JAVA_OPTS=-Xmx...)", agents, rows / 1e9, maxHeap / 1e9));
        }
    }

    /**
     * The population alone (for {@code population sample}): any strategy or imported individuals, no
     * respondent checks.
     */
    public Population population(ScenarioFile file, Long seedOverride, Models models) throws InputException {
        return population(file, seedOverride, models, false);
    }

    /**
     * @param templateStories write every backstory with the template writer whatever the scenario says (an
     *                        estimate, which cannot ask the llm writer, uses them as stand-ins of similar length)
     */
    public Population population(ScenarioFile file, Long seedOverride, Models models, boolean templateStories)
            throws InputException {
        Scenario.Population population = file.scenario().population();
        long seed = seedOverride != null ? seedOverride : file.scenario().seed();
        if (population.individuals() != null) {
            return individuals(file, population.individuals(), seed, models, templateStories);
        }
        if (population.size() < 1 || population.size() > MAX_SIZE) {
            throw file.error("/population/size", "must be between 1 and " + MAX_SIZE + ", got " + population.size());
        }
        Preset preset = preset(file, "/population/preset", population.preset());
        checkStrategyFitsPreset(file, preset);
        checkDemographics(file, preset);
        checkNoDominantShare(file);
        PopulationStrategy strategy = Strategies.byId(kebab(population.strategy()), population.noDominantShare())
                .orElseThrow();
        return new Population(preset.name(), strategy.id(), seed, strategy.sample(preset, population.size(), seed,
                population.demographics() == null ? java.util.Map.of() : population.demographics()), List.of());
    }

    /**
     * Personas as {@code population sample} writes them.
     *
     * @param backstories per persona, its backstory with coverage (empty when none were written)
     */
    public record Population(String source, String strategy, long seed, List<Persona> personas,
                             List<Backstory> backstories) {
    }

    /**
     * The table and instrument of imported individuals, checked (no backstory is written), with their person-level
     * folds and value distribution when the data can make measurement models.
     *
     * @param folds      the person folds whose presets give each person's latent values; null when they cannot
     * @param population the value distribution of all the people; null when it cannot be estimated
     * @param why        why there are no folds, or null
     */
    public record Imported(AnswerTable table, Codebook codebook, Instrument instrument, Path data, PersonFolds folds,
                           ValueStatistics population, String why) {
    }

    /** The scenario's imported individuals, read and checked, with their measurement models. */
    public Imported imported(ScenarioFile file, long seed) throws InputException {
        return withModels(readIndividuals(file, file.scenario().population().individuals()), seed);
    }

    private static Imported withModels(Imported read, long seed) {
        try {
            return new Imported(read.table(), read.codebook(), read.instrument(), read.data(),
                    PersonFolds.fit(read.codebook(), read.table(), seed),
                    new PresetBuilder().values(read.codebook(), read.table()).latent(), null);
        } catch (DataException e) {
            return new Imported(read.table(), read.codebook(), read.instrument(), read.data(), null, null, e.getMessage());
        }
    }

    private Population individuals(ScenarioFile file, Scenario.Individuals spec, long seed, Models models,
                                   boolean templateStories) throws InputException {
        Imported imported = imported(file, seed);
        BackstoryWriter writer = templateStories ? new TemplateBackstoryWriter()
                : writer(file, spec, models, imported.instrument());
        java.util.Set<String> heldOut = java.util.Set.copyOf(spec.heldOut());
        List<Persona> rows = new IndividualsImporter().personas(imported.table(), imported.instrument(), heldOut);
        if (imported.folds() != null) {
            rows = LatentValues.assign(rows, LatentValues.of(imported.table(), imported.folds(), heldOut));
        }
        List<Persona> personas = new java.util.ArrayList<>();
        List<Backstory> stories = new java.util.ArrayList<>();
        for (Persona p : rows) {
            Backstory story = writer.write(p);
            stories.add(story);
            personas.add(p.withBackstory(story.text()));
        }
        return new Population(imported.data().getFileName().toString(), "individuals", seed, personas, stories);
    }

    private Imported readIndividuals(ScenarioFile file, Scenario.Individuals spec) throws InputException {
        Path data = file.resolve(spec.data());
        Path codebookFile = file.resolve(spec.codebook());
        var survey = SurveyFiles.read(data, codebookFile, null);
        Codebook codebook = survey.codebook();
        AnswerTable table = survey.table();
        Instrument instrument = survey.instrumentWithTexts();
        for (int i = 0; i < spec.heldOut().size(); i++) {
            String held = spec.heldOut().get(i);
            if (!table.items().contains(held) && !codebook.attributeNames().contains(held)) {
                throw file.error("/population/individuals/held-out/" + i, "no item or demographic '" + held
                        + "' in the codebook");
            }
        }
        return new Imported(table, codebook, instrument, data, null, null, null);
    }

    /** The backstory writer of a scenario of imported individuals (for estimates: it is not asked to write). */
    public BackstoryWriter backstoryWriter(ScenarioFile file, Models models) throws InputException {
        Scenario.Individuals spec = file.scenario().population().individuals();
        return writer(file, spec, models, readIndividuals(file, spec).instrument());
    }

    /** The scenario's backstory writer (the llm or the paper writer through the model's gateway). */
    private BackstoryWriter writer(ScenarioFile file, Scenario.Individuals spec, Models models,
                                   Instrument instrument) throws InputException {
        checkBackstory(file, spec, keys);
        if (spec.backstory() == Scenario.BackstoryKind.TEMPLATE) {
            return new TemplateBackstoryWriter();
        }
        if (file.scenario().respondent().protocol() == Scenario.Protocol.PAPER) {
            return paperWriter(file, spec, models, instrument);
        }
        String at = "/population/individuals";
        String instructions = spec.backstoryPrompt() == null ? LlmBackstoryWriter.defaultInstructions()
                : promptText(file, at + "/backstory-prompt", spec.backstoryPrompt());
        var gateway = models.gateway(spec.backstoryModel(), at + "/backstory-model");
        return new LlmBackstoryWriter(gateway, instructions,
                new org.valuesim.core.llm.Sampling(models.temperature(spec.backstoryModel()), 2000, 0),
                spec.minCoverage(), spec.maxAttempts());
    }

    /** Checks the backstory writer's settings, at validate as at run. */
    private static void checkBackstory(ScenarioFile file, Scenario.Individuals spec, boolean keys)
            throws InputException {
        String at = "/population/individuals";
        if (spec.backstory() == Scenario.BackstoryKind.TEMPLATE) {
            String llmOnly = spec.backstoryModel() != null ? "backstory-model"
                    : spec.backstoryPrompt() != null ? "backstory-prompt"
                    : spec.minCoverage() != null ? "min-coverage"
                    : spec.maxAttempts() != null ? "max-attempts" : null;
            if (llmOnly != null) {
                throw file.error(at + "/" + llmOnly, "only the llm backstory writer has " + llmOnly
                        + "; set backstory: llm");
            }
            return;
        }
        if (spec.backstoryModel() == null) {
            throw file.error(at + "/backstory-model", "the llm backstory writer needs a model: a key of models");
        }
        Models.check(file, spec.backstoryModel(), at + "/backstory-model", keys);
        String prompt = spec.backstoryPrompt() == null ? null
                : promptText(file, at + "/backstory-prompt", spec.backstoryPrompt());
        if (file.scenario().respondent().protocol() == Scenario.Protocol.PAPER) {
            String wrong = prompt == null ? null : org.valuesim.core.respond.Prompts.check("paper-story", prompt);
            if (wrong != null) {
                throw file.error(at + "/backstory-prompt", file.resolve(spec.backstoryPrompt()) + " " + wrong);
            }
            if (spec.minCoverage() != null || spec.maxAttempts() != null) {
                throw file.error(at + (spec.minCoverage() != null ? "/min-coverage" : "/max-attempts"), "the paper "
                        + "protocol writes one story per person with no coverage retries; leave min-coverage and "
                        + "max-attempts out");
            }
            return;
        }
        if (spec.minCoverage() < 0 || spec.minCoverage() > 1) {
            throw file.error(at + "/min-coverage", "must be between 0 and 1, got " + spec.minCoverage());
        }
        if (spec.maxAttempts() < 1 || spec.maxAttempts() > 20) {
            throw file.error(at + "/max-attempts", "must be between 1 and 20, got " + spec.maxAttempts());
        }
    }

    /**
     * The paper's story module: one story per person from the paper-story prompt (the scenario's backstory-prompt
     * replaces it, with the field {profile_text}); no coverage retries.
     */
    private static BackstoryWriter paperWriter(ScenarioFile file, Scenario.Individuals spec, Models models,
                                               Instrument instrument) throws InputException {
        String at = "/population/individuals";
        org.valuesim.core.respond.Prompts prompts = ScenarioRunner.prompts(file, spec.backstoryPrompt() == null
                ? java.util.Map.of() : java.util.Map.of("paper-story", file.resolve(spec.backstoryPrompt())),
                at + "/backstory-prompt");
        return new org.valuesim.populations.individuals.PaperStoryWriter(
                models.gateway(spec.backstoryModel(), at + "/backstory-model"), prompts, instrument,
                models.temperature(spec.backstoryModel()), 0, 0);
    }

    /** A no-dominant share lies in [0, 1) and only matters to the mixes that keep people with no dominant value. */
    private static void checkNoDominantShare(ScenarioFile file) throws InputException {
        Scenario.Population population = file.scenario().population();
        Double share = population.noDominantShare();
        if (share == null) {
            return;
        }
        if (share < 0 || share >= 1) {
            throw file.error("/population/no-dominant-share", "a share of people: at least 0 and below 1, got " + share);
        }
        if (population.individuals() != null || (population.strategy() != Scenario.Strategy.HUMAN_NAIVE
                && population.strategy() != Scenario.Strategy.HUMAN_EVEN)) {
            throw file.error("/population/no-dominant-share", "only human-naive and human-even use the share of people "
                    + "with no dominant value; '" + (population.individuals() != null ? "individuals"
                    : kebab(population.strategy())) + "' would ignore it");
        }
    }

    /** budget-usd needs a price for every model, since an unpriced call could not be counted against it. */
    private static void checkBudget(ScenarioFile file) throws InputException {
        Double budget = file.scenario().budgetUsd();
        if (budget == null) {
            return;
        }
        if (!(budget >= 0)) {
            throw file.error("/budget-usd", "US dollars, at least 0, got " + budget);
        }
        var models = file.scenario().models();
        if (models != null) {
            for (var e : models.entrySet()) {
                if (e.getValue().pricing() == null) {
                    throw file.error("/budget-usd", "model '" + e.getKey() + "' has no pricing, so its calls cannot "
                            + "be counted against the budget; give it a pricing: block");
                }
            }
        }
    }

    private static void checkDemographics(ScenarioFile file, Preset preset) throws InputException {
        var fixed = file.scenario().population().demographics();
        if (fixed == null) {
            return;
        }
        try {
            Strategies.checkFixed(preset, fixed);
        } catch (IllegalArgumentException e) {
            throw file.error("/population/demographics", e.getMessage());
        }
    }

    private static void checkPromptFiles(ScenarioFile file, boolean psychometric) throws InputException {
        var prompts = file.scenario().respondent().prompts();
        if (prompts == null) {
            return;
        }
        if (psychometric) {
            throw file.error("/respondent/prompts", "the psychometric respondent reads no prompts");
        }
        for (var e : prompts.entrySet()) {
            String at = "/respondent/prompts/" + e.getKey();
            if (!PROMPT_NAMES.contains(e.getKey())) {
                throw file.sources().keyError(at, "unknown prompt; expected one of: "
                        + String.join(", ", new java.util.TreeSet<>(PROMPT_NAMES)));
            }
            String wrong = org.valuesim.core.respond.Prompts.check(e.getKey(), promptText(file, at, e.getValue()));
            if (wrong != null) {
                throw file.error(at, file.resolve(e.getValue()) + " " + wrong);
            }
        }
    }

    /** A prompt file's text, checked now so that a run never fails on it after writing its folder. */
    private static String promptText(ScenarioFile file, String pointer, String name) throws InputException {
        Path path = file.resolve(name);
        String text;
        try {
            text = TextFiles.readUtf8(path);
        } catch (TextFiles.UnreadableFileException e) {
            throw file.error(pointer, e.getMessage());
        }
        if (text.isBlank()) {
            throw file.error(pointer, path + ": the prompt file is empty");
        }
        return text.strip();
    }

    private static void checkStrategyFitsRespondent(ScenarioFile file) throws InputException {
        Scenario.Strategy strategy = file.scenario().population().strategy();
        if (strategy != Scenario.Strategy.SAMPLED) {
            throw file.error("/population/strategy", "'" + kebab(strategy) + "' makes value-prompted personas, which "
                    + "only language-model respondents answer (naive, value-prompt); the psychometric respondent needs "
                    + "'sampled'");
        }
    }

    private Preset preset(ScenarioFile file, String pointer, String name) throws InputException {
        if (name.endsWith(".json")) {
            Path path = file.resolve(name);
            if (!Files.isRegularFile(path)) {
                throw file.error(pointer, "no preset file " + path);
            }
            return PresetFiles.read(path);
        }
        return presets.builtIn(name).orElseThrow(() -> file.error(pointer, "unknown preset '" + name
                + "'; built-in presets: " + String.join(", ", presets.builtInNames()) + " (or a path to a .json preset)"));
    }

    /** A value-less preset (its survey cannot model the values) gives only uniform value-prompted personas. */
    private static void checkStrategyFitsPreset(ScenarioFile file, Preset preset) throws InputException {
        String why = Strategies.cannotDraw(preset, kebab(file.scenario().population().strategy()));
        if (why != null) {
            throw file.error("/population/strategy", why);
        }
    }

    /** The word {@code instruments} names the population's own instrument by: the questions its codebook describes. */
    public static final String CODEBOOK = "codebook";

    /** The population's own instrument, or an input error at {@code pointer} saying why there is none. */
    private interface OwnInstrument {
        Instrument at(String pointer) throws InputException;
    }

    /**
     * The instrument a preset's people answered: the questions of the codebook it was built from, or the built-in
     * instrument of a one-instrument preset.
     */
    private Instrument survey(ScenarioFile file, String pointer, Preset preset) throws InputException {
        if (preset.survey() != null) {
            return preset.survey();
        }
        return instruments.builtIn(preset.instrument()).orElseThrow(() -> file.error(pointer, "'" + CODEBOOK
                + "' is the instrument preset " + preset.name() + "'s people answered, " + preset.instrument()
                + ", which is not built in, so its item texts are unknown; name an instrument file"));
    }

    private List<Instrument> resolveInstruments(ScenarioFile file, List<String> ids, boolean anyDilemma,
                                                OwnInstrument own) throws InputException {
        if (ids.isEmpty() && !anyDilemma) {
            throw file.error("/instruments", "name at least one instrument (or play a dilemma)");
        }
        List<Instrument> resolved = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            String ref = ids.get(i);
            Instrument instrument;
            if (ref.equals(CODEBOOK)) {
                instrument = own.at("/instruments/" + i);
            } else if (ref.endsWith(".yaml") || ref.endsWith(".yml")) {
                instrument = instruments.read(file.resolve(ref));
            } else {
                int index = i;
                instrument = instruments.builtIn(ref).orElseThrow(() -> file.error("/instruments/" + index,
                        "unknown instrument '" + ref + "'; built-in instruments: "
                                + String.join(", ", instruments.builtInIds()) + " (or a path to a .yaml instrument, or "
                                + CODEBOOK + " for the questions the population's people answered)"));
            }
            for (Instrument earlier : resolved) {
                if (earlier.id().equals(instrument.id())) {
                    throw file.error("/instruments/" + i, "instrument '" + instrument.id() + "' is listed twice");
                }
            }
            resolved.add(instrument);
        }
        return resolved;
    }

    /** The psychometric respondent answers only items its preset, the instrument's scales or human shares cover. */
    private static void checkPsychometricCoverage(ScenarioFile file, Preset preset, List<Instrument> instruments)
            throws InputException {
        PsychometricRespondent respondent = new PsychometricRespondent(preset.itemModels(), preset.latent(), 0);
        for (int i = 0; i < instruments.size(); i++) {
            Instrument instrument = instruments.get(i);
            for (Item item : instrument.items()) {
                String why = respondent.cannotAnswer(instrument, item);
                if (why != null) {
                    throw file.error("/instruments/" + i, "the psychometric respondent (preset '" + preset.name()
                            + "') cannot answer item " + instrument.id() + "/" + item.id() + ": " + why);
                }
            }
        }
    }

    static String kebab(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
