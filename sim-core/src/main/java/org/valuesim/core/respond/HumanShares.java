package org.valuesim.core.respond;

import org.valuesim.core.instrument.Instrument;
import org.valuesim.core.instrument.Item;
import org.valuesim.core.persona.Persona;

/** An item's human answer shares for a persona: its group's (the instrument's human-group attribute), else the mean. */
final class HumanShares {

    private HumanShares() {
    }

    /** The shares, normalised to sum to 1; null when the item has none. */
    static double[] of(Persona persona, Instrument instrument, Item item) {
        if (item.human().isEmpty()) {
            return null;
        }
        String group = persona.demographics().get(instrument.humanGroup());
        double[] shares = group == null ? null : item.human().get(group);
        if (shares == null) {
            shares = new double[instrument.response(item).size()];
            for (double[] s : item.human().values()) {
                for (int i = 0; i < s.length; i++) {
                    shares[i] += s[i] / item.human().size();
                }
            }
        }
        double total = java.util.Arrays.stream(shares).sum();
        double[] p = new double[shares.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = shares[i] / total;
        }
        return p;
    }
}
