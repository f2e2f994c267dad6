package org.valuesim.populations.survey;

import java.util.List;

/**
 * Respondents' answers to an instrument's items as options 1..k, 0 where missing.
 *
 * @param items   item ids, in column order
 * @param values  the Schwartz value id each item scores
 * @param options the number of answer options
 */
public record AnswerTable(List<String> respondentIds, List<String> items, List<String> values, int options,
                          int[][] answers) {
}
