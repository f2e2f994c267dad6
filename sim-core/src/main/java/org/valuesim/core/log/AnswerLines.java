package org.valuesim.core.log;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import org.valuesim.core.respond.Answer;

/**
 * Answers as the response log writes them, one JSON line each, for answers that travel between processes (a
 * cluster member's answers to the coordinator): the line rebuilds the answer exactly, doubles bit for bit.
 */
public final class AnswerLines {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AnswerLines() {
    }

    public static String write(Answer answer) {
        try {
            return JSON.writeValueAsString(LogLine.of(answer));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Answer read(String line) {
        try {
            return JSON.readValue(line, LogLine.class).answer();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
