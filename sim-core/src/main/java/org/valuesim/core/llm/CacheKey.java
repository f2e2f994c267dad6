package org.valuesim.core.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SHA-256 over a canonical JSON form of (provider, model, messages, sampling parameters, sample index), and the
 * model's settings that change its answers (reasoning effort) when it has any.
 */
public final class CacheKey {

    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private CacheKey() {
    }

    public static String of(String provider, String model, ModelRequest request) {
        return of(provider, model, Map.of(), request);
    }

    /** @param extras the backend's {@link ModelBackend#keyExtras()}; left out of the key when empty */
    public static String of(String provider, String model, Map<String, Object> extras, ModelRequest request) {
        Map<String, Object> canonical = new LinkedHashMap<>();
        if (!extras.isEmpty()) {
            canonical.put("options", extras);
        }
        canonical.put("provider", provider);
        canonical.put("model", model);
        canonical.put("messages", request.messages());
        canonical.put("sampling", request.sampling());
        canonical.put("sample", request.sampleIndex());
        try {
            byte[] bytes = CANONICAL.writeValueAsString(canonical).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
