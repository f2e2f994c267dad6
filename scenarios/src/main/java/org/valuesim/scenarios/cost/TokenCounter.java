package org.valuesim.scenarios.cost;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import java.util.List;
import java.util.Locale;
import org.valuesim.core.llm.Message;
import org.valuesim.scenarios.scenario.Scenario;

/**
 * Counts a model's prompt tokens offline. OpenAI models are counted with their own encoding (jtokkit: o200k_base for
 * GPT-4o, GPT-4.1, GPT-5, the o-series and gpt-oss; cl100k_base for GPT-4 and GPT-3.5). Every other model is
 * counted with cl100k_base as an approximation: Llama 3's tokenizer extends that vocabulary, and Qwen's and
 * Claude's byte-pair vocabularies split English prose into a similar number of pieces (Anthropic's own count needs
 * its API). A chat message adds 3 tokens and the reply 3 more, as OpenAI's cookbook counts them.
 */
public final class TokenCounter {

    static final int PER_MESSAGE = 3;
    static final int PER_REPLY = 3;
    private static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();
    private static final List<String> O200K = List.of("gpt-4o", "gpt-4.1", "gpt-4.5", "gpt-5", "gpt-6", "o1", "o3", "o4",
            "chatgpt-4o", "gpt-oss");
    private static final List<String> CL100K = List.of("gpt-4", "gpt-3.5");

    private final Encoding encoding;
    private final boolean exact;

    private TokenCounter(Encoding encoding, boolean exact) {
        this.encoding = encoding;
        this.exact = exact;
    }

    /** The counter for a model of a provider. */
    public static TokenCounter forModel(Scenario.Provider provider, String model) {
        String name = model.toLowerCase(Locale.ROOT);
        name = name.substring(name.lastIndexOf('/') + 1);
        if (provider == Scenario.Provider.OPENAI_COMPATIBLE) {
            for (String prefix : O200K) {
                if (name.startsWith(prefix)) {
                    return new TokenCounter(REGISTRY.getEncoding(EncodingType.O200K_BASE), true);
                }
            }
            for (String prefix : CL100K) {
                if (name.startsWith(prefix)) {
                    return new TokenCounter(REGISTRY.getEncoding(EncodingType.CL100K_BASE), true);
                }
            }
        }
        return new TokenCounter(REGISTRY.getEncoding(EncodingType.CL100K_BASE), false);
    }

    /** The encoding's name, and whether it is the model's own or an approximation. */
    public String describe() {
        return encoding.getName() + (exact ? " (the model's own encoding)" : " (an approximation for this model)");
    }

    public boolean exact() {
        return exact;
    }

    public int count(String text) {
        return encoding.countTokensOrdinary(text);
    }

    /** A chat prompt's tokens: each message's text and its framing, and the reply's. */
    public int chat(List<Message> messages) {
        int n = PER_REPLY;
        for (Message m : messages) {
            n += count(m.content()) + PER_MESSAGE;
        }
        return n;
    }
}
