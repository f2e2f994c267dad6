package org.valuesim.scenarios.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads scenario files strictly, applies field overrides ({@code --set}, a study's conditions) and fills in
 * the defaults; every failure is one located line.
 */
public final class ScenarioLoader {

    public static final long DEFAULT_SEED = 42;

    /**
     * The choice when the scenario gives none. A population's answers are seeded draws from each answer's
     * distribution: with argmax every value-prompted persona of one value would give the one most likely answer
     * pattern (30 power personas, one answer repeated), and the variance within groups the statistics compare with
     * humans would be gone. Imported individuals keep argmax: their answers are predictions scored top-1 against
     * the person's own (the individual-accuracy protocol at temperature 0, as ValueSim). The choice is not part of a
     * model request, so it never changes a cache key.
     */
    static Scenario.Choice defaultChoice(Scenario.Population population) {
        return population.individuals() != null ? Scenario.Choice.ARGMAX : Scenario.Choice.DRAW;
    }

    private final StrictReader reader = StrictReader.yaml();

    public ScenarioFile load(Path path) throws InputException {
        return load(path, List.of());
    }

    /** Loads a scenario file with overrides applied in order, each checked like a field of the file. */
    public ScenarioFile load(Path path, List<FieldOverride> overrides) throws InputException {
        return load(reader.parse(path), overrides);
    }

    /**
     * Loads a parsed scenario (a file, or a scenario written inside another file) with overrides applied in
     * order; relative paths in it resolve against its file's folder.
     */
    public ScenarioFile load(Document document, List<FieldOverride> overrides) throws InputException {
        Path path = document.file();
        Sources sources = document.sources();
        if (!document.root().isObject()) {
            throw sources.error("", "expected a mapping of scenario fields (name, population, ...), got "
                    + Errors.shown(document.root()));
        }
        ObjectNode tree = document.root().deepCopy();
        reader.override(tree, Scenario.class, overrides, sources);
        Scenario read = reader.bind(tree, Scenario.class, sources);
        ScenarioFile located = new ScenarioFile(path, read, "", sources);
        requireFields(located);
        Scenario scenario = withDefaults(read);
        String asRun;
        try {
            asRun = reader.mapper().writeValueAsString(scenario);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return new ScenarioFile(path, scenario, asRun, sources);
    }

    private static void requireFields(ScenarioFile file) throws InputException {
        Scenario s = file.scenario();
        require(file, s.name(), "/name");
        require(file, s.population(), "/population");
        if (s.population().individuals() == null) {
            require(file, s.population().size(), "/population/size");
        }
        if (s.accuracy() == null) {
            // an accuracy run predicts the items of its individuals' codebook
            require(file, s.instruments(), "/instruments");
        }
        if (s.models() != null) {
            for (var model : s.models().entrySet()) {
                String at = Pointers.child("/models", model.getKey());
                require(file, model.getValue().provider(), at + "/provider");
                require(file, model.getValue().model(), at + "/model");
            }
        }
        if (s.population().individuals() != null) {
            require(file, s.population().individuals().data(), "/population/individuals/data");
            require(file, s.population().individuals().codebook(), "/population/individuals/codebook");
        }
        if (s.dilemmas() != null) {
            for (int i = 0; i < s.dilemmas().size(); i++) {
                Scenario.Dilemma d = s.dilemmas().get(i);
                require(file, d, "/dilemmas/" + i);
                require(file, d.kind(), "/dilemmas/" + i + "/kind");
                if (d.network() != null) {
                    require(file, d.network().kind(), "/dilemmas/" + i + "/network/kind");
                }
                if (d.causes() != null) {
                    for (int c = 0; c < d.causes().size(); c++) {
                        Scenario.Cause cause = d.causes().get(c);
                        require(file, cause, "/dilemmas/" + i + "/causes/" + c);
                        require(file, cause.id(), "/dilemmas/" + i + "/causes/" + c + "/id");
                        require(file, cause.label(), "/dilemmas/" + i + "/causes/" + c + "/label");
                    }
                }
            }
        }
    }

    private static void require(ScenarioFile file, Object value, String pointer) throws InputException {
        if (value == null) {
            throw file.sources().missing(pointer);
        }
    }

    /** The scenario with every default the run will use written out. */
    static Scenario withDefaults(Scenario s) {
        Scenario.Population p = s.population();
        Scenario.Respondent r = s.respondent() == null ? new Scenario.Respondent(null, null, null, null, null, null, null,
                null) : s.respondent();
        Scenario.Protocol protocol = r.protocol() == null ? Scenario.Protocol.VALUESIM : r.protocol();
        // the paper's story module writes one story per person: no coverage retries to default
        boolean retries = p.individuals() != null && p.individuals().backstory() == Scenario.BackstoryKind.LLM
                && protocol == Scenario.Protocol.VALUESIM;
        Scenario.Individuals i = p.individuals() == null ? null : new Scenario.Individuals(p.individuals().data(),
                p.individuals().codebook(), p.individuals().heldOut() == null ? List.of() : p.individuals().heldOut(),
                p.individuals().backstory() == null ? Scenario.BackstoryKind.TEMPLATE : p.individuals().backstory(),
                p.individuals().backstoryModel(), p.individuals().backstoryPrompt(),
                retries && p.individuals().minCoverage() == null ? Double.valueOf(0.9) : p.individuals().minCoverage(),
                retries && p.individuals().maxAttempts() == null ? Integer.valueOf(3) : p.individuals().maxAttempts());
        Scenario.Population population = new Scenario.Population(p.size(),
                p.preset() == null && p.individuals() == null ? "us-gss-2012" : p.preset(),
                p.strategy() == null ? Scenario.Strategy.SAMPLED : p.strategy(), i, p.demographics(), p.noDominantShare());
        Scenario.RespondentKind kind = r.kind() == null ? Scenario.RespondentKind.PSYCHOMETRIC : r.kind();
        boolean modelBacked = kind != Scenario.RespondentKind.PSYCHOMETRIC && kind != Scenario.RespondentKind.SEMANTIC;
        Scenario.Respondent respondent = new Scenario.Respondent(kind, r.model(),
                r.choice() == null && modelBacked ? defaultChoice(p) : r.choice(), r.prompts(),
                r.integration() == null && kind == Scenario.RespondentKind.BACKSTORY_CAPS ? Scenario.Integration.COORDINATOR
                        : r.integration(),
                r.topK() == null && kind == Scenario.RespondentKind.RAG ? Integer.valueOf(3) : r.topK(),
                r.threshold() == null && kind == Scenario.RespondentKind.RAG ? Double.valueOf(defaultThreshold(protocol))
                        : r.threshold(), modelBacked ? protocol : r.protocol(), r.itemsPerCall());
        return new Scenario(s.name(), s.seed() == null ? DEFAULT_SEED : s.seed(), population, respondent,
                s.models(), s.instruments(), s.dilemmas() == null ? null : Dilemmas.withDefaults(s.dilemmas()),
                s.compareTo() == null ? population.preset() : s.compareTo(), s.compareOutcomes(),
                Scenario.Statistics.withDefaults(s.statistics()),
                s.cache() == null && modelBacked ? ".valuesim/cache.db" : s.cache(), s.budgetUsd(),
                Scenario.Accuracy.withDefaults(s.accuracy()));
    }

    /**
     * The rag threshold when the scenario gives none: valuesim's 0.3; under the paper protocol -1 (the top k, no
     * filter). The authors' 0.3 is a cosine of OpenAI's ada-002 embeddings, whose cosines even between unrelated
     * texts rarely fall below 0.7, so it can hardly have filtered anything: their rag is the top k. -1 keeps that on
     * any embedder; 0.3 on MiniLM's cosines is another cut (README, The paper protocol).
     */
    public static double defaultThreshold(Scenario.Protocol protocol) {
        return protocol == Scenario.Protocol.PAPER ? -1 : 0.3;
    }
}
