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
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * SHA-256 over a canonical JSON form of (provider, model, messages, sampling parameters, sample index), and the
 * model's settings that change its answers (reasoning effort) when it has any.
 *
 * <p>The canonical form is Jackson's serialization of a map with its keys sorted ({@code messages}, {@code model},
 * {@code options}, {@code provider}, {@code sample}, {@code sampling}) and the records' components in declaration
 * order. It is written field by field with Jackson's generator, which gives the same bytes as serializing the map
 * (CacheKeyTest keeps the map serialization as the reference) at a fraction of the cost: every key a cache holds
 * stays the key of its request.
 *
 * <p>Each thread keeps what its last keys had in common. The form opens with the first message (a persona's system
 * message, the same for all of its items), so the thread keeps the digest's state after the opening of the last first
 * message it met and carries on from a copy of it: SHA-256 hashes block after block, so the digest is the same and
 * the opening is neither written nor hashed again. The rest of the form (the item's message, the model, the sampling)
 * recurs for every persona, so the thread keeps it written for the requests it met lately. Under C1, without the
 * JDK's SHA-256 intrinsic, writing and hashing the whole form cost about 17 us per key, the rest's hashing alone 7.
 */
public final class CacheKey {

    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    /** What the canonical form starts with, before its first message. */
    private static final String MESSAGES = "{\"messages\":[";

    /** Rests a thread keeps at most: a run asks every persona the same few hundred items at most. */
    static final int RESTS_KEPT = 1024;

    private static final ThreadLocal<Kept> KEPT = ThreadLocal.withInitial(Kept::new);

    private CacheKey() {
    }

    public static String of(String provider, String model, ModelRequest request) {
        return of(provider, model, Map.of(), request);
    }

    /** @param extras the backend's {@link ModelBackend#keyExtras()}; left out of the key when empty */
    public static String of(String provider, String model, Map<String, Object> extras, ModelRequest request) {
        Kept kept = KEPT.get();
        MessageDigest sha = copy(kept.opening(first(request.messages())));
        return HexFormat.of().formatHex(sha.digest(kept.rest(provider, model, extras, request)));
    }

    /** The canonical JSON, as UTF-8, written whole (nothing kept). */
    static byte[] canonical(String provider, String model, Map<String, Object> extras, ModelRequest request) {
        return utf8(openingText(first(request.messages())) + restText(provider, model, extras, request));
    }

    private static Message first(List<Message> messages) {
        return messages.isEmpty() ? null : messages.get(0);
    }

    /** What decides the rest of the form: the messages after the first, and the other fields. */
    private record Rest(List<Message> after, String provider, String model, Map<String, Object> extras,
                        Sampling sampling, int sample) {

        static Rest of(String provider, String model, Map<String, Object> extras, ModelRequest request) {
            List<Message> messages = request.messages();
            return new Rest(messages.isEmpty() ? List.of() : messages.subList(1, messages.size()), provider, model,
                    extras, request.sampling(), request.sampleIndex());
        }
    }

    /** One thread's memory of its last keys. */
    private static final class Kept {
        /** The last first message met (null: none) and the digest of the form up to its end, never updated. */
        private Message first;
        private MessageDigest opening;
        /** Rests as UTF-8, by what decides them; equal strings are usually the same instances (Prompts keeps them). */
        private final Map<Rest, byte[]> rests = new HashMap<>();

        MessageDigest opening(Message message) {
            if (opening == null || !Objects.equals(first, message)) {
                MessageDigest sha = sha256();
                sha.update(utf8(openingText(message)));
                first = message;
                opening = sha;
            }
            return opening;
        }

        byte[] rest(String provider, String model, Map<String, Object> extras, ModelRequest request) {
            Rest rest = Rest.of(provider, model, extras, request);
            byte[] bytes = rests.get(rest);
            if (bytes == null) {
                if (rests.size() >= RESTS_KEPT) {
                    rests.clear();
                }
                bytes = utf8(restText(provider, model, extras, request));
                // kept with copies: not the request's list (which holds its first message) nor a map its caller owns
                rests.put(new Rest(List.copyOf(rest.after()), provider, model, new HashMap<>(extras), rest.sampling(),
                        rest.sample()), bytes);
            }
            return bytes;
        }
    }

    /** The canonical form through the first message: {"messages":[{"role":...,"content":...} */
    private static String openingText(Message first) {
        if (first == null) {
            return MESSAGES;
        }
        StringWriter out = new StringWriter(512).append(MESSAGES);
        try (JsonGenerator g = CANONICAL.getFactory().createGenerator(out)) {
            write(g, first);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** The canonical form after the first message. */
    private static String restText(String provider, String model, Map<String, Object> extras, ModelRequest request) {
        // a character generator, as writeValueAsString used: the byte generator escapes characters beyond the BMP
        StringWriter out = new StringWriter(1024);
        try (JsonGenerator g = CANONICAL.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeArrayFieldStart("messages");
            List<Message> messages = request.messages();
            for (int i = 0; i < messages.size(); i++) {
                if (i == 0) {
                    // the opening's message: counted as the array's first value (the next one gets its comma), not
                    // written
                    g.writeRawValue("");
                } else {
                    write(g, messages.get(i));
                }
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
        return out.getBuffer().substring(MESSAGES.length());
    }

    private static void write(JsonGenerator g, Message m) throws IOException {
        g.writeStartObject();
        g.writeStringField("role", m.role());
        g.writeStringField("content", m.content());
        g.writeEndObject();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A digest that carries on from the given one's state (the JDK's SHA-256 can be cloned). */
    private static MessageDigest copy(MessageDigest sha) {
        try {
            return (MessageDigest) sha.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 from " + sha.getProvider() + " cannot be cloned", e);
        }
    }
}
