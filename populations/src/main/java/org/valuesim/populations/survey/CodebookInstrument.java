package org.valuesim.populations.survey;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.valuesim.core.instrument.Instrument;
import org.valuesim.core.instrument.Item;

/**
 * The instrument a codebook with questions makes by itself: one item per question that is not a demographic, with the
 * question's text, its own response scale, the value it scores (if any), its group as the aspect of life a backstory
 * files it under, and the answer shares of the people in the file as its human shares.
 */
public final class CodebookInstrument {

    /** The one group the human shares of a codebook's own instrument describe: everyone in the file. */
    public static final String HUMAN_GROUP = "sample";
    public static final String EVERYONE = "all";

    private CodebookInstrument() {
    }

    /**
     * @param table the file read through the codebook, whose answers give each item's human shares
     */
    public static Instrument of(Codebook codebook, AnswerTable table) {
        if (!codebook.isMixed()) {
            throw new IllegalArgumentException("codebook " + codebook.name() + " names instrument "
                    + codebook.instrument() + " rather than describing its questions");
        }
        List<Item> items = new ArrayList<>();
        int column = 0;
        for (Map.Entry<String, Question> e : codebook.questions().entrySet()) {
            Question q = e.getValue();
            if (q.group().equals(Question.DEMOGRAPHICS)) {
                continue;
            }
            double[] shares = new double[q.size()];
            for (int[] row : table.answers()) {
                if (row[column] > 0) {
                    shares[row[column] - 1]++;
                }
            }
            double total = java.util.Arrays.stream(shares).sum();
            Map<String, double[]> human = Map.of();
            if (total > 0) {
                for (int i = 0; i < shares.length; i++) {
                    shares[i] /= total;
                }
                human = Map.of(EVERYONE, shares);
            }
            items.add(new Item(Codebook.questionId(e.getKey(), q), q.text().trim(), q.value(), false, aspect(q.group()),
                    q.response(), human));
            column++;
        }
        return new Instrument(codebook.name(), codebook.description(), codebook.source(),
                "Answer each question as yourself.", "", null, items, null, HUMAN_GROUP);
    }

    /** The part of life a backstory files a question's answer under. */
    static String aspect(String group) {
        return switch (group) {
            case Question.VALUES -> "beliefs";
            case Question.BEHAVIOURS -> "daily life";
            default -> "attitudes";
        };
    }
}
