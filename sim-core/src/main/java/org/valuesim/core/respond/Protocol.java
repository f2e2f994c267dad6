package org.valuesim.core.respond;

import java.util.Locale;

/**
 * Whose method a model-backed respondent follows.
 *
 * <p>{@link #VALUESIM}: valuesim's own (a persona system message, log-probability answers, analysis before the
 * answer, one repair call for an unreadable answer). {@link #PAPER}: as the seed papers did it: for naive,
 * full-profile, rag and backstory-caps the ValueSim authors' code (one user message per call, answer first,
 * the first answer read, no repair call, an answer that is not an option is wrong), for value-prompt the
 * Teaching Values prompt structure.
 */
public enum Protocol {
    VALUESIM, PAPER;

    /** The name in scenario files and on the command line. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
