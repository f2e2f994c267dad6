package org.valuesim.core.respond;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.valuesim.core.instrument.ResponseOption;
import org.valuesim.core.instrument.ResponseScale;
import org.valuesim.core.llm.TokenLogprob;

/**
 * Reads a model's answer to a Likert or multiple-choice item.
 *
 * <p>From log-probabilities: each of the first token's top alternatives that names an option ("5",
 * " 5", "5.", "(5)", "**5") adds its probability to that option; the sum is renormalised over the
 * options. From text: "Answer: 5", "**5** - like me", a bare number, or the option's label echoed
 * (the longest label found wins, so "Not like me" is not read as "Like me"). A reasoning model's thinking
 * ({@code <think>...</think>}) is removed first ({@link ThinkingText}).
 */
public final class AnswerReader {

    private static final Pattern LABELLED = Pattern.compile("(?i)\\b(?:answer|rating|choice|option)\\b\\s*(?:is|=|:)?\\s*\\**\\s*\\(?(\\d+)");
    private static final Pattern NUMBER = Pattern.compile("(?<![\\d.])(\\d+)(?![\\d.]*\\d)");

    private AnswerReader() {
    }

    /** The distribution over the scale's options, or empty when no alternative names an option. */
    public static Optional<double[]> fromLogprobs(List<TokenLogprob> alternatives, ResponseScale scale) {
        double[] p = new double[scale.size()];
        double total = 0;
        for (TokenLogprob t : alternatives) {
            String number = tokenNumber(t.token());
            if (number == null) {
                continue;
            }
            int index = scale.indexOf(Integer.parseInt(number));
            if (index >= 0) {
                double probability = Math.exp(t.logprob());
                p[index] += probability;
                total += probability;
            }
        }
        if (total <= 0) {
            return Optional.empty();
        }
        for (int k = 0; k < p.length; k++) {
            p[k] /= total;
        }
        return Optional.of(p);
    }

    /**
     * The number a token names, or null: what the pattern {@code [\s*(\["']*(-?\d+)[\s*).\]:"',]*} matches as its
     * group when it matches the whole token. A scan, not the pattern: it runs for every alternative of every call, and
     * the matcher cost more CPU there, to run and to compile, than the rest of the answer's reading (AnswerReaderTest
     * holds the two to the same tokens).
     */
    static String tokenNumber(String token) {
        int n = token.length();
        int i = 0;
        while (i < n && "*([\"'".indexOf(token.charAt(i)) >= 0 || i < n && whitespace(token.charAt(i))) {
            i++;
        }
        int start = i;
        if (i < n && token.charAt(i) == '-') {
            i++;
        }
        int digits = i;
        while (i < n && token.charAt(i) >= '0' && token.charAt(i) <= '9') {
            i++;
        }
        if (i == digits) {
            return null;
        }
        int end = i;
        while (i < n && ("*).]:\"',".indexOf(token.charAt(i)) >= 0 || whitespace(token.charAt(i)))) {
            i++;
        }
        return i == n ? token.substring(start, end) : null;
    }

    /** The regular expressions' {@code \s}: space, tab, line feed, vertical tab, form feed, carriage return. */
    private static boolean whitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    /** The option value a free-text answer gives, or empty when it gives none unambiguously. */
    public static OptionalInt parse(String text, ResponseScale scale) {
        text = ThinkingText.strip(text);
        if (text == null || text.isBlank()) {
            return OptionalInt.empty();
        }
        Matcher labelled = LABELLED.matcher(text);
        if (labelled.find() && scale.indexOf(Integer.parseInt(labelled.group(1))) >= 0) {
            return OptionalInt.of(Integer.parseInt(labelled.group(1)));
        }
        Matcher number = NUMBER.matcher(text);
        if (number.find() && scale.indexOf(Integer.parseInt(number.group(1))) >= 0) {
            return OptionalInt.of(Integer.parseInt(number.group(1)));
        }
        String lower = text.toLowerCase(Locale.ROOT);
        ResponseOption best = null;
        for (ResponseOption o : scale.options()) {
            if (lower.contains(o.label().toLowerCase(Locale.ROOT))
                    && (best == null || o.label().length() > best.label().length())) {
                best = o;
            }
        }
        return best == null ? OptionalInt.empty() : OptionalInt.of(best.value());
    }
}
