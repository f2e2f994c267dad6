package org.valuesim.results.scoring;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.valuesim.core.instrument.Instrument;
import org.valuesim.core.instrument.Item;
import org.valuesim.core.respond.Answer;
import org.valuesim.core.values.SchwartzValue;

/**
 * Scores the value items of an instrument (the items keyed to a Schwartz value: all of a value instrument's, or the
 * value-keyed questions of any survey): value score = mean of its items (reverse-keyed items mirrored on the scale),
 * centred by the person's mean over all answered value items. Failed answers and other items are left out.
 */
public final class ValueScorer {

    private final Instrument instrument;
    /** The value-keyed items, in instrument order. */
    private final List<Item> items;
    private final Map<String, SchwartzValue> valueOf = new HashMap<>();
    private final Map<String, Integer> position = new HashMap<>();
    private final Map<String, Boolean> reversed = new HashMap<>();
    /** Per item in instrument order, the ordinal of the value it scores. */
    private final int[] valueAt;
    private final int scaleMin;
    private final int scaleMax;

    private ValueScorer(Instrument instrument, List<Item> items) {
        this.instrument = instrument;
        this.items = List.copyOf(items);
        for (Item item : items) {
            valueOf.put(item.id(), SchwartzValue.find(item.scale()).orElseThrow());
            reversed.put(item.id(), item.reversed());
            position.put(item.id(), position.size());
        }
        valueAt = items.stream().mapToInt(i -> valueOf.get(i.id()).ordinal()).toArray();
        scaleMin = instrument.response(items.get(0)).lowest();
        scaleMax = instrument.response(items.get(0)).highest();
    }

    /**
     * A scorer for the instrument when its value-keyed items score all ten values on one ordered answer scale (a
     * value instrument, or a survey whose value questions do), whatever its other items.
     */
    public static Optional<ValueScorer> forInstrument(Instrument instrument) {
        List<Item> keyed = instrument.items().stream()
                .filter(i -> i.scale() != null && SchwartzValue.find(i.scale()).isPresent()).toList();
        if (keyed.isEmpty()) {
            return Optional.empty();
        }
        var first = instrument.response(keyed.get(0));
        boolean oneScale = first.isOrdered() && keyed.stream().allMatch(i -> instrument.response(i).equals(first));
        long values = keyed.stream().map(i -> SchwartzValue.find(i.scale()).orElseThrow()).distinct().count();
        return oneScale && values == SchwartzValue.count() ? Optional.of(new ValueScorer(instrument, keyed))
                : Optional.empty();
    }

    public Instrument instrument() {
        return instrument;
    }

    /** The items it scores (the value-keyed ones), in instrument order. */
    public List<Item> items() {
        return items;
    }

    /** Positions (in instrument order) of each value's items, in circular order of the values. */
    public int[][] itemsOfValues() {
        int[][] out = new int[SchwartzValue.count()][];
        for (SchwartzValue v : SchwartzValue.inCircularOrder()) {
            out[v.ordinal()] = instrument.items().stream().filter(i -> valueOf.get(i.id()) == v)
                    .mapToInt(i -> position.get(i.id())).toArray();
        }
        return out;
    }

    /** Scores one respondent from its answers (answers to other instruments are ignored). */
    public ValueScores score(List<Answer> answers) {
        double[] items = new double[position.size()];
        java.util.Arrays.fill(items, Double.NaN);
        for (Answer answer : answers) {
            if (!answer.isOk() || !answer.instrumentId().equals(instrument.id())) {
                continue;
            }
            Integer at = position.get(answer.itemId());
            if (at != null) {
                items[at] = reversed.get(answer.itemId()) ? scaleMin + scaleMax - answer.choice() : answer.choice();
            }
        }
        return fromItems(items);
    }

    /**
     * Scores one respondent from its keyed answers in instrument order (NaN where missing): the same bits as
     * {@link #score} of the answers, which come in instrument order, so scores kept as their keyed answers are exact.
     */
    public ValueScores fromItems(double[] items) {
        int k = SchwartzValue.count();
        double[] sum = new double[k];
        int[] count = new int[k];
        double all = 0;
        int allCount = 0;
        for (int i = 0; i < items.length; i++) {
            double x = items[i];
            if (Double.isNaN(x)) {
                continue;
            }
            int value = valueAt[i];
            sum[value] += x;
            count[value]++;
            all += x;
            allCount++;
        }
        double personMean = allCount == 0 ? Double.NaN : all / allCount;
        double[] raw = new double[k];
        double[] centred = new double[k];
        for (int v = 0; v < k; v++) {
            raw[v] = count[v] == 0 ? Double.NaN : sum[v] / count[v];
            centred[v] = raw[v] - personMean;
        }
        return new ValueScores(raw, centred, items);
    }

    /** The lowest and highest answer of the instrument's scale. */
    public int lowest() {
        return scaleMin;
    }

    public int highest() {
        return scaleMax;
    }
}
