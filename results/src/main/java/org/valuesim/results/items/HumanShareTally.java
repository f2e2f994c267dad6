package org.valuesim.results.items;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.valuesim.core.instrument.Instrument;
import org.valuesim.core.instrument.Item;
import org.valuesim.core.persona.Persona;
import org.valuesim.core.respond.Answer;
import org.valuesim.results.record.ItemComparison;
import org.valuesim.results.stats.Distributions;
import org.valuesim.results.write.Decimals;

/**
 * Compares the answers to items that carry human answer shares (World Values Survey questions by country, ...)
 * with those shares: agents are grouped by the instrument's human-group attribute, each group's answer shares are
 * compared with that group's human shares (agents whose group has none are compared with the mean shares over
 * groups, as group "all"), by Jensen-Shannon divergence and, for ordered answers, Wasserstein-1 distance.
 */
public final class HumanShareTally {

    private static final String POOLED = "all";
    private static final int DECIMALS = 6;

    /** instrument/item -> group -> counts per option. */
    private final Map<String, Map<String, int[]>> counts = new LinkedHashMap<>();
    private final Map<String, Instrument> instruments = new LinkedHashMap<>();

    public HumanShareTally(List<Instrument> instruments) {
        instruments.forEach(i -> this.instruments.put(i.id(), i));
    }

    /** Counts an answer to an item with human shares (others are ignored). */
    public void add(Persona persona, Answer answer, Instrument instrument, Item item) {
        if (item.human().isEmpty() || !answer.isOk() || answer.amounts() != null) {
            return;
        }
        String group = persona.demographics().get(instrument.humanGroup());
        if (group == null || !item.human().containsKey(group)) {
            group = POOLED;
        }
        int index = instrument.response(item).indexOf(answer.choice());
        if (index >= 0) {
            counts.computeIfAbsent(instrument.id() + "/" + item.id(), k -> new TreeMap<>())
                    .computeIfAbsent(group, g -> new int[instrument.response(item).size()])[index]++;
        }
    }

    /**
     * summary.json "items" entries: per item its groups with simulated and human shares and distances, and the
     * answer-weighted mean distances over groups as the item's js_divergence and wasserstein.
     */
    public Map<String, ItemComparison> summary() {
        Map<String, ItemComparison> out = new LinkedHashMap<>();
        counts.forEach((key, groups) -> {
            Instrument instrument = instruments.get(key.substring(0, key.indexOf('/')));
            Item item = instrument.item(key.substring(key.indexOf('/') + 1));
            boolean ordered = instrument.response(item).isOrdered();
            Map<String, ItemComparison.Group> perGroup = new LinkedHashMap<>();
            double js = 0;
            double w1 = 0;
            long total = 0;
            for (var g : groups.entrySet()) {
                int n = java.util.Arrays.stream(g.getValue()).sum();
                double[] simulated = Distributions.shares(g.getValue());
                double[] human = normalised(g.getKey().equals(POOLED) ? pooled(item) : item.human().get(g.getKey()));
                double groupJs = Distributions.jensenShannon(simulated, human);
                double groupW1 = ordered ? Distributions.wasserstein1(simulated, human) : 0;
                js += n * groupJs;
                w1 += n * groupW1;
                total += n;
                perGroup.put(g.getKey(), new ItemComparison.Group(n, round(simulated), round(human), round(groupJs),
                        ordered ? round(groupW1) : null));
            }
            out.put(item.id(), new ItemComparison(instrument.id(), instrument.humanGroup(), null, null,
                    round(js / total), ordered ? round(w1 / total) : null, perGroup));
        });
        return out;
    }

    private static double[] pooled(Item item) {
        double[] mean = null;
        for (double[] shares : item.human().values()) {
            double[] s = normalised(shares);
            if (mean == null) {
                mean = new double[s.length];
            }
            for (int i = 0; i < s.length; i++) {
                mean[i] += s[i] / item.human().size();
            }
        }
        return mean;
    }

    private static double[] normalised(double[] shares) {
        double total = java.util.Arrays.stream(shares).sum();
        return java.util.Arrays.stream(shares).map(s -> s / total).toArray();
    }

    private static double round(double x) {
        return Decimals.round(x, DECIMALS);
    }

    private static double[] round(double[] xs) {
        return java.util.Arrays.stream(xs).map(HumanShareTally::round).toArray();
    }
}
