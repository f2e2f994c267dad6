package org.valuesim.core.dilemma;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.valuesim.core.instrument.ResponseOption;
import org.valuesim.core.instrument.ResponseScale;
import org.valuesim.core.network.SocialNetwork;
import org.valuesim.core.respond.Answer;

/** The four games. Their payoff arithmetic is spelled out in each record's comment. */
public final class Games {

    private Games() {
    }

    /** A game whose move is a whole amount from 0 to the endowment, and whose cooperation is its share. */
    interface AmountGame extends Game {

        int endowment();

        @Override
        default ResponseScale move() {
            return new ResponseScale(ResponseScale.NUMERIC, null, 0, endowment(), null);
        }

        @Override
        default String action(Answer answer) {
            return answer.isOk() ? amountText(answer.choice()) : "";
        }

        @Override
        default double cooperation(Answer answer) {
            return (double) answer.choice() / endowment();
        }
    }

    /** The texts of the amounts most games use, made once: a round of 100,000 moves spent a tenth of its time on them. */
    private static final String[] AMOUNTS = java.util.stream.IntStream.rangeClosed(0, 1000).mapToObj(Integer::toString)
            .toArray(String[]::new);

    static String amountText(int amount) {
        return amount >= 0 && amount < AMOUNTS.length ? AMOUNTS[amount] : Integer.toString(amount);
    }

    static String number(double x) {
        return x == Math.rint(x) ? Long.toString((long) x) : Double.toString(x);
    }

    /**
     * Dictator: each agent gets {@code endowment} points and gives g of them to one neighbour picked at random each
     * round. Payoff = endowment - g + everything given to it.
     */
    public record Dictator(int endowment) implements AmountGame {

        @Override
        public String kind() {
            return "dictator";
        }

        @Override
        public Map<String, String> parameters(int neighbours) {
            return Map.of("endowment", Integer.toString(endowment), "neighbours", Integer.toString(neighbours));
        }

        @Override
        public double[] payoffs(List<Answer> moves, SocialNetwork network, SplittableRandom random) {
            double[] pay = new double[moves.size()];
            for (int i = 0; i < pay.length; i++) {
                Answer a = moves.get(i);
                int[] others = network.neighbours(i);
                int given = a.isOk() && others.length > 0 ? a.choice() : 0;
                int recipient = others.length > 0 ? others[random.nextInt(others.length)] : -1;
                pay[i] += endowment - given;
                if (recipient >= 0) {
                    pay[recipient] += given;
                }
            }
            return pay;
        }
    }

    /**
     * Donation: each agent gets {@code endowment} points and splits them over the causes and keeping them (the last
     * option). Payoff = the points kept.
     */
    public record Donation(int endowment, List<Cause> causes) implements Game {

        /** A charitable cause and the Schwartz value it serves. */
        public record Cause(String id, String label, String serves) {
        }

        public Donation {
            causes = List.copyOf(causes);
        }

        @Override
        public String kind() {
            return "donation";
        }

        @Override
        public ResponseScale move() {
            List<ResponseOption> options = new ArrayList<>();
            for (int i = 0; i < causes.size(); i++) {
                options.add(new ResponseOption(i + 1, causes.get(i).label(), causes.get(i).serves()));
            }
            options.add(new ResponseOption(causes.size() + 1, "Keep for myself", null));
            return new ResponseScale(ResponseScale.ALLOCATION, options, null, null, endowment);
        }

        @Override
        public Map<String, String> parameters(int neighbours) {
            return Map.of("endowment", Integer.toString(endowment), "neighbours", Integer.toString(neighbours));
        }

        @Override
        public String action(Answer answer) {
            if (!answer.isOk()) {
                return "";
            }
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < causes.size(); i++) {
                s.append(causes.get(i).id()).append('=').append(answer.amounts()[i]).append(';');
            }
            return s.append("keep=").append(answer.amounts()[causes.size()]).toString();
        }

