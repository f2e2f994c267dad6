package org.valuesim.core.llm;

import java.util.List;

/**
 * One call: the messages, the sampling parameters and which sample it is (sample k of K draws a new
 * answer from the same prompt, so it has its own cache entry).
 */
public record ModelRequest(List<Message> messages, Sampling sampling, int sampleIndex) {

    public ModelRequest {
        messages = List.copyOf(messages);
    }
}
