package org.valuesim.core.respond;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import org.valuesim.core.instrument.Instrument;
import org.valuesim.core.instrument.Item;
import org.valuesim.core.instrument.ResponseScale;
import org.valuesim.core.llm.Message;
import org.valuesim.core.llm.ModelRequest;
import org.valuesim.core.llm.Sampling;
import org.valuesim.core.persona.Persona;

/**
 * valuesim's CAPS: each module is a system message (its perspective and the backstory) and the item, asked for a
 * line of analysis and then the answer, in at most {@link #MODULE_TOKENS} tokens; the last "Answer:" is read (else
 * any option the text names); only three equal readable answers agree; the coordinator reads the backstory, the
 * analyses and the item and replies with the number alone.
 */
final class ValuesimCaps implements CapsShape {

    static final int MODULE_TOKENS = 400;
    static final int COORDINATOR_TOKENS = 8;

    private final Prompts prompts;
    private final double temperature;

    ValuesimCaps(Prompts prompts, double temperature) {
        this.prompts = prompts;
        this.temperature = temperature;
    }

    @Override
    public ModelRequest module(String module, Persona persona, Instrument instrument, Item item) {
        return new ModelRequest(List.of(Message.system(prompts.caps(module, persona)),
                Message.user(prompts.item(instrument, item, persona, true))), new Sampling(temperature, MODULE_TOKENS, 0), 0);
    }

    @Override
    public Answer.ModuleAnswer read(String module, String text, ResponseScale scale) {
        OptionalInt option = readAnswer(text, scale);
        return new Answer.ModuleAnswer(module, option.isPresent() ? option.getAsInt() : null, analysis(text));
    }

    @Override
    public Agreement agree(List<Integer> answers) {
        boolean unanimous = answers.stream().allMatch(a -> a != null && a.equals(answers.get(0)));
        return unanimous ? Agreement.of(answers.get(0)) : Agreement.disputed();
    }

    @Override
    public ModelRequest coordinator(Persona persona, Instrument instrument, Item item, List<Answer.ModuleAnswer> modules) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Answer.ModuleAnswer m : modules) {
            values.put(m.module() + "_answer", m.answer() == null ? "unreadable" : m.answer().toString());
            values.put(m.module(), m.analysis());
        }
        List<Message> messages = List.of(Message.system(prompts.caps("coordinator", persona)),
                Message.user(prompts.capsAnalyses(values) + "\n\n" + prompts.item(instrument, item, persona, false)));
        return new ModelRequest(messages, new Sampling(temperature, COORDINATOR_TOKENS, 0), 0);
    }

    @Override
    public Integer readCoordinator(String text, ResponseScale scale) {
        OptionalInt option = AnswerReader.parse(text, scale);
        return option.isPresent() ? option.getAsInt() : null;
    }

    /** Ordered options: the ceiling of the mean; unordered ones: the most common answer, the lowest on ties. */
    @Override
    public int average(List<Integer> readable, ResponseScale scale) {
        if (scale.isOrdered()) {
            return (int) Math.ceil(readable.stream().mapToInt(Integer::intValue).average().orElseThrow() - 1e-9);
        }
        return readable.stream().sorted().reduce((a, b) -> Collections.frequency(readable, b)
                > Collections.frequency(readable, a) ? b : a).orElseThrow();
    }

    /** The number after the last "Answer:" line, else whatever number or label the text gives. */
    static OptionalInt readAnswer(String text, ResponseScale scale) {
        int at = text.toLowerCase(Locale.ROOT).lastIndexOf("answer:");
        OptionalInt tail = at >= 0 ? AnswerReader.parse(text.substring(at), scale) : OptionalInt.empty();
        return tail.isPresent() ? tail : AnswerReader.parse(text, scale);
    }

    /** The text of the "Analysis:" line or, without one, everything before the answer. */
    static String analysis(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        int start = lower.indexOf("analysis:");
        int end = lower.lastIndexOf("answer:");
        String body = text.substring(start >= 0 ? start + "analysis:".length() : 0, end > start ? end : text.length());
        return body.strip();
    }
}
