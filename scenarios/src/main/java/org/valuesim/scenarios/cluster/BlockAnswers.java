package org.valuesim.scenarios.cluster;

import java.io.Serializable;
import java.util.List;

/**
 * A block's answers as they travel back: one response-log line per question, in question order, and the model
 * calls the member made since it last reported (for the coordinator's calls/s).
 */
record BlockAnswers(List<String> answers, long calls) implements Serializable {
}
