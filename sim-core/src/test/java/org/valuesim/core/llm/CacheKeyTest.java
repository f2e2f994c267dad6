package org.valuesim.core.llm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Cache keys written field by field are the keys of the map serialization every earlier cache was written with. */
class CacheKeyTest {

    /** The canonical form as it was computed before: Jackson serializing a map with sorted keys. */
    static byte[] reference(String provider, String model, Map<String, Object> extras, ModelRequest request)
            throws Exception {
        Map<String, Object> canonical = new LinkedHashMap<>();
        if (!extras.isEmpty()) {
            canonical.put("options", extras);
        }
        canonical.put("provider", provider);
        canonical.put("model", model);
        canonical.put("messages", request.messages());
        canonical.put("sampling", request.sampling());
        canonical.put("sample", request.sampleIndex());
        return new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).writeValueAsString(canonical)
                .getBytes(StandardCharsets.UTF_8);
    }

    static final ModelRequest PINNED = new ModelRequest(List.of(Message.system("You greatly value power: \"wealth\".\nÜ 🙂"),
            Message.user("Item 1")), new Sampling(0, 8, 20), 0);

    @Test
    void keysOfEarlierCachesStillHit() {
        // computed by the jar of commit b5de010, before the keys were written field by field
        assertEquals("8d7f964c723e7fd3137b0a7ba63fc232dbe01d27c15dbaf0a152f5f569f352b6",
                CacheKey.of("openai-compatible", "qwen", PINNED));
        assertEquals("7854883fbf2340260e66abef43ed063627d327610a84b047c25e5003bfe288de", CacheKey.of("anthropic",
                "claude", Map.of("reasoning_effort", "low", "reasoning_tokens", 1000), PINNED));
    }

    @Test
    void theCanonicalFormIsTheMapSerializationByteForByte() throws Exception {
        List<ModelRequest> requests = List.of(PINNED,
                new ModelRequest(List.of(Message.user("tab\there, nul \u0000, slash / back \\ and \u2028")),
                        new Sampling(0.7, Sampling.NO_CAP, 0), 3),
                new ModelRequest(List.of(Message.system("s"), Message.user("u"), Message.assistant("4"),
                        Message.user("again")), new Sampling(1.25e-7, 400, 5), 0),
                new ModelRequest(List.of(Message.user("x")), new Sampling(1e21, 1, 1), 2));
        List<Map<String, Object>> extras = List.of(Map.of(), Map.of("reasoning_effort", "high"),
                Map.of("temperature", "provider default", "reasoning_tokens", 2000, "reasoning_effort", "low"));
        for (ModelRequest request : requests) {
            for (Map<String, Object> e : extras) {
                assertArrayEquals(reference("openai-compatible", "qwen/Qwen2.5-7B", e, request),
                        CacheKey.canonical("openai-compatible", "qwen/Qwen2.5-7B", e, request), request + " " + e);
            }
        }
    }
}
