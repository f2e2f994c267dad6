package org.valuesim.scenarios.cluster;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.valuesim.core.llm.GatewayStats;

/**
 * A block's answers as they travel back: one response-log line per question, in question order, and each model's
 * figures (calls, cache hits, tokens, latencies) counted on the member since it last reported, for the
 * coordinator's manifest and calls/s. When the run's calls were stopped (budget-usd reached) the block has no
 * answers, only the stop (and the figures of the calls made).
 *
 * @param models  figures by model name; models without any are left out
 * @param stopped why calls were stopped, or null
 * @param budget  whether budget-usd stopped them (else a provider refused a batch)
 */
record BlockAnswers(List<String> answers, Map<String, GatewayStats.Tally> models, String stopped, boolean budget)
        implements Serializable {

    /** Model calls made (retries included) over every model. */
    long calls() {
        return models.values().stream().mapToLong(GatewayStats.Tally::calls).sum();
    }
}
