package org.valuesim.scenarios.run;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.valuesim.core.dilemma.Dilemma;
import org.valuesim.core.dilemma.Game;
import org.valuesim.core.dilemma.Games;
import org.valuesim.core.network.NetworkSpec;
import org.valuesim.core.values.SchwartzValue;
import org.valuesim.scenarios.scenario.InputException;
import org.valuesim.scenarios.scenario.Scenario;
import org.valuesim.scenarios.scenario.ScenarioFile;

/** Checks the scenario's dilemmas (defaults already filled in) and turns them into games on networks. */
final class DilemmaPlanner {

    static final int MAX_ROUNDS = 1000;
    /** Moves are whole numbers from 0 to the endowment, each an option of the move's scale. */
    static final int MAX_ENDOWMENT = 1000;

    private DilemmaPlanner() {
    }

    /** @param agents the population size the networks are built over */
    static List<Dilemma> dilemmas(ScenarioFile file, int agents) throws InputException {
        List<Scenario.Dilemma> specs = file.scenario().dilemmas();
        List<Dilemma> out = new ArrayList<>();
        if (specs == null) {
            return out;
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < specs.size(); i++) {
            Scenario.Dilemma d = specs.get(i);
            String at = "/dilemmas/" + i;
            if (!d.id().matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
                throw file.error(at + "/id", "'" + d.id() + "' is not a usable name; use letters, digits, '.', '_', '-'");
            }
            if (!ids.add(d.id())) {
                throw file.error(at + "/id", "two dilemmas are named '" + d.id() + "'; give them distinct ids");
            }
            if (d.rounds() < 1 || d.rounds() > MAX_ROUNDS) {
                throw file.error(at + "/rounds", "must be between 1 and " + MAX_ROUNDS + ", got " + d.rounds());
            }
            if (d.memory() < 1 || d.memory() > d.rounds()) {
                throw file.error(at + "/memory", "must be between 1 and the rounds (" + d.rounds() + "), got " + d.memory());
            }
            out.add(new Dilemma(d.id(), game(file, d, at), d.rounds(), d.memory(),
                    network(file, d.network(), agents, at + "/network")));
        }
        return out;
    }

    private static Game game(ScenarioFile file, Scenario.Dilemma d, String at) throws InputException {
        String kind = d.kind().name().toLowerCase(Locale.ROOT).replace('_', '-');
        boolean pd = d.kind() == Scenario.DilemmaKind.PRISONERS_DILEMMA;
        if (pd ? d.endowment() != null : d.endowment() < 1 || d.endowment() > MAX_ENDOWMENT) {
            throw file.error(at + "/endowment", pd ? "a prisoner's dilemma has no endowment; set payoffs instead"
                    : "must be between 1 and " + MAX_ENDOWMENT + ", got " + d.endowment());
        }
        if (d.multiplier() != null && d.kind() != Scenario.DilemmaKind.PUBLIC_GOODS) {
            throw file.error(at + "/multiplier", "only public-goods has a multiplier, not " + kind);
        }
        if (d.payoffs() != null && !pd) {
            throw file.error(at + "/payoffs", "only prisoners-dilemma has payoffs, not " + kind);
        }
        if (d.causes() != null && d.kind() != Scenario.DilemmaKind.DONATION) {
            throw file.error(at + "/causes", "only donation has causes, not " + kind);
        }
        return switch (d.kind()) {
            case DICTATOR -> new Games.Dictator(d.endowment());
            case PUBLIC_GOODS -> {
                if (!(d.multiplier() > 0) || Double.isInfinite(d.multiplier())) {
                    throw file.error(at + "/multiplier", "must be a positive number, got " + d.multiplier());
                }
                yield new Games.PublicGoods(d.endowment(), d.multiplier());
            }
            case PRISONERS_DILEMMA -> {
                var p = d.payoffs();
                for (double x : new double[] {p.reward(), p.sucker(), p.temptation(), p.punishment()}) {
                    if (!Double.isFinite(x)) {
                        throw file.error(at + "/payoffs", "payoffs must be finite numbers");
                    }
                }
                yield new Games.PrisonersDilemma(p.reward(), p.sucker(), p.temptation(), p.punishment());
            }
            case DONATION -> new Games.Donation(d.endowment(), causes(file, d.causes(), at + "/causes"));
        };
    }

    private static List<Games.Donation.Cause> causes(ScenarioFile file, List<Scenario.Cause> causes, String at)
            throws InputException {
        if (causes.isEmpty()) {
            throw file.error(at, "name at least one cause");
        }
        Set<String> ids = new HashSet<>();
        List<Games.Donation.Cause> out = new ArrayList<>();
        for (int c = 0; c < causes.size(); c++) {
            Scenario.Cause cause = causes.get(c);
            if (!ids.add(cause.id()) || cause.id().equals("keep")) {
                throw file.error(at + "/" + c + "/id", "'" + cause.id() + "' is taken (ids must be distinct and not 'keep')");
            }
            if (cause.serves() != null && SchwartzValue.find(cause.serves()).isEmpty()) {
                throw file.error(at + "/" + c + "/serves", "'" + cause.serves() + "' is not a Schwartz value");
            }
            out.add(new Games.Donation.Cause(cause.id(), cause.label(), cause.serves()));
        }
        return out;
    }

    private static NetworkSpec network(ScenarioFile file, Scenario.Network n, int agents, String at)
            throws InputException {
        String kind = n.kind().name().toLowerCase(Locale.ROOT).replace('_', '-');
        boolean lattice = n.kind() == Scenario.NetworkKind.RING || n.kind() == Scenario.NetworkKind.SMALL_WORLD;
        if (n.degree() != null && !lattice) {
            throw file.error(at + "/degree", "a " + kind + " network has no degree parameter");
        }
        if (n.rewire() != null && n.kind() != Scenario.NetworkKind.SMALL_WORLD) {
            throw file.error(at + "/rewire", "only small-world networks are rewired, not " + kind);
        }
        if (n.m() != null && n.kind() != Scenario.NetworkKind.SCALE_FREE) {
            throw file.error(at + "/m", "only scale-free networks have m, not " + kind);
        }
        NetworkSpec spec = new NetworkSpec(kind, n.degree() == null ? 0 : n.degree(),
                n.rewire() == null ? 0 : n.rewire(), n.m() == null ? 0 : n.m());
        String problem = spec.problem(agents);
        if (problem != null) {
            throw file.error(at, problem);
        }
        return spec;
    }
}
