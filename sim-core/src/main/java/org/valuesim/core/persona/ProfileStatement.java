package org.valuesim.core.persona;

/**
 * One fact about an imported individual, in plain language.
 *
 * @param key    what it is about: an item id, or "demographic:NAME"
 * @param aspect the part of life it belongs to (demographics, beliefs, politics, daily life)
 * @param text    the statement, in the second person
 * @param subject what the statement is about (the item as shown, or the attribute's name), as in the text
 * @param answer  the answer or attribute value it reports, as it appears in the text
 */
public record ProfileStatement(String key, String aspect, String text, String subject, String answer) {
}
