package org.valuesim.core.llm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Random;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Cache keys written field by field are the keys of the map serialization every earlier cache was written with. */
class CacheKeyTest {

    private static final ObjectMapper MAP_SERIALIZATION = new ObjectMapper()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

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
        return MAP_SERIALIZATION.writeValueAsString(canonical).getBytes(StandardCharsets.UTF_8);
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
                new ModelRequest(List.of(Message.user("x")), new Sampling(1e21, 1, 1), 2),
                new ModelRequest(List.of(), new Sampling(0, 8, 20), 0));
        List<Map<String, Object>> extras = List.of(Map.of(), Map.of("reasoning_effort", "high"),
                Map.of("temperature", "provider default", "reasoning_tokens", 2000, "reasoning_effort", "low"));
        for (ModelRequest request : requests) {
            for (Map<String, Object> e : extras) {
                assertArrayEquals(reference("openai-compatible", "qwen/Qwen2.5-7B", e, request),
                        CacheKey.canonical("openai-compatible", "qwen/Qwen2.5-7B", e, request), request + " " + e);
            }
        }
    }

    /** A request of a sequence, and the key a fresh computation gives it. */
    private record Keyed(Map<String, Object> extras, ModelRequest request, String expected) {
    }

    private static Keyed keyed(Map<String, Object> extras, List<Message> messages, int sample) throws Exception {
        ModelRequest request = new ModelRequest(messages, new Sampling(0, 8, 20), sample);
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(reference("openai-compatible", "qwen", extras, request)));
        return new Keyed(extras, request, expected);
    }

    @Test
    void keysCarriedOnFromAKeptOpeningAreTheKeysOfAFreshComputationInAnyOrder() throws Exception {
        String powerText = "You greatly value power: \"wealth\".\nÜ 🙂 " + "x".repeat(200);
        Message power = Message.system(powerText);
        // equal to power but another instance: the opening kept for power serves it
        Message powerAgain = Message.system(new String(powerText.toCharArray()));
        Message care = Message.system("You greatly value benevolence.");
        Message user = Message.user("Item 1");
        Map<String, Object> effort = Map.of("reasoning_effort", "low");
        List<Keyed> sequence = List.of(
                keyed(Map.of(), List.of(power, user), 0),
                keyed(Map.of(), List.of(power, Message.user("Item 2")), 0),
                keyed(Map.of(), List.of(care, user), 0),
                keyed(Map.of(), List.of(power, user), 1),
                keyed(Map.of(), List.of(power, user), 1),
                keyed(effort, List.of(power, user), 0),
                keyed(Map.of(), List.of(powerAgain, user), 0),
                keyed(Map.of(), List.of(user), 0),
                keyed(Map.of(), List.of(Message.user("Item 2")), 0),
                keyed(Map.of(), List.of(), 0),
                keyed(effort, List.of(care), 0),
                keyed(Map.of(), List.of(power, user, Message.assistant("7"), Message.user("1 to 6 only")), 0),
                keyed(Map.of(), List.of(Message.user(powerText), user), 0),
                keyed(Map.of(), List.of(new Message("assistant", powerText), user), 0));
        List<Keyed> shuffled = new ArrayList<>(sequence);
        Random random = new Random(17);
        for (int round = 0; round < 20; round++) {
            for (Keyed k : shuffled) {
                assertEquals(k.expected(), CacheKey.of("openai-compatible", "qwen", k.extras(), k.request()),
                        k.request() + " " + k.extras());
            }
            Collections.shuffle(shuffled, random);
        }
        // a thread that has kept no opening yet
        List<String> onAnotherThread = Collections.synchronizedList(new ArrayList<>());
        Thread other = new Thread(() -> sequence.forEach(k -> onAnotherThread.add(
                CacheKey.of("openai-compatible", "qwen", k.extras(), k.request()))));
        other.start();
        other.join();
        assertEquals(sequence.stream().map(Keyed::expected).toList(), onAnotherThread);
    }

    @Test
    void extrasChangedAfterAKeyGiveTheKeyOfWhatTheyHoldNow() throws Exception {
        // "Aa" and "BB" have the same hash code: the map's hash stays, its content changes
        Map<String, Object> extras = new HashMap<>(Map.of("reasoning_effort", "Aa"));
        List<Message> messages = List.of(Message.system("s"), Message.user("u"));
        assertEquals(keyed(Map.copyOf(extras), messages, 0).expected(),
                CacheKey.of("openai-compatible", "qwen", extras, keyed(extras, messages, 0).request()));
        extras.put("reasoning_effort", "BB");
        assertEquals(keyed(Map.copyOf(extras), messages, 0).expected(),
                CacheKey.of("openai-compatible", "qwen", extras, keyed(extras, messages, 0).request()));
    }

    @Test
    void moreRestsThanAThreadKeepsStillGiveTheirKeys() throws Exception {
        List<Keyed> sequence = new ArrayList<>();
        for (int i = 0; i < CacheKey.RESTS_KEPT + 10; i++) {
            sequence.add(keyed(Map.of(), List.of(Message.system("s"), Message.user("Item " + i)), 0));
        }
        for (int round = 0; round < 2; round++) {
            for (Keyed k : sequence) {
                assertEquals(k.expected(), CacheKey.of("openai-compatible", "qwen", k.extras(), k.request()),
                        k.request().toString());
            }
        }
    }
}
