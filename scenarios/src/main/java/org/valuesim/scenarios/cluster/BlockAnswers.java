package org.valuesim.scenarios.cluster;

import java.io.Serializable;
import java.util.List;

/**
 * A block's answers as they travel back: one response-log line per question, in question order, and the model
 * calls the member made and what they cost since it last reported (for the coordinator's calls/s and manifest).
 * When the run's calls were stopped (budget-usd reached) the block has no answers, only the stop.
 *
 * @param stopped why calls were stopped, or null
 * @param budget  whether budget-usd stopped them (else a provider refused a batch)
 */
record BlockAnswers(List<String> answers, long calls, double cost, String stopped, boolean budget)
        implements Serializable {
}
