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
 */
public record Answer(int agentId, String instrumentId, String itemId, int choice, double[] distribution,
                     Status status, String failure, String rawText, Provenance provenance, List<ModuleAnswer> modules) {

    public enum Status { OK, FAILED }

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
                List.of());
    }

    public static Answer failed(int agentId, String instrumentId, String itemId, String failure, String rawText,
                                Provenance provenance) {
        return new Answer(agentId, instrumentId, itemId, 0, null, Status.FAILED, failure, rawText, provenance, List.of());
    }

    public Answer withModules(List<ModuleAnswer> records) {
        return new Answer(agentId, instrumentId, itemId, choice, distribution, status, failure, rawText, provenance,
                records);
    }

    public boolean isOk() {
        return status == Status.OK;
    }
}
