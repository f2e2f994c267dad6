package org.valuesim.core.llm;

/**
 * The run must stop asking models: the budget would be exceeded, or a provider rejected a batch. A call that ends
 * this way has no answer, and nothing downstream records it as a failed one: the run stops, and a resumed run asks
 * again whatever was not answered.
 */
public class CallsStopped extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CallsStopped(String message) {
        super(message);
    }

    public CallsStopped(String message, Throwable cause) {
        super(message, cause);
    }

    /** Throws on (wrapped for a future's chain) when a throwable is a stop, so that no one records it as an answer. */
    public static void rethrowIfStopped(Throwable t) {
        CallsStopped stop = in(t);
        if (stop != null) {
            throw new java.util.concurrent.CompletionException(stop);
        }
    }

    /** The stop somewhere in a throwable's causes, or null. */
    public static CallsStopped in(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof CallsStopped stop) {
                return stop;
            }
        }
        return null;
    }
}
