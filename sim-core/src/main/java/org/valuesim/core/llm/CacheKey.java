package org.valuesim.core.llm;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * SHA-256 over a canonical JSON form of (provider, model, messages, sampling parameters, sample index), and the
 * model's settings that change its answers (reasoning effort) when it has any.
 *
 * <p>The canonical form is Jackson's serialization of a map with its keys sorted ({@code messages}, {@code model},
 * {@code options}, {@code provider}, {@code sample}, {@code sampling}) and the records' components in declaration
 * order. It is written field by field with Jackson's generator, which gives the same bytes as serializing the map
 * (CacheKeyTest keeps the map serialization as the reference) at a fraction of the cost: every key a cache holds
 * stays the key of its request.
 */
public final class CacheKey {

    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    private CacheKey() {
    }

    public static String of(String provider, String model, ModelRequest request) {
        return of(provider, model, Map.of(), request);
    }

    /** @param extras the backend's {@link ModelBackend#keyExtras()}; left out of the key when empty */
    public static String of(String provider, String model, Map<String, Object> extras, ModelRequest request) {
        MessageDigest sha = SHA_256.get();
        sha.reset();
        return HexFormat.of().formatHex(sha.digest(canonical(provider, model, extras, request)));
    }

    /** The canonical JSON, as UTF-8. */
    static byte[] canonical(String provider, String model, Map<String, Object> extras, ModelRequest request) {
        // a character generator, as writeValueAsString used: the byte generator escapes characters beyond the BMP
        StringWriter out = new StringWriter(1024);
        try (JsonGenerator g = CANONICAL.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeArrayFieldStart("messages");
            for (Message m : request.messages()) {
                g.writeStartObject();
                g.writeStringField("role", m.role());
                g.writeStringField("content", m.content());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeStringField("model", model);
            if (!extras.isEmpty()) {
                g.writeFieldName("options");
                g.writeObject(extras);
            }
            g.writeStringField("provider", provider);
            g.writeNumberField("sample", request.sampleIndex());
            Sampling s = request.sampling();
            g.writeObjectFieldStart("sampling");
            g.writeNumberField("temperature", s.temperature());
            g.writeNumberField("maxTokens", s.maxTokens());
            g.writeNumberField("topLogprobs", s.topLogprobs());
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
