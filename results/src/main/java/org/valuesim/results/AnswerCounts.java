package org.valuesim.results;

import org.valuesim.core.respond.Answer;

/**
 * Running counts over every answer recorded in a run. Model calls, cache hits and retries are counted
 * by the model gateways, since identical requests share one call.
 */
public final class AnswerCounts {

    private long answers;
    private long ok;
    private long failed;
    private long tokensIn;
    private long tokensOut;

    public void add(Answer answer) {
        answers++;
        if (answer.isOk()) {
            ok++;
        } else {
            failed++;
        }
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

    /** Prompt tokens over the answers (a shared call counts for each answer that used it). */
    public long tokensIn() {
        return tokensIn;
    }

    public long tokensOut() {
        return tokensOut;
    }
}
