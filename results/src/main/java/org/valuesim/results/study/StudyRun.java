package org.valuesim.results.study;

import org.valuesim.results.record.Summary;

/**
 * One run of a study as its folder was found: which condition and replicate it is, how it ended, and (when it
 * completed) its summary read back from summary.json: a run's, or an individual-accuracy run's.
 *
 * @param folder  relative to the study folder ({@code runs/<condition>-r<k>})
 * @param status  as {@link StudySummary.Run#status()}
 * @param reason  why it failed or stopped, or null
 * @param summary the run's summary when it completed, else null
 */
public record StudyRun(String condition, int replicate, long seed, String folder, String status, String reason,
                       Summary summary) {

    public static final String COMPLETED = "completed";
    public static final String NOT_RUN = "not-run";

    public boolean completed() {
        return summary != null;
    }
}
