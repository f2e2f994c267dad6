package org.valuesim.scenarios.run;

import org.valuesim.core.llm.ModelGateway;
import org.valuesim.core.respond.Respondent;
import org.valuesim.scenarios.scenario.InputException;

/** Where a run's questions are answered: on this machine (the default), or by a cluster's members. */
@FunctionalInterface
public interface Placement {

    Placement HERE = (plan, mode, models, local, agents) -> local;

    /**
     * @param models the run's models here (its budget, and where the cost of calls made elsewhere is added)
     * @param local  the respondent as this machine builds it
     * @param agents the run's agents (ids 0 .. agents - 1)
     * @return the respondent the run asks
     */
    Respondent place(RunPlan plan, ModelGateway.CacheMode mode, Models models, Respondent local, int agents)
            throws InputException;

    /** How many runs of a study may go at once: one here; several on a cluster, so that its members stay busy. */
    default int runsAtOnce() {
        return 1;
    }
}
