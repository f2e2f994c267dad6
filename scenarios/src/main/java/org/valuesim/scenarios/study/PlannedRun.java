package org.valuesim.scenarios.study;

import org.valuesim.scenarios.run.RunPlan;

/**
 * One run of a study, planned and checked: a condition's scenario with the replicate's seed, resolved into the
 * plan {@code valuesim run} would make of it. What an executor (this JVM, or a cluster member) runs, and what an
 * estimate prices.
 *
 * @param folder the run's folder relative to the study folder: {@code runs/<condition>-r<replicate>}
 */
public record PlannedRun(StudyCondition condition, int replicate, long seed, String folder, RunPlan plan) {

    /** The run's name: its folder's last part. */
    public String name() {
        return folder.substring(folder.lastIndexOf('/') + 1);
    }
}
