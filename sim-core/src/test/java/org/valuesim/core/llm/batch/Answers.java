package org.valuesim.core.llm.batch;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Known answers for the stand-ins: a request's answer is a digit from 1 to 6 fixed by its last message's text, so a
 * test knows what every call answers, live or batched; usage counts its prompt's characters.
 */
public final class Answers {

    private Answers() {
    }

    /** The digit a prompt's last message gets. */
    public static int digit(String lastMessage) {
        return 1 + Math.floorMod(lastMessage.hashCode(), 6);
    }

    /** The text of a request's last message. */
    public static String lastText(JsonNode messages) {
        JsonNode last = messages.get(messages.size() - 1).path("content");
        return last.isArray() ? last.get(0).path("text").asText() : last.asText();
    }

    /** An OpenAI chat completion: the digit, its first token's top log-probabilities, usage with cached tokens. */
    public static String openAi(JsonNode body) {
        JsonNode messages = body.path("messages");
        int d = digit(lastText(messages));
        int prompt = messages.toString().length() / 4;
        int cached = messages.get(0).path("content").asText().length() >= 40 ? 16 : 0;
        return """
                {"id":"chatcmpl-x","object":"chat.completion","created":1,"model":"%s","choices":[{"index":0,
                 "message":{"role":"assistant","content":"%d"},
                 "logprobs":{"content":[{"token":"%d","logprob":-0.3,"bytes":[%d],"top_logprobs":[
                   {"token":"%d","logprob":-0.3,"bytes":[%d]},{"token":"%d","logprob":-1.6,"bytes":[%d]}]}]},
                 "finish_reason":"stop"}],
                 "usage":{"prompt_tokens":%d,"completion_tokens":1,"total_tokens":%d,
                  "prompt_tokens_details":{"cached_tokens":%d}}}""".formatted(body.path("model").asText(), d, d, 48 + d,
                d, 48 + d, d % 6 + 1, 48 + d % 6 + 1, prompt, prompt + 1, cached);
    }

    /** An Anthropic message: the digit as text, usage with 1,100 tokens read from the prompt cache. */
    public static String anthropic(JsonNode params) {
        return anthropic(params, null);
    }

    /**
     * An Anthropic message whose usage writes the system block's 1,100 cached tokens on the first sight of its text
     * (recorded in {@code seen}) and reads them after; with no {@code seen}, always reads.
     */
    public static String anthropic(JsonNode params, java.util.Set<String> seen) {
        int d = digit(lastText(params.path("messages")));
        boolean write = seen != null && seen.add(params.path("system").toString());
        return """
                {"id":"msg_x","type":"message","role":"assistant","model":"%s",
                 "content":[{"type":"text","text":"%d"}],"stop_reason":"end_turn","stop_sequence":null,
                 "usage":{"input_tokens":20,"cache_creation_input_tokens":%d,"cache_read_input_tokens":%d,
                  "output_tokens":1}}""".formatted(params.path("model").asText(), d, write ? 1100 : 0, write ? 0 : 1100);
    }
}
