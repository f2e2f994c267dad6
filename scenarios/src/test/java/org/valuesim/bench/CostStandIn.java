package org.valuesim.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.valuesim.core.llm.batch.AnthropicBatchStandIn;
import org.valuesim.core.llm.batch.Answers;
import org.valuesim.core.llm.batch.OpenAiBatchStandIn;

/**
 * The stand-in model of the cost benchmarks (benchmarks/cost.sh): an Anthropic Messages server with Message Batches,
 * or an OpenAI-compatible one with the Batch API, on a fixed loopback port. Its answers are known: an item is
 * answered by a digit fixed by its text, alone or on its own line when several items come in one prompt (a share of
 * those lines garbled, to exercise the fallback). Its usage counts prompts as a server's chat template would: each
 * message's text in cl100k tokens plus 4, and 3 for the reply. As Anthropic's prompt cache does, a system block marked
 * {@code cache_control} whose prefix is at least the model's shortest cacheable prompt is written on its first sight
 * ({@code cache_creation_input_tokens}) and read on every later one ({@code cache_read_input_tokens}); the 5-minute
 * lifetime is not modelled (a persona's calls come together).
 *
 * <p>Usage: {@code CostStandIn anthropic|openai PORT [GARBLED_SHARE [CACHE_MIN_TOKENS]]} (default 4096, Claude
 * Haiku 4.5's); runs until killed.
 */
public final class CostStandIn {

    static final Encoding CL100K = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);
    static final ObjectMapper JSON = new ObjectMapper();
    static final Pattern NUMBERED = Pattern.compile("(?m)^(\\d+)\\. (.+)$");
    static final Pattern PORTRAIT = Pattern.compile("(?s)\\n\\n(.+?)\\n\\nHow much like you");

    private CostStandIn() {
    }

    /** The known answer text: one digit for one item, one "n: digit" line per item of a group. */
    static String text(String prompt, double garbled) {
        Matcher group = NUMBERED.matcher(prompt);
        StringBuilder lines = new StringBuilder();
        while (group.find()) {
            String item = group.group(2);
            // a share of the lines of all calls, fixed by the prompt and the item (so a rerun garbles the same ones)
            boolean garble = Math.floorMod(prompt.hashCode() * 31 + item.hashCode(), 1000) < garbled * 1000;
            lines.append(group.group(1)).append(": ").append(garble ? "hard to say" : Answers.digit(item)).append('\n');
        }
        if (lines.length() > 0) {
            return lines.toString();
        }
        Matcher single = PORTRAIT.matcher(prompt);
        return Integer.toString(Answers.digit(single.find() ? single.group(1) : prompt));
    }

    static int promptTokens(JsonNode messages, String system) {
        int n = 3 + (system == null ? 0 : CL100K.countTokensOrdinary(system) + 4);
        for (JsonNode m : messages) {
            JsonNode content = m.path("content");
            n += CL100K.countTokensOrdinary(content.isArray() ? content.get(0).path("text").asText() : content.asText()) + 4;
        }
        return n;
    }

    static String lastText(JsonNode messages) {
        JsonNode c = messages.get(messages.size() - 1).path("content");
        return c.isArray() ? c.get(0).path("text").asText() : c.asText();
    }

    static String openAi(JsonNode body, double garbled) {
        String text = text(lastText(body.path("messages")), garbled);
        ObjectNode out = JSON.createObjectNode();
        out.put("id", "chatcmpl-bench");
        out.put("object", "chat.completion");
        out.put("created", 1);
        out.put("model", body.path("model").asText());
        ObjectNode choice = out.putArray("choices").addObject();
        choice.put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", text);
        choice.put("finish_reason", "stop");
        int prompt = promptTokens(body.path("messages"), null);
        int completion = CL100K.countTokensOrdinary(text);
        out.putObject("usage").put("prompt_tokens", prompt).put("completion_tokens", completion)
                .put("total_tokens", prompt + completion);
        return out.toString();
    }

    static String anthropic(JsonNode params, double garbled, int cacheMinTokens, Set<String> cached) {
        String text = text(lastText(params.path("messages")), garbled);
        JsonNode system = params.path("system");
        String systemText = system.isArray() ? system.get(0).path("text").asText() : system.asText(null);
        int prompt = promptTokens(params.path("messages"), systemText);
        int prefix = systemText == null ? 0 : CL100K.countTokensOrdinary(systemText) + 4;
        boolean cacheable = system.isArray() && system.get(0).has("cache_control") && prefix >= cacheMinTokens;
        boolean read = cacheable && !cached.add(systemText);
        ObjectNode out = JSON.createObjectNode();
        out.put("id", "msg_bench");
        out.put("type", "message");
        out.put("role", "assistant");
        out.put("model", params.path("model").asText());
        out.putArray("content").addObject().put("type", "text").put("text", text);
        out.put("stop_reason", "end_turn");
        out.putNull("stop_sequence");
        out.putObject("usage").put("input_tokens", cacheable ? prompt - prefix : prompt)
                .put("cache_creation_input_tokens", cacheable && !read ? prefix : 0)
                .put("cache_read_input_tokens", read ? prefix : 0)
                .put("output_tokens", CL100K.countTokensOrdinary(text));
        return out.toString();
    }

    public static void main(String[] args) throws Exception {
        String protocol = args[0];
        int port = Integer.parseInt(args[1]);
        double garbled = args.length > 2 ? Double.parseDouble(args[2]) : 0;
        int cacheMinTokens = args.length > 3 ? Integer.parseInt(args[3]) : 4096;
        Set<String> cached = ConcurrentHashMap.newKeySet();
        AutoCloseable server = protocol.equals("anthropic")
                ? new AnthropicBatchStandIn(p -> anthropic(p, garbled, cacheMinTokens, cached), "sk-bench", port)
                : new OpenAiBatchStandIn(b -> openAi(b, garbled), port);
        System.out.println("stand-in " + protocol + " on 127.0.0.1:" + port);
        Thread.currentThread().join();
        server.close();
    }
}
