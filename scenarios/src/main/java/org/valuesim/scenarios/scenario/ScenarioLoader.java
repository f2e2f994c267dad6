package org.valuesim.scenarios.scenario;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.ByteBuffer;
import java.util.List;

/** Reads scenario files strictly and fills in the defaults; every failure is one located line. */
public final class ScenarioLoader {

    public static final long DEFAULT_SEED = 42;

    private final ObjectMapper reader = yamlMapper();

    /** The strict YAML mapper for valuesim files: kebab-case fields, no unknown fields, no silent coercion. */
    public static ObjectMapper yamlMapper() {
        YAMLFactory factory = YAMLFactory.builder()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .build();
        factory.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        return JsonMapper.builder(factory)
                .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .build();
    }

    public ScenarioFile load(Path path) throws InputException {
        String text = readText(path);
        if (text.isBlank()) {
            throw new InputException(path + ": the file is empty");
        }
        Scenario read;
        YamlLocations locations = null;
        try {
            locations = new YamlLocations(text);
            read = reader.readValue(text, Scenario.class);
        } catch (JsonProcessingException e) {
            throw new InputException(Errors.describe(path, e, locations), e);
        } catch (IOException e) {
            throw new InputException(path + ": " + e.getMessage(), e);
        }
        if (read == null) {
            throw new InputException(path + ": the file holds no scenario");
        }
        ScenarioFile located = new ScenarioFile(path, read, "", locations);
        requireFields(located);
        Scenario scenario = withDefaults(read);
        String asRun;
        try {
            asRun = reader.writeValueAsString(scenario);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return new ScenarioFile(path, scenario, asRun, locations);
    }

    private static void requireFields(ScenarioFile file) throws InputException {
        Scenario s = file.scenario();
        require(file, s.name(), "/name");
        require(file, s.population(), "/population");
        if (s.population().individuals() == null) {
            require(file, s.population().size(), "/population/size");
        }
        require(file, s.instruments(), "/instruments");
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
            throw file.error(pointer, "missing required field");
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
                r.choice() == null && modelBacked ? Scenario.Choice.ARGMAX : r.choice(), r.prompts(),
                r.integration() == null && kind == Scenario.RespondentKind.BACKSTORY_CAPS ? Scenario.Integration.COORDINATOR
                        : r.integration(),
                r.topK() == null && kind == Scenario.RespondentKind.RAG ? Integer.valueOf(3) : r.topK(),
                r.threshold() == null && kind == Scenario.RespondentKind.RAG ? Double.valueOf(defaultThreshold(protocol))
                        : r.threshold(), modelBacked ? protocol : r.protocol());
        return new Scenario(s.name(), s.seed() == null ? DEFAULT_SEED : s.seed(), population, respondent,
                s.models(), s.instruments(), s.dilemmas() == null ? null : Dilemmas.withDefaults(s.dilemmas()),
                s.compareTo() == null ? population.preset() : s.compareTo(),
                Scenario.Statistics.withDefaults(s.statistics()),
                s.cache() == null && modelBacked ? ".valuesim/cache.db" : s.cache());
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

    private static String readText(Path path) throws InputException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new InputException(path + ": no such file");
        } catch (IOException e) {
            throw new InputException(path + ": cannot read: " + e.getMessage());
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new InputException(path + ": not a UTF-8 text file");
        }
    }
}
