package org.valuesim.scenarios.cluster;

import java.io.Serializable;

/**
 * What a member needs to answer a run's questions, sent with each task: the scenario as run (defaults filled,
 * overrides applied), where it lives (its relative paths resolve against that folder on the member too), and the
 * seed and cache mode. No API key travels: each member reads its own from its environment.
 *
 * @param runId     unique per run of the coordinator, so members keep one respondent per run
 * @param cacheMode USE, REFRESH or OFF
 * @param ledger    whether the run has a budget-usd, so that priced calls go through its ledger in the cluster
 *                  ({@link GridBudget})
 */
public record RunSpec(String runId, String scenarioPath, String yaml, long seed, String cacheMode, boolean ledger)
        implements Serializable {
}
