package org.valuesim.results.record;

import java.util.HashMap;
import java.util.Map;
import org.valuesim.core.respond.Answer;

/**
 * Running counts over every answer recorded in a run, and how often each failure reason was given. Model calls, cache
 * hits and retries are counted by the model gateways, since identical requests share one call.
 */
public final class AnswerCounts {

    /** Reasons kept apart; beyond these, further new reasons are counted only as failures. */
    private static final int MAX_REASONS = 10_000;

    private long answers;
    private long ok;
    private long failed;
    private long tokensIn;
    private long tokensOut;
    private final Map<String, Long> reasons = new HashMap<>();

    public void add(Answer answer) {
        answers++;
        if (answer.isOk()) {
            ok++;
        } else {
            failed++;
            if (reasons.size() < MAX_REASONS || reasons.containsKey(answer.failure())) {
                reasons.merge(answer.failure(), 1L, Long::sum);
            }
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

    /**
     * The failures of these counts and others' (answers and moves) together: how many, and the commonest reason; null
     * when none failed.
     */
    public static RunManifest.Failures failures(AnswerCounts... counts) {
        Map<String, Long> all = new HashMap<>();
        long failed = 0;
        for (AnswerCounts c : counts) {
            failed += c.failed;
            c.reasons.forEach((reason, n) -> all.merge(reason, n, Long::sum));
        }
        if (failed == 0) {
            return null;
        }
        Map.Entry<String, Long> commonest = all.entrySet().stream()
                .min(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .orElse(Map.entry("", 0L));
        return new RunManifest.Failures(failed, all.size(), commonest.getKey(), commonest.getValue());
    }
}
