package org.valuesim.results.scoring;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.valuesim.core.instrument.Instrument;
import org.valuesim.core.instrument.Item;
import org.valuesim.core.respond.Answer;

/**
 * Scale scores of any instrument (Big Five domains, ...): the mean of each scale's answered items,
 * reverse-keyed items mirrored on their answer scale (min + max - answer). Failed answers and items that
 * score no scale (or have unordered answers) are left out.
 */
public final class ScaleScorer {

    private final Instrument instrument;
    private final List<String> scales;
    private final Map<String, Item> items = new LinkedHashMap<>();

    public ScaleScorer(Instrument instrument) {
        this.instrument = instrument;
        instrument.items().stream().filter(i -> i.scale() != null && instrument.response(i).isOrdered())
                .forEach(i -> items.put(i.id(), i));
        this.scales = List.copyOf(new java.util.LinkedHashSet<>(items.values().stream().map(Item::scale).toList()));
    }

    public Instrument instrument() {
        return instrument;
    }

    /** The instrument's scales in order of first appearance. */
    public List<String> scales() {
        return scales;
    }

    /** Each scale's score (NaN where none of its items was answered), in {@link #scales()} order. */
    public double[] score(List<Answer> answers) {
        double[] sum = new double[scales.size()];
        int[] count = new int[scales.size()];
        for (Answer answer : answers) {
            Item item = items.get(answer.itemId());
            if (!answer.isOk() || !answer.instrumentId().equals(instrument.id()) || item == null) {
                continue;
            }
            int s = scales.indexOf(item.scale());
            var scale = instrument.response(item);
            sum[s] += item.reversed() ? scale.lowest() + scale.highest() - answer.choice() : answer.choice();
            count[s]++;
        }
        double[] scores = new double[scales.size()];
        for (int s = 0; s < scores.length; s++) {
            scores[s] = count[s] == 0 ? Double.NaN : sum[s] / count[s];
        }
        return scores;
    }

    /** Column names for agents.csv: instrument_scale, snake case. */
    public List<String> columns() {
        List<String> out = new ArrayList<>();
        for (String scale : scales) {
            out.add((instrument.id() + "_" + scale).replaceAll("[^A-Za-z0-9]+", "_").toLowerCase(java.util.Locale.ROOT));
        }
        return out;
    }
}
