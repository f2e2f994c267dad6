package org.valuesim.results.record;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one serializer of the results record (summary.json, manifest.json): records to JSON and back. Component names
 * become snake_case keys in declaration order, absent (null) parts are left out, and every number is written as a
 * plain decimal: never an exponent, the same digits on every JDK, and a number that is not finite (NaN) as null,
 * which reads back as NaN.
 */
public final class ResultsJson {

    /** Enough significant digits to write back exactly any value rounded to 6 decimals or 6 significant digits. */
    private static final MathContext DIGITS = new MathContext(15, RoundingMode.HALF_EVEN);

    private static final ObjectMapper MAPPER = mapper();

    private ResultsJson() {
    }

    private static ObjectMapper mapper() {
        JsonFactory factory = JsonFactory.builder().addDecorator((f, g) -> new PlainNumbers(g)).build();
        SimpleModule nanForNull = new SimpleModule("results-record")
                .addDeserializer(double.class, new NumberDeserializers.DoubleDeserializer(double.class, Double.NaN));
        return new ObjectMapper(factory)
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL)
                .enable(SerializationFeature.INDENT_OUTPUT)
                // a folder written by a newer valuesim still reads: parts this version does not know are skipped
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .registerModule(nanForNull);
    }

    /** Writes a record as a results file (indented JSON, a final newline). */
    public static void write(Path file, Object record) throws IOException {
        Files.writeString(file, text(record), StandardCharsets.UTF_8);
    }

    /** A record as the text of its results file. */
    public static String text(Object record) throws IOException {
        return MAPPER.writeValueAsString(record) + "\n";
    }

    /** Reads a results file back into its record. */
    public static <T> T read(Path file, Class<T> type) throws IOException {
        return MAPPER.readValue(file.toFile(), type);
    }

    /** Reads a summary.json: a run's or an accuracy benchmark's. */
    public static Summary readSummary(Path file) throws IOException {
        JsonNode tree = MAPPER.readTree(file.toFile());
        if (tree == null || !tree.isObject()) {
            throw new com.fasterxml.jackson.core.JsonParseException(null, file + ": not a JSON object");
        }
        Class<? extends Summary> type = tree.has(AccuracySummary.MARKER) ? AccuracySummary.class : RunSummary.class;
        return MAPPER.treeToValue(tree, type);
    }

    /** A record as the tree its file holds (for walking every number of it). */
    public static JsonNode tree(Object record) {
        return MAPPER.valueToTree(record);
    }

    /**
     * x as a plain decimal: at most 15 significant digits, no exponent, no trailing zeros: the text a number has in a
     * results file (study.csv writes summary numbers with it).
     */
    public static String plain(double x) {
        if (x == 0) {
            return "0";
        }
        return new BigDecimal(x).round(DIGITS).stripTrailingZeros().toPlainString();
    }

    /** A generator that writes every double and float through {@link #plain(double)}. */
    private static final class PlainNumbers extends JsonGeneratorDelegate {

        PlainNumbers(JsonGenerator g) {
            super(g, true);
        }

        @Override
        public void writeNumber(double v) throws IOException {
            if (Double.isFinite(v)) {
                delegate.writeNumber(plain(v));
            } else {
                delegate.writeNull();
            }
        }

        @Override
        public void writeNumber(float v) throws IOException {
            writeNumber((double) v);
        }

        @Override
        public void writeArray(double[] array, int offset, int length) throws IOException {
            delegate.writeStartArray(array, length);
            for (int i = offset; i < offset + length; i++) {
                writeNumber(array[i]);
            }
            delegate.writeEndArray();
        }
    }
}
