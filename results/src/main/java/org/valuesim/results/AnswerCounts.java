package org.valuesim.results;

/** Running counts over every answer recorded in a run. */
public final class AnswerCounts {

    private long answers;
    private long ok;
    private long failed;
    private long cacheHits;
    private long modelCalls;
    private long retries;
    private long tokensIn;
    private long tokensOut;

    void add(org.valuesim.core.respond.Answer answer) {
        answers++;
        if (answer.isOk()) {
            ok++;
        } else {
            failed++;
        }
        if (answer.provenance().cacheHit()) {
            cacheHits++;
        }
        var from = answer.provenance();
        if (!from.model().isEmpty() && !from.cacheHit()) {
            modelCalls += from.attempts();
        }
        retries += Math.max(0, from.attempts() - 1);
        tokensIn += answer.provenance().tokensIn();
        tokensOut += answer.provenance().tokensOut();
    }

    public long answers() {
        return answers;
    }

    public long ok() {
        return ok;
    }

    public long failed() {
        return failed;
    }

    public long cacheHits() {
        return cacheHits;
    }

    /** Calls that reached a model (embedded answers and cache hits make none). */
    public long modelCalls() {
        return modelCalls;
    }

    /** Attempts beyond the first, over all answers. */
    public long retries() {
        return retries;
    }

    public long tokensIn() {
        return tokensIn;
    }

    public long tokensOut() {
        return tokensOut;
    }
}
