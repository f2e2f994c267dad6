package org.valuesim.core.persona;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * One fact about an imported individual, in plain language.
 *
 * @param key     what it is about: an item id, or "demographic:NAME"
 * @param aspect  the part of life it belongs to (demographics, beliefs, politics, daily life)
 * @param text    the statement, in the second person
 * @param subject what the statement is about (the item as shown, or the attribute's name), as in the text
 * @param answer  the answer or attribute value it reports, as it appears in the text
 * @param option  for an answered ordered item, the chosen option's position (1-based); 0 otherwise
 * @param options for an answered ordered item, how many options it had; 0 otherwise
 */
public record ProfileStatement(String key, String aspect, String text, String subject, String answer, int option,
                               int options) {

    public ProfileStatement {
        if (option < 0 || option > options) {
            throw new IllegalArgumentException("option " + option + " of " + options);
        }
    }

    /** A statement that reports no ordered answer (a demographic, an unordered choice). */
    public ProfileStatement(String key, String aspect, String text, String subject, String answer) {
        this(key, aspect, text, subject, answer, 0, 0);
    }

    /** Whether it reports the position of an answer on an ordered scale (derived, so not a field of its JSON). */
    @JsonIgnore
    public boolean isOrderedAnswer() {
        return option > 0;
    }
}
