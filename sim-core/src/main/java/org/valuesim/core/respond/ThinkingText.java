package org.valuesim.core.respond;

import java.util.regex.Pattern;

/**
 * Removes a reasoning model's thinking from its text before an answer is read: {@code <think>...</think>} blocks
 * (Qwen3, DeepSeek-R1 and their distillations when the server does not split the reasoning off), everything before
 * a closing {@code </think>} whose opening tag was part of the prompt (DeepSeek-R1's chat template opens it), and an
 * unfinished {@code <think>} cut off by the output limit. Reasoning the server returns in its own field
 * (reasoning_content, Anthropic's thinking blocks) never reaches the text.
 */
public final class ThinkingText {

    private static final Pattern BLOCK = Pattern.compile("(?is)<(think|thinking)>.*?</\\1>");
    private static final Pattern UNFINISHED = Pattern.compile("(?is)<(think|thinking)>.*\\z");

    private ThinkingText() {
    }

    public static String strip(String text) {
        if (text == null || text.indexOf('<') < 0) {
            return text;
        }
        String rest = text;
        int close = Math.max(rest.lastIndexOf("</think>"), rest.lastIndexOf("</thinking>"));
        if (close >= 0) {
            rest = rest.substring(rest.indexOf('>', close) + 1);
        }
        rest = BLOCK.matcher(rest).replaceAll("");
        return UNFINISHED.matcher(rest).replaceAll("").strip();
    }
}
