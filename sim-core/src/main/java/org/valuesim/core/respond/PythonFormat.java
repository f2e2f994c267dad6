package org.valuesim.core.respond;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * Fills a template the way Python's {@code str.format} fills named fields, so that prompt files written for
 * Python code (the ValueSim authors' {@code Q_prompts/*.txt}) work unchanged: {@code {name}} is replaced by
 * its value in one pass (a value that itself holds braces is never filled again), and a doubled brace is a
 * literal one.
 */
public final class PythonFormat {

    private PythonFormat() {
    }

    /**
     * @throws IllegalArgumentException when the template names a field the values lack
     */
    public static String format(String template, Map<String, String> values) {
        StringBuilder out = new StringBuilder(template.length() + 256);
        scan(template, c -> out.append((char) c), name -> {
            String value = values.get(name);
            if (value == null) {
                throw new IllegalArgumentException("the prompt has a field {" + name + "} that nothing fills; it may "
                        + "use " + describe(values.keySet()));
            }
            out.append(value);
        });
        return out.toString();
    }

    /** The named fields a template uses, in order of first use. */
    public static Set<String> fields(String template) {
        Set<String> names = new LinkedHashSet<>();
        scan(template, c -> { }, names::add);
        return names;
    }

    /** "{a}, {b}" (or "no fields"), for messages. */
    public static String describe(Set<String> names) {
        return names.isEmpty() ? "no fields" : "{" + String.join("}, {", names) + "}";
    }

    private static void scan(String template, IntConsumer literal, Consumer<String> field) {
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if ((c == '{' || c == '}') && i + 1 < template.length() && template.charAt(i + 1) == c) {
                literal.accept(c);
                i += 2;
                continue;
            }
            int end = c == '{' ? template.indexOf('}', i + 1) : -1;
            if (end > i) {
                field.accept(template.substring(i + 1, end));
                i = end + 1;
            } else {
                literal.accept(c);
                i++;
            }
        }
    }
}
