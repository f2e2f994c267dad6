package org.valuesim.scenarios.cluster;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import java.io.Serializable;
import java.util.Map;
import org.valuesim.core.cost.SpendingLimit;

/**
 * A run's budget-usd shared by every member: one ledger per run in a cluster map, each reservation and settlement an
 * entry processor on the ledger's key. Hazelcast runs a key's entry processors one at a time on the partition that
 * owns it, so the check and the update are atomic across the cluster without the CP subsystem (which the Community
 * edition lacks). A call reserves its most possible cost there before it is made, as on one machine, so the
 * members together never spend more than the budget; once one call is refused, every member's later calls are too.
 * Each reservation is one round trip to the ledger's member (about a millisecond on a local network).
 */
final class GridBudget implements SpendingLimit {

    /** The ledgers' map in the cluster, by run id. */
    static final String MAP = "valuesim-budgets";

    /** A run's spending as the cluster keeps it (spent includes what a resumed run had spent before). */
    record Ledger(double limit, double spent, double reserved, boolean stopped) implements Serializable {
    }

    private final IMap<String, Ledger> ledgers;
    private final String runId;

    GridBudget(IMap<String, Ledger> ledgers, String runId) {
        this.ledgers = ledgers;
        this.runId = runId;
    }

    /** Opens a run's ledger (the coordinator, before any block is sent); the run's end removes it. */
    static void open(IMap<String, Ledger> ledgers, String runId, double limit, double spentBefore) {
        ledgers.set(runId, new Ledger(limit, spentBefore, 0, false));
    }

    @Override
    public double limit() {
        Ledger ledger = ledgers.get(runId);
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
        Ledger ledger = ledgers.get(runId);
        return ledger == null ? 0 : ledger.spent();
    }

    /** Reserves a call's ceiling when it fits, as {@link org.valuesim.core.cost.Budget#reserve} does. */
    private record Reserve(double ceiling) implements EntryProcessor<String, Ledger, Boolean> {

        @Override
        public Boolean process(Map.Entry<String, Ledger> entry) {
            Ledger l = entry.getValue();
            if (l == null || l.stopped() || l.spent() + l.reserved() + ceiling > l.limit()) {
                if (l != null && !l.stopped()) {
                    entry.setValue(new Ledger(l.limit(), l.spent(), l.reserved(), true));
                }
                return false;
            }
            entry.setValue(new Ledger(l.limit(), l.spent(), l.reserved() + ceiling, false));
            return true;
        }
    }

    /** Gives a reservation back for what the call cost. */
    private record Settle(double ceiling, double cost) implements EntryProcessor<String, Ledger, Void> {

        @Override
        public Void process(Map.Entry<String, Ledger> entry) {
            Ledger l = entry.getValue();
            if (l != null) {
                entry.setValue(new Ledger(l.limit(), l.spent() + cost, Math.max(0, l.reserved() - ceiling), l.stopped()));
            }
            return null;
        }
    }
}
