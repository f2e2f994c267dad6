package org.valuesim.scenarios.study;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.LongNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.valuesim.populations.preset.PresetCatalog;
import org.valuesim.results.study.StudyResults;
import org.valuesim.scenarios.catalog.InstrumentCatalog;
import org.valuesim.scenarios.run.Planner;
import org.valuesim.scenarios.run.RunPlan;
import org.valuesim.scenarios.scenario.Document;
import org.valuesim.scenarios.scenario.FieldOverride;
import org.valuesim.scenarios.scenario.InputException;
import org.valuesim.scenarios.scenario.Origin;
import org.valuesim.scenarios.scenario.Pointers;
import org.valuesim.scenarios.scenario.ScenarioFile;
import org.valuesim.scenarios.scenario.ScenarioLoader;
import org.valuesim.scenarios.scenario.Sources;
import org.valuesim.scenarios.scenario.StrictReader;

/**
 * Reads a study file strictly and plans it: the base scenario, the conditions (the full factorial of {@code vary:},
 * or the named {@code conditions:}), each replicate's seed, and every run checked as {@code valuesim run} checks a
 * scenario, before anything is written. A mistake is one line: the study file's line and column, the condition, the
 * field path. {@code study} executes the plan; {@code estimate} and a cluster coordinator can use it as well.
 *
 * <p>Each run's scenario is the base with, in order, the command line's {@code --set} overrides, the condition's
 * values (which win where both set a field) and the replicate's seed.
 */
public final class StudyPlanner {

    /** Conditions x replicates above this are surely a mistake (a factor listed twice, a typo in a range). */
    static final int MAX_RUNS = 10_000;
    static final int MAX_REPLICATES = 1_000;
    /** A condition's name must leave room for "-r" and the replicate in a folder name of at most 100 characters. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,89}");
    /** Fields a condition may not set: the study derives the seeds and shares one cache. */
    private static final Map<String, String> STUDY_OWNED = Map.of(
            "seed", "each run's seed comes from the study's seed: and the replicate (seed + k - 1)",
            "cache", "every run of a study shares one model-call cache: set cache in the base scenario");

    private final StrictReader reader = StrictReader.yaml();
    private final ScenarioLoader loader = new ScenarioLoader();
    private final Planner planner;

    public StudyPlanner() {
        this(true);
    }

    /** @param keys whether each run's models must find their API keys (false for an estimate, which calls nothing) */
    public StudyPlanner(boolean keys) {
        this.planner = new Planner(new PresetCatalog(), new InstrumentCatalog(), keys);
    }

