package org.valuesim.core.respond;

/**
 * One agent's answer to one item.
 *
 * @param choice       the chosen option's value, or 0 when the answer failed
 * @param distribution probability of each option in the scale's order, or null where unknown
 * @param status       {@code ok} or {@code failed}
 * @param failure      why it failed (empty when ok)
 * @param rawText      the model's raw text, empty for embedded respondents
 */
public record Answer(int agentId, String instrumentId, String itemId, int choice, double[] distribution,
                     Status status, String failure, String rawText, Provenance provenance) {

    public enum Status { OK, FAILED }

    public static Answer ok(int agentId, String instrumentId, String itemId, int choice, double[] distribution,
                            String rawText, Provenance provenance) {
        return new Answer(agentId, instrumentId, itemId, choice, distribution, Status.OK, "", rawText, provenance);
    }

    public static Answer failed(int agentId, String instrumentId, String itemId, String failure, String rawText,
                                Provenance provenance) {
        return new Answer(agentId, instrumentId, itemId, 0, null, Status.FAILED, failure, rawText, provenance);
    }

    public boolean isOk() {
        return status == Status.OK;
    }
}
