package org.valuesim.scenarios.cluster;

/** Told how the cluster is doing, for the coordinator's progress bar. */
public interface GridProgress {

    GridProgress NONE = new GridProgress() {
    };

    /** The members now in the cluster. */
    default void members(int count) {
    }

    /** A block came back; {@code calls} model calls were made for the run since the member last reported. */
    default void blockDone(long calls) {
    }

    /**
     * The coordinator lost the cluster for good (no member within the connect timeout): told once, before any
     * question still out is failed, so the run can be stopped as interrupted (and resumed) instead of recording
     * failed answers.
     */
    default void clusterLost() {
    }
}
