package org.valuesim.core.respond;

import java.util.List;

/**
 * One agent's answer to one item.
 *
 * @param choice       the chosen option's value, or 0 when the answer failed
 * @param distribution probability of each option in the scale's order, or null where unknown
 * @param status       {@code ok} or {@code failed}
 * @param failure      why it failed (empty when ok)
 * @param rawText      the model's raw text, empty for embedded respondents
 * @param modules      what each perspective module said (backstory-caps), empty otherwise
 * @param amounts      for allocation items: the units given to each option, in the options' order; null otherwise
 *                     (the distribution then holds each option's share of the endowment)
 */
public record Answer(int agentId, String instrumentId, String itemId, int choice, double[] distribution,
                     Status status, String failure, String rawText, Provenance provenance, List<ModuleAnswer> modules,
                     int[] amounts) {

    public enum Status { OK, FAILED }

    /** How a failure begins when the model replied but its reply names no option (it could not be read). */
    public static final String UNREADABLE = "unreadable";

    /** How a failure begins when the model replied with a number that is not one of the item's options. */
    public static final String NOT_AN_OPTION = "not an option";

    /** How a failure begins when no call of the answer got a reply: nothing was answered and nothing paid for. */
    public static final String CALL_FAILED = "model call failed";

    /** How a failure begins when the respondent threw instead of answering. */
    public static final String RESPONDENT_ERROR = "respondent error";

    public Answer {
        modules = modules == null ? List.of() : List.copyOf(modules);
    }

    /**
     * One perspective module's view of the item.
     *
     * @param answer the option it chose, or null when its answer could not be read
     */
    public record ModuleAnswer(String module, Integer answer, String analysis) {
    }

    public static Answer ok(int agentId, String instrumentId, String itemId, int choice, double[] distribution,
                            String rawText, Provenance provenance) {
        return new Answer(agentId, instrumentId, itemId, choice, distribution, Status.OK, "", rawText, provenance,
                List.of(), null);
    }

    public static Answer failed(int agentId, String instrumentId, String itemId, String failure, String rawText,
                                Provenance provenance) {
        return new Answer(agentId, instrumentId, itemId, 0, null, Status.FAILED, failure, rawText, provenance, List.of(),
                null);
    }

    /** An allocation: {@code amounts} units to each option, out of their sum. */
    public static Answer allocated(int agentId, String instrumentId, String itemId, int[] amounts, String rawText,
                                   Provenance provenance) {
        int total = java.util.Arrays.stream(amounts).sum();
        double[] shares = new double[amounts.length];
        for (int i = 0; i < amounts.length; i++) {
            shares[i] = total == 0 ? 0 : (double) amounts[i] / total;
        }
        return new Answer(agentId, instrumentId, itemId, 0, shares, Status.OK, "", rawText, provenance, List.of(),
                amounts.clone());
    }

    public Answer withModules(List<ModuleAnswer> records) {
        return new Answer(agentId, instrumentId, itemId, choice, distribution, status, failure, rawText, provenance,
                records, amounts);
    }

    public boolean isOk() {
        return status == Status.OK;
    }

    /**
     * Whether this answer failed without any reply to record: its calls failed (refused, timed out, an HTTP error after
     * every retry) or the respondent threw. A resumed run asks such an answer again; every other answer, failed ones
     * included, holds a reply that was paid for and is kept as it was.
     */
    public boolean gotNoReply() {
        return status == Status.FAILED && (failure.startsWith(CALL_FAILED) || failure.startsWith(RESPONDENT_ERROR));
    }

    /**
     * Whether this answer failed because the model's reply gave no option (unreadable, or a number that is not an
     * option), not because the call itself failed: the paper protocol counts such an answer as a wrong one.
     */
    public boolean namesNoOption() {
        return status == Status.FAILED && (failure.startsWith(UNREADABLE) || failure.startsWith(NOT_AN_OPTION));
    }
}