        @Override
        public double cooperation(Answer answer) {
            return 1 - (double) answer.amounts()[causes.size()] / endowment;
        }

        @Override
        public double[] payoffs(List<Answer> moves, SocialNetwork network, SplittableRandom random) {
            double[] pay = new double[moves.size()];
            for (int i = 0; i < pay.length; i++) {
                Answer a = moves.get(i);
                pay[i] = a.isOk() ? a.amounts()[causes.size()] : endowment;
            }
            return pay;
        }
    }

    /**
     * Public goods on a network: each agent i gets {@code endowment} and puts c_i into its own pot; the pot is
     * multiplied by {@code multiplier} and shared equally by i and its neighbours. Payoff_i = endowment - c_i +
     * sum over j in {i} and i's neighbours of multiplier c_j / (1 + degree_j). With multiplier below 1 + degree, a
     * point contributed returns less than a point to its giver: the dilemma.
     */
    public record PublicGoods(int endowment, double multiplier) implements AmountGame {

        @Override
        public String kind() {
            return "public-goods";
        }

        @Override
        public Map<String, String> parameters(int neighbours) {
            return Map.of("endowment", Integer.toString(endowment), "multiplier", number(multiplier),
                    "neighbours", Integer.toString(neighbours));
        }

        @Override
        public double[] payoffs(List<Answer> moves, SocialNetwork network, SplittableRandom random) {
            int n = moves.size();
            double[] share = new double[n];
            double[] pay = new double[n];
            for (int j = 0; j < n; j++) {
                int c = moves.get(j).isOk() ? moves.get(j).choice() : 0;
                share[j] = multiplier * c / (1 + network.degree(j));
                pay[j] = endowment - c;
            }
            for (int i = 0; i < n; i++) {
                pay[i] += share[i];
                for (int j : network.neighbours(i)) {
                    pay[i] += share[j];
                }
            }
            return pay;
        }
    }

    /**
     * Prisoner's dilemma on a network: each agent chooses once per round and plays that move against every
     * neighbour. Payoff = the sum over neighbours of reward (both cooperate), sucker (it cooperates, the neighbour
     * defects), temptation (it defects, the neighbour cooperates) or punishment (both defect).
     */
    public record PrisonersDilemma(double reward, double sucker, double temptation, double punishment) implements Game {

        public static final int COOPERATE = 1;
        public static final int DEFECT = 2;

        @Override
        public String kind() {
            return "prisoners-dilemma";
        }

        @Override
        public ResponseScale move() {
            return new ResponseScale(ResponseScale.MULTIPLE_CHOICE,
                    List.of(new ResponseOption(COOPERATE, "Cooperate"), new ResponseOption(DEFECT, "Defect")));
        }

        @Override
        public Map<String, String> parameters(int neighbours) {
            Map<String, String> p = new LinkedHashMap<>();
            p.put("reward", number(reward));
            p.put("sucker", number(sucker));
            p.put("temptation", number(temptation));
            p.put("punishment", number(punishment));
            p.put("neighbours", Integer.toString(neighbours));
            return p;
        }

        @Override
        public String action(Answer answer) {
            return !answer.isOk() ? "" : answer.choice() == COOPERATE ? "cooperate" : "defect";
        }

        @Override
        public double cooperation(Answer answer) {
            return answer.choice() == COOPERATE ? 1 : 0;
        }

        @Override
        public double[] payoffs(List<Answer> moves, SocialNetwork network, SplittableRandom random) {
            double[] pay = new double[moves.size()];
            for (int i = 0; i < pay.length; i++) {
                if (!moves.get(i).isOk()) {
                    continue;
                }
                boolean mine = moves.get(i).choice() == COOPERATE;
                for (int j : network.neighbours(i)) {
                    if (!moves.get(j).isOk()) {
                        continue;
                    }
                    boolean theirs = moves.get(j).choice() == COOPERATE;
                    pay[i] += mine ? (theirs ? reward : sucker) : (theirs ? temptation : punishment);
                }
            }
            return pay;
        }
    }
}
