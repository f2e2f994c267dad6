package org.valuesim.scenarios.cluster;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import java.util.Map;
import org.valuesim.core.cost.Budget;
import org.valuesim.core.cost.SpendingLimit;

/**
 * A run's budget-usd shared by every member: one ledger per run in a cluster map (a {@link Budget.State}, whose steps
 * are those of one machine's budget), each reservation and settlement an entry processor on the ledger's key.
 * Hazelcast runs a key's entry processors one at a time on the partition that owns it, so the check and the update
 * are atomic across the cluster without the CP subsystem (which the Community edition lacks). A call reserves its
 * most possible cost there before it is made, as on one machine, so the members together never spend more than the
 * budget; once one call is refused, every member's later calls are too. Each reservation is one round trip to the
 * ledger's member (about a millisecond on a local network).
 */
final class GridBudget implements SpendingLimit {

    /** The ledgers' map in the cluster, by run id. */
    static final String MAP = "valuesim-budgets";

    private final IMap<String, Budget.State> ledgers;
    private final String runId;

    GridBudget(IMap<String, Budget.State> ledgers, String runId) {
        this.ledgers = ledgers;
        this.runId = runId;
    }

    /** Opens a run's ledger (the coordinator, before any block is sent); the run's end removes it. */
    static void open(IMap<String, Budget.State> ledgers, String runId, double limit, double spentBefore) {
        ledgers.set(runId, Budget.State.open(limit, spentBefore));
    }

    @Override
    public double limit() {
        Budget.State ledger = ledgers.get(runId);
        return ledger == null ? 0 : ledger.limit();
    }

    @Override
    public boolean reserve(double ceiling) {
        return Boolean.TRUE.equals(ledgers.executeOnKey(runId, new Reserve(ceiling)));
    }

    @Override
    public void settle(double ceiling, double cost) {
        ledgers.executeOnKey(runId, new Settle(ceiling, cost));
    }

    @Override
    public double spent() {
        Budget.State ledger = ledgers.get(runId);
        return ledger == null ? 0 : ledger.spent();
    }

    /** Reserves a call's ceiling when it fits; a run without a ledger (ended) reserves nothing. */
    private record Reserve(double ceiling) implements EntryProcessor<String, Budget.State, Boolean> {

        @Override
        public Boolean process(Map.Entry<String, Budget.State> entry) {
            Budget.State ledger = entry.getValue();
            if (ledger == null) {
                return false;
            }
            Budget.State next = ledger.reserve(ceiling);
            if (next != ledger) {
                entry.setValue(next);
            }
            return !next.stopped();
        }
    }

    /** Gives a reservation back for what the call cost. */
    private record Settle(double ceiling, double cost) implements EntryProcessor<String, Budget.State, Void> {

        @Override
        public Void process(Map.Entry<String, Budget.State> entry) {
            Budget.State ledger = entry.getValue();
            if (ledger != null) {
                entry.setValue(ledger.settle(ceiling, cost));
            }
            return null;
        }
    }
}