    /**
     * Plans a study file with the command line's overrides of the base scenario.
     *
     * @param sets {@code --set} overrides, applied to the base of every condition before its own values
     */
    public StudyPlan plan(Path file, List<FieldOverride> sets) throws InputException {
        Document document = reader.parse(file);
        Sources sources = document.sources();
        if (!document.root().isObject()) {
            throw sources.error("", "expected a mapping of study fields (base, vary or conditions, replicates, ...)");
        }
        StudyFile study = reader.bind(document.root(), StudyFile.class, sources);
        String name = study.name() != null ? study.name() : stem(file);
        if (!NAME.matcher(name).matches()) {
            throw study.name() != null ? sources.error("/name", nameRule("'" + name + "' cannot name a study folder"))
                    : sources.error("", "the file's name '" + name + "' cannot name a study folder; give name: ("
                    + "letters, digits, '.', '_' and '-', at most 90)");
        }
        int replicates = study.replicates() == null ? 1 : study.replicates();
        if (replicates < 1 || replicates > MAX_REPLICATES) {
            throw sources.error("/replicates", "must be between 1 and " + MAX_REPLICATES + ", got " + replicates);
        }
        if (study.headline() != null) {
            for (int i = 0; i < study.headline().size(); i++) {
                if (study.headline().get(i).isBlank()) {
                    throw sources.error("/headline/" + i, "a statistic's name as study.csv writes it, e.g. "
                            + "human_agreement.pearson_r ('*' for any one key: dilemmas.*.mean_cooperation)");
                }
            }
        }
        Document base = base(document, study);
        for (FieldOverride set : sets) {
            if (set.pointer().equals("/seed") && study.seed() != null) {
                throw new InputException("--set seed: this study gives its own seed (" + located(document, "/seed")
                        + "); each run's seed derives from it (replicate k: seed + k - 1)");
            }
        }
        ScenarioFile baseAsSet = loader.load(base, sets);
        long seed = study.seed() != null ? study.seed() : baseAsSet.scenario().seed();
        String baseError = null;
        try {
            planner.plan(baseAsSet, null);
        } catch (InputException e) {
            // conditions may well fix what the base lacks; an error every condition shares is the base's own
            baseError = e.getMessage();
        }
        List<Draft> drafts = conditions(document, study);
        if ((long) drafts.size() * replicates > MAX_RUNS) {
            throw sources.error(study.vary() != null ? "/vary" : "/conditions", drafts.size() + " conditions x "
                    + replicates + " replicates = " + (long) drafts.size() * replicates + " runs; a study runs at most "
                    + MAX_RUNS);
        }
        List<String> fields = fields(drafts);
        List<StudyCondition> conditions = new ArrayList<>();
        List<List<PlannedRun>> byCondition = new ArrayList<>();
        String cache = null;
        for (Draft draft : drafts) {
            List<FieldOverride> overrides = new ArrayList<>(sets);
            overrides.addAll(draft.overrides());
            StudyCondition condition = null;
            List<PlannedRun> runs = new ArrayList<>();
            for (int k = 1; k <= replicates; k++) {
                long runSeed = seed + k - 1;
                List<FieldOverride> withSeed = new ArrayList<>(overrides);
                withSeed.add(new FieldOverride("seed", LongNode.valueOf(runSeed),
                        new Origin(file + ": replicate " + k + " (seed " + runSeed + "): ")));
                ScenarioFile scenario;
                RunPlan plan;
                try {
                    scenario = loader.load(base, withSeed);
                    plan = planner.plan(scenario, null);
                } catch (InputException e) {
                    throw e.getMessage().equals(baseError) ? e : inCondition(e, draft);
                }
                if (condition == null) {
                    condition = new StudyCondition(draft.name(), List.copyOf(draft.overrides()),
                            values(scenario, fields));
                }
                if (cache == null) {
                    cache = scenario.scenario().cache();
                }
                runs.add(new PlannedRun(condition, k, runSeed, "runs/" + draft.name() + "-r" + k, plan));
            }
            conditions.add(condition);
            byCondition.add(runs);
        }
        List<PlannedRun> order = new ArrayList<>();
        for (int k = 0; k < replicates; k++) {
            for (List<PlannedRun> runs : byCondition) {
                order.add(runs.get(k));
            }
        }
        List<String> headline = study.headline() != null ? List.copyOf(study.headline()) : StudyResults.DEFAULT_HEADLINE;
        return new StudyPlan(file, name, seed, replicates, List.copyOf(sets), fields, headline, conditions, order, cache);
    }

    /** A condition before it is planned: its name and overrides, located in the study file. */
    private record Draft(String name, List<FieldOverride> overrides, String label, Origin origin) {
    }

    /**
     * An error about a condition's scenario that does not name the condition (a field of the base file that does not
     * fit what the condition sets), with the condition and its place in the study file added.
     */
    private static InputException inCondition(InputException e, Draft draft) {
        String where = draft.origin().prefix();
        if (e.getMessage().contains(": " + draft.label() + ": ") || e.getMessage().startsWith("--set ")) {
            return e;
        }
        return new InputException(e.getMessage() + "; in " + where.substring(0, where.length() - 2), e);
    }

