package org.valuesim.core.llm;

/** The next call could cost more than what is left of the run's budget-usd. */
public final class BudgetExceeded extends CallsStopped {

    private static final long serialVersionUID = 1L;

    public BudgetExceeded(String message) {
        super(message);
    }
}
