package org.valuesim.scenarios.scenario;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The defaults of dilemma entries, written out so that scenario.yaml shows every number a run used. */
final class Dilemmas {

    static final int DEFAULT_ROUNDS = 10;
    static final int DEFAULT_ENDOWMENT = 10;
    static final double DEFAULT_MULTIPLIER = 3;
    static final Scenario.Payoffs DEFAULT_PAYOFFS = new Scenario.Payoffs(3.0, 0.0, 5.0, 1.0);
    static final List<Scenario.Cause> DEFAULT_CAUSES = List.of(
            new Scenario.Cause("environment", "An environmental charity that protects nature and the climate", "universalism"),
            new Scenario.Cause("food-bank", "A local food bank that helps families in your community", "benevolence"),
            new Scenario.Cause("congregation", "A religious congregation that keeps its community's customs alive", "tradition"),
            new Scenario.Cause("emergency", "A fund that supports police and emergency services where you live", "security"));

    private Dilemmas() {
    }

    static List<Scenario.Dilemma> withDefaults(List<Scenario.Dilemma> dilemmas) {
        Map<Scenario.DilemmaKind, Integer> seen = new HashMap<>();
        List<Scenario.Dilemma> out = new ArrayList<>();
        for (Scenario.Dilemma d : dilemmas) {
            if (d == null || d.kind() == null) {
                out.add(d);
                continue;
            }
            int n = seen.merge(d.kind(), 1, Integer::sum);
            String kind = d.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
            String id = d.id() != null ? d.id() : n == 1 ? kind : kind + "-" + n;
            Scenario.Network net = d.network() == null
                    ? new Scenario.Network(Scenario.NetworkKind.SMALL_WORLD, 6, 0.1, null) : network(d.network());
            boolean pg = d.kind() == Scenario.DilemmaKind.PUBLIC_GOODS;
            boolean pd = d.kind() == Scenario.DilemmaKind.PRISONERS_DILEMMA;
            boolean donation = d.kind() == Scenario.DilemmaKind.DONATION;
            out.add(new Scenario.Dilemma(d.kind(), id, d.rounds() == null ? DEFAULT_ROUNDS : d.rounds(),
                    d.memory() == null ? Integer.valueOf(1) : d.memory(), net,
                    d.endowment() == null && !pd ? Integer.valueOf(DEFAULT_ENDOWMENT) : d.endowment(),
                    d.multiplier() == null && pg ? Double.valueOf(DEFAULT_MULTIPLIER) : d.multiplier(),
                    pd ? payoffs(d.payoffs()) : d.payoffs(),
                    d.causes() == null && donation ? DEFAULT_CAUSES : d.causes()));
        }
        return out;
    }

    private static Scenario.Network network(Scenario.Network n) {
        if (n.kind() == null) {
            return n;
        }
        return switch (n.kind()) {
            case RING -> new Scenario.Network(n.kind(), n.degree() == null ? 4 : n.degree(), n.rewire(), n.m());
            case SMALL_WORLD -> new Scenario.Network(n.kind(), n.degree() == null ? 6 : n.degree(),
                    n.rewire() == null ? 0.1 : n.rewire(), n.m());
            case SCALE_FREE -> new Scenario.Network(n.kind(), n.degree(), n.rewire(), n.m() == null ? 3 : n.m());
            default -> n;
        };
    }

    private static Scenario.Payoffs payoffs(Scenario.Payoffs p) {
        Scenario.Payoffs d = DEFAULT_PAYOFFS;
        if (p == null) {
            return d;
        }
        return new Scenario.Payoffs(p.reward() == null ? d.reward() : p.reward(), p.sucker() == null ? d.sucker() : p.sucker(),
                p.temptation() == null ? d.temptation() : p.temptation(),
                p.punishment() == null ? d.punishment() : p.punishment());
    }
}