    /** The base scenario: a file (relative to the study file) or the scenario written under base:. */
    private Document base(Document study, StudyFile spec) throws InputException {
        Sources sources = study.sources();
        JsonNode base = spec.base();
        if (base == null || base.isNull()) {
            throw sources.missing("/base");
        }
        if (base.isObject()) {
            return study.at("/base");
        }
        if (!base.isTextual() || base.asText().isBlank()) {
            throw sources.error("/base", "expected a scenario file's path (relative to this file) or a scenario "
                    + "written here (name, population, ...)");
        }
        Path parent = study.file().toAbsolutePath().getParent();
        Path file = parent.resolve(base.asText()).normalize();
        if (!Files.isRegularFile(file)) {
            throw sources.error("/base", "no scenario file " + file);
        }
        return reader.parse(study.file().getParent() == null ? Path.of(base.asText())
                : study.file().getParent().resolve(base.asText()).normalize());
    }

    private List<Draft> conditions(Document document, StudyFile study) throws InputException {
        Sources sources = document.sources();
        if (study.vary() != null && study.conditions() != null) {
            throw sources.keyError("/conditions", "give either vary (every combination of the fields' values) or "
                    + "conditions (named sets of values), not both");
        }
        if (study.vary() != null && !study.vary().isNull()) {
            return vary(document, study.vary());
        }
        if (study.conditions() != null) {
            return named(document, study.conditions());
        }
        throw sources.error("", "a study needs vary: (fields with lists of values; every combination runs) or "
                + "conditions: (a list of named sets of field values)");
    }

