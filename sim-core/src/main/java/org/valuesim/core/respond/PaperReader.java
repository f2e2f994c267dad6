package org.valuesim.core.respond;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the ValueSim authors' code reads replies (paper protocol): a CAPS module's or the coordinator's answer is the
 * number after the first "Answer:" (case as written), its analysis the text after "Analysis:" up to the next
 * "Answer:" (or, without one, everything after the first line); a single-call baseline's answer is the first whole
 * number in the reply. The number is returned as written, whether or not it is an option: that is checked after.
 */
public final class PaperReader {

    private static final Pattern ANSWER = Pattern.compile("Answer:\\s*(\\d+)");
    private static final Pattern ANALYSIS = Pattern.compile("Analysis:(.*?)(?=Answer:|$)", Pattern.DOTALL);
    private static final Pattern NUMBER = Pattern.compile("\\b\\d+\\b");

    private PaperReader() {
    }

    /** The number after the first "Answer:", or null. */
    public static Integer firstAnswer(String text) {
        return number(text == null ? null : ANSWER.matcher(text), 1);
    }

    /** The first whole number in the text, or null. */
    public static Integer firstNumber(String text) {
        return number(text == null ? null : NUMBER.matcher(text), 0);
    }

    /** The analysis after "Analysis:"; without one, for a reply with an answer, everything after its first line. */
    public static String analysis(String text) {
        if (text == null) {
            return "";
        }
        Matcher m = ANALYSIS.matcher(text);
        String analysis = m.find() ? m.group(1).strip() : "";
        if (analysis.isEmpty() && firstAnswer(text) != null && text.indexOf('\n') >= 0) {
            analysis = text.substring(text.indexOf('\n') + 1).strip();
        }
        return analysis;
    }

    private static Integer number(Matcher m, int group) {
        if (m == null || !m.find()) {
            return null;
        }
        try {
            return Integer.valueOf(m.group(group));
        } catch (NumberFormatException tooLong) {
            return Integer.MAX_VALUE;
        }
    }
}
