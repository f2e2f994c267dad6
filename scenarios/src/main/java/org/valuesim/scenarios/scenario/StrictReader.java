package org.valuesim.scenarios.scenario;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.valuesim.core.files.TextFiles;

/**
 * Reads valuesim's input files (scenarios, instruments, codebooks as YAML; presets as JSON) strictly into
 * their records: kebab-case fields, no unknown fields, no duplicate keys, no silent coercion. Every failure
 * is one line naming the file, line and column and the field path.
 */
public final class StrictReader {

    /*
     * One reader of each kind for the process: a configured mapper never changes, and it keeps the deserializers
     * and field lists it has worked out (building them anew costs more than reading a file).
     */
    private static final StrictReader YAML = yamlReader();
    private static final StrictReader JSON = new StrictReader(strict(JsonMapper.builder()), "JSON");

    private final ObjectMapper mapper;
    private final String format;
    private final FieldTypes types;

    private StrictReader(ObjectMapper mapper, String format) {
        this.mapper = mapper;
        this.format = format;
        this.types = new FieldTypes(mapper.getDeserializationConfig());
    }

    /** The reader of YAML files. */
    public static StrictReader yaml() {
        return YAML;
    }

    /** The reader of JSON files (presets). */
    public static StrictReader json() {
        return JSON;
    }

    private static StrictReader yamlReader() {
        YAMLFactory factory = YAMLFactory.builder()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                // a text that looks like a number ("2") stays text when the scenario as run is read back
                .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                // an empty node ("key:" or "-" with nothing after) is YAML's null, not the text ""
                .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
                .build();
        return new StrictReader(strict(JsonMapper.builder(factory)), "YAML");
    }

    private static ObjectMapper strict(JsonMapper.Builder builder) {
        builder.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        return builder.propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                // an absent primitive would count as a null one: DeclaredFields refuses explicit nulls instead
                .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .build();
    }

    /** The mapper, for writing records back in the same form. */
    public ObjectMapper mapper() {
        return mapper;
    }

    /** Reads a file into a record. */
    public <T> T read(Path file, Class<T> type) throws InputException {
        Document document = parse(file);
        return bind(document.root(), type, document.sources());
    }

    /** Parses a file into a tree; a file that is missing, not UTF-8 text, empty or malformed is refused. */
    public Document parse(Path file) throws InputException {
        return parse(file, text(file));
    }

    /** Parses a text read from {@code file} (or a resource of that name) into a tree. */
    public Document parse(Path file, String text) throws InputException {
        if (text.isBlank()) {
            throw new InputException(file + ": the file is empty");
        }
        try {
            Document document = DocumentLocations.parse(mapper.getFactory(), file, text);
            if (document == null) {
                throw new InputException(file + ": the file holds only comments");
            }
            return document;
        } catch (JsonProcessingException e) {
            throw new InputException(Errors.syntax(file, e, format), e);
        } catch (IOException e) {
            throw new InputException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Parses a value written on its own (a {@code --set} value) into a tree. */
    JsonNode parseValue(String text) throws JsonProcessingException {
        return mapper.readTree(text);
    }

    /**
     * Applies field overrides to the tree of a document of {@code type}, in order, and records in {@code sources}
     * which values they put there.
     */
    public void override(ObjectNode root, Class<?> type, List<FieldOverride> overrides, Sources sources)
            throws InputException {
        new Overrides(types, sources).apply(overrides, root, types.type(type));
    }

    /**
     * Binds a tree to a record: unknown fields first (where they stand), then empty entries and missing
     * required fields, then types and the records' own checks, each located by {@code sources}.
     */
    public <T> T bind(JsonNode root, Class<T> type, Sources sources) throws InputException {
        new DeclaredFields(types, sources).check(root, types.type(type));
        try {
            return mapper.readValue(mapper.treeAsTokens(root), type);
        } catch (JsonProcessingException e) {
            throw Errors.binding(e, sources, root);
        } catch (IOException e) {
            throw new InputException(sources.file() + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** A file's text: it must exist, be a file and be UTF-8 (a leading byte-order mark is dropped). */
    public static String text(Path file) throws InputException {
        try {
            return TextFiles.readUtf8(file);
        } catch (TextFiles.UnreadableFileException e) {
            throw new InputException(e.getMessage(), e);
        }
    }
}
