package org.valuesim.populations.survey;

import java.util.List;
import java.util.Map;

/**
 * Respondents' answers to an instrument's items (or a survey's questions) as options 1..k, 0 where missing.
 *
 * @param items   item ids, in column order
 * @param values  the Schwartz value id each item scores (null for a question that scores none)
 * @param options the largest number of answer options of any item (every item's, for one instrument's items)
 * @param demographics per respondent, attribute to category (unknown attributes left out)
 * @param groups  per respondent, the value of the grouping column (empty strings when not grouped)
 * @param columns per item, its scale and question group
 */
public record AnswerTable(List<String> respondentIds, List<String> items, List<String> values, int options,
                          int[][] answers, List<Map<String, String>> demographics, List<String> groups,
                          List<Column> columns) {

    /**
     * What an item's column holds.
     *
     * @param options its number of answer options
     * @param ordered whether they are ordered (distances between answers mean something)
     * @param group   demographics, values, behaviours or attitudes
     */
    public record Column(int options, boolean ordered, String group) {
    }

    public AnswerTable {
        if (columns == null) {
            columns = java.util.Collections.nCopies(items.size(), new Column(options, true, "values"));
        }
        columns = List.copyOf(columns);
    }

    /** One instrument's items, every one with the same ordered answer scale. */
    public AnswerTable(List<String> respondentIds, List<String> items, List<String> values, int options,
                       int[][] answers, List<Map<String, String>> demographics, List<String> groups) {
        this(respondentIds, items, values, options, answers, demographics, groups, null);
    }

    /** Each item's number of answer options, in column order. */
    public int[] optionsPerItem() {
        return columns.stream().mapToInt(Column::options).toArray();
    }

    /** One respondent as a table of one row. */
    public AnswerTable row(int r) {
        return new AnswerTable(List.of(respondentIds.get(r)), items, values, options, new int[][] {answers[r]},
                List.of(demographics.get(r)), List.of(groups.get(r)), columns);
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
                rows.stream().map(groups::get).toList(), columns);
    }

    /** The same people with only the columns that score a Schwartz value (all of them, for one instrument's items). */
    public AnswerTable valueColumns() {
        List<Integer> keep = new java.util.ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (values.get(i) != null) {
                keep.add(i);
            }
        }
        if (keep.size() == items.size()) {
            return this;
        }
        int[][] kept = new int[answers.length][keep.size()];
        for (int r = 0; r < answers.length; r++) {
            for (int j = 0; j < keep.size(); j++) {
                kept[r][j] = answers[r][keep.get(j)];
            }
        }
        List<Column> keptColumns = keep.stream().map(columns::get).toList();
        return new AnswerTable(respondentIds, keep.stream().map(items::get).toList(),
                keep.stream().map(values::get).toList(), keptColumns.stream().mapToInt(Column::options).max().orElse(0),
                kept, demographics, groups, keptColumns);
    }
}