    /** The full factorial of the vary: fields' values, the first field varying slowest. */
    private static List<Draft> vary(Document document, JsonNode vary) throws InputException {
        Sources sources = document.sources();
        if (!vary.isObject() || vary.isEmpty()) {
            throw sources.error("/vary", "expected field paths, each with a list of values, e.g. "
                    + "population.strategy: [uniform, human-naive]");
        }
        List<String> paths = new ArrayList<>();
        List<List<JsonNode>> values = new ArrayList<>();
        List<List<String>> parts = new ArrayList<>();
        for (var field : vary.properties()) {
            String at = Pointers.child("/vary", field.getKey());
            checkPath(document, at, field.getKey(), "vary");
            JsonNode list = field.getValue();
            if (!list.isArray() || list.isEmpty()) {
                throw sources.error(at, "expected a list of the values to run, e.g. [100, 500]");
            }
            List<JsonNode> these = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                if (these.contains(list.get(i))) {
                    throw sources.error(Pointers.child(at, i), "the value " + shown(list.get(i)) + " is listed twice");
                }
                these.add(list.get(i));
            }
            paths.add(field.getKey());
            values.add(these);
            parts.add(ConditionNames.parts(these));
        }
        List<Draft> drafts = new ArrayList<>();
        int[] index = new int[paths.size()];
        while (true) {
            StringBuilder name = new StringBuilder();
            for (int f = 0; f < paths.size(); f++) {
                name.append(f == 0 ? "" : "_").append(parts.get(f).get(index[f]));
            }
            if (!NAME.matcher(name).matches()) {
                throw sources.error("/vary", "the condition name '" + name + "' is too long for a folder; name the "
                        + "conditions yourself with conditions: (see README, Studies)");
            }
            String label = "vary (" + name + ")";
            List<FieldOverride> overrides = new ArrayList<>();
            for (int f = 0; f < paths.size(); f++) {
                String at = Pointers.child(Pointers.child("/vary", paths.get(f)), index[f]);
                overrides.add(new FieldOverride(paths.get(f), values.get(f).get(index[f]), origin(document, at, label)));
            }
            drafts.add(new Draft(name.toString(), overrides, label, origin(document, "/vary", label)));
            int f = paths.size() - 1;
            while (f >= 0 && ++index[f] == values.get(f).size()) {
                index[f] = 0;
                f--;
            }
            if (f < 0) {
                return drafts;
            }
        }
    }

    private static List<Draft> named(Document document, List<StudyFile.Condition> conditions) throws InputException {
        Sources sources = document.sources();
        if (conditions.isEmpty()) {
            throw sources.error("/conditions", "list at least one condition: {name: ..., set: {field.path: value}}");
        }
        Set<String> names = new HashSet<>();
        List<Draft> drafts = new ArrayList<>();
        for (int i = 0; i < conditions.size(); i++) {
            StudyFile.Condition c = conditions.get(i);
            String at = "/conditions/" + i;
            if (c == null) {
                throw sources.error(at, "an entry without a value; expected {name: ..., set: {field.path: value}}");
            }
            if (c.name() == null) {
                throw sources.missing(at + "/name");
            }
            if (!NAME.matcher(c.name()).matches()) {
                throw sources.error(at + "/name", nameRule("'" + c.name() + "' cannot name a condition's folders"));
            }
            if (!names.add(c.name())) {
                throw sources.error(at + "/name", "the name '" + c.name() + "' is given to two conditions");
            }
            String label = "conditions[" + i + "] (" + c.name() + ")";
            List<FieldOverride> overrides = new ArrayList<>();
            if (c.set() != null && !c.set().isNull()) {
                if (!c.set().isObject()) {
                    throw sources.error(at + "/set", "expected field paths and their values, e.g. "
                            + "{population.strategy: human-even}");
                }
                for (var field : c.set().properties()) {
                    String fieldAt = Pointers.child(at + "/set", field.getKey());
                    checkPath(document, fieldAt, field.getKey(), label);
                    overrides.add(new FieldOverride(field.getKey(), field.getValue(), origin(document, fieldAt, label)));
                }
            }
            drafts.add(new Draft(c.name(), overrides, label, origin(document, at, label)));
        }
        return drafts;
    }

    /** A field path a condition sets must parse and must not be one the study owns. */
    private static void checkPath(Document document, String at, String path, String label) throws InputException {
        Origin origin = origin(document, at, label);
        String pointer = new FieldOverride(path, null, origin).pointer();
        String first = pointer.substring(1).split("/")[0];
        if (STUDY_OWNED.containsKey(first)) {
            throw new InputException(origin.prefix() + Pointers.fieldPath(pointer) + ": " + STUDY_OWNED.get(first));
        }
    }

    /** The study fields: vary's paths, or every path a named condition sets, in the order they first appear. */
    private static List<String> fields(List<Draft> drafts) {
        Set<String> out = new LinkedHashSet<>();
        drafts.forEach(d -> d.overrides().forEach(o -> out.add(o.path())));
        return List.copyOf(out);
    }

    /** Each field's value in the scenario as run (defaults filled in); absent when it has none. */
    private Map<String, JsonNode> values(ScenarioFile scenario, List<String> fields) throws InputException {
        JsonNode asRun;
        try {
            asRun = reader.mapper().readTree(scenario.asRunYaml());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the scenario as run does not read back", e);
        }
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (String field : fields) {
            JsonNode value = asRun.at(new FieldOverride(field, null, Origin.argument()).pointer());
            if (!value.isMissingNode()) {
                out.put(field, value);
            }
        }
        return out;
    }

    private static Origin origin(Document document, String pointer, String label) {
        JsonLocation at = document.locations().keyOrValue(pointer);
        return Origin.inFile(document.file(), at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(), label);
    }

    private static String located(Document document, String pointer) {
        JsonLocation at = document.locations().keyOrValue(pointer);
        return document.file() + (at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr());
    }

    private static String nameRule(String what) {
        return what + "; use letters, digits, '.', '_' and '-' (at most 90, starting with a letter or digit)";
    }

    private static String shown(JsonNode value) {
        return value.isValueNode() ? "'" + value.asText() + "'" : value.toString();
    }

    private static String stem(Path file) {
        String name = file.getFileName().toString();
        return name.replaceFirst("\\.(ya?ml)$", "");
    }
}
