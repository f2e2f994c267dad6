package org.valuesim.populations.survey;

import java.util.List;
import java.util.Map;

/**
 * Respondents' answers to an instrument's items as options 1..k, 0 where missing.
 *
 * @param items   item ids, in column order
 * @param values  the Schwartz value id each item scores
 * @param options the number of answer options
 * @param demographics per respondent, attribute to category (unknown attributes left out)
 * @param groups  per respondent, the value of the grouping column (empty strings when not grouped)
 */
public record AnswerTable(List<String> respondentIds, List<String> items, List<String> values, int options,
                          int[][] answers, List<Map<String, String>> demographics, List<String> groups) {

    /** One respondent as a table of one row. */
    public AnswerTable row(int r) {
        return new AnswerTable(List.of(respondentIds.get(r)), items, values, options, new int[][] {answers[r]},
                List.of(demographics.get(r)), List.of(groups.get(r)));
    }

    /** The respondents of one group, in file order. */
    public AnswerTable group(String group) {
        List<Integer> rows = new java.util.ArrayList<>();
        for (int r = 0; r < groups.size(); r++) {
            if (groups.get(r).equals(group)) {
                rows.add(r);
            }
        }
        return rows(rows);
    }

    /** These respondents (row indices), in the given order. */
    public AnswerTable rows(List<Integer> rows) {
        return new AnswerTable(rows.stream().map(respondentIds::get).toList(), items, values, options,
                rows.stream().map(r -> answers[r]).toArray(int[][]::new), rows.stream().map(demographics::get).toList(),
                rows.stream().map(groups::get).toList());
    }
}
