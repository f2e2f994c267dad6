package org.valuesim.results.record;

import java.util.Map;
import org.valuesim.core.llm.ModelAccounting;

/**
 * manifest.json: what ran (versions, scenario, seed, respondent), when, with what status, and its accounting. It is
 * rewritten as a run goes (running, then completed, failed or interrupted); {@link Builder} keeps the parts known so
 * far. Parts a kind of run does not have are null and left out of the file.
 *
 * @param models   per model (a key of the scenario's models), its gateway's accounting
 * @param status   running, completed, failed, interrupted or budget
 * @param failures why answers and moves failed, when any did
 * @param error    why the run failed, when it did
 * @param logError why the response log could not be closed cleanly on an interrupt, when it could not
 * @param costUsd  what the run's calls cost at its models' prices (with what a resumed run had spent), when priced
 * @param budgetUsd the scenario's budget-usd, when it has one
 * @param notes    how calls were answered that the user should know (log-probabilities missing), when any
 */
public record RunManifest(String valuesimVersion, String javaVersion, String masonVersion, String scenario,
                          String scenarioFile, Long seed, String respondent, Map<String, ModelAccounting> models,
                          String started, String status, ResponseLog responseLog, String finished, Counts counts,
                          Failures failures, Timings timings, String error, String logError,
                          java.math.BigDecimal costUsd, Double budgetUsd, java.util.List<String> notes) {

    public static final String RUNNING = "running";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";
    public static final String INTERRUPTED = "interrupted";
    /** Stopped before a call could take the run past its budget-usd (resumable). */
    public static final String BUDGET = "budget";

    /**
     * Answers, moves and calls of the run. Answers and moves come from the results (a shared call counts for each
     * answer that used it); model calls, cache hits, shared requests and retries from the gateways.
     *
     * @param agents agents in the run (left out when interrupted before the population was known)
     */
    public record Counts(Integer agents, long answers, long okAnswers, long failedAnswers, long moves, long okMoves,
                         long failedMoves, long modelCalls, long cacheHits, long sharedRequests, long retries,
                         long tokensIn, long tokensOut) {
    }

    /**
     * Why answers and moves failed.
     *
     * @param count           failed answers and moves
     * @param distinctReasons how many different reasons were given
     * @param commonestReason the reason given most often (the first in text order among equally common ones)
     * @param commonestCount  how often it was given
     */
    public record Failures(long count, int distinctReasons, String commonestReason, long commonestCount) {
    }

    /** Phase timings in milliseconds and throughputs; a benchmark has only total_ms. */
    public record Timings(Long populationMs, Long simulationMs, Long resultsMs, Long totalMs, Long surveyMs,
                          Long answersPerSecond, Long dilemmasMs, Long movesPerSecond) {

        public static Timings total(long millis) {
            return new Timings(null, null, null, millis, null, null, null, null);
        }
    }

    /** The durable response log: its file, answers read back from it (on resume), and answers appended. */
    public record ResponseLog(String file, long readBack, long readMs, long appended) {
    }

    /** The manifest as it grows during a run; {@link #build()} makes the record to write. */
    public static final class Builder {
        private final String valuesimVersion;
        private final String javaVersion;
        private final String masonVersion;
        private String scenario;
        private String scenarioFile;
        private Long seed;
        private String respondent;
        private Map<String, ModelAccounting> models = Map.of();
        private String started;
        private String status = RUNNING;
        private ResponseLog responseLog;
        private String finished;
        private Counts counts;
        private Failures failures;
        private Timings timings;
        private String error;
        private String logError;
        private java.math.BigDecimal costUsd;
        private Double budgetUsd;
        private java.util.List<String> notes;

        public Builder(String valuesimVersion, String masonVersion) {
            this.valuesimVersion = valuesimVersion;
            this.javaVersion = System.getProperty("java.version");
            this.masonVersion = masonVersion;
        }

        /** The scenario (its name and file) and seed that ran. */
        public Builder scenario(String name, String file, long seed) {
            this.scenario = name;
            this.scenarioFile = file;
            this.seed = seed;
            return this;
        }

        public Builder respondent(String respondent) {
            this.respondent = respondent;
            return this;
        }

        public Builder started(java.time.Instant at) {
            this.started = at.toString();
            return this;
        }

        public Builder responseLog(ResponseLog figures) {
            this.responseLog = figures;
            return this;
        }

        /** The status and when it was reached. */
        public Builder finished(String status, java.time.Instant at) {
            this.status = status;
            this.finished = at.toString();
            return this;
        }

        public String status() {
            return status;
        }

        public Builder accounting(Counts counts, Failures failures, Map<String, ModelAccounting> models) {
            this.counts = counts;
            this.failures = failures;
            this.models = models;
            return this;
        }

        public Builder timings(Timings timings) {
            this.timings = timings;
            return this;
        }

        public Builder error(String error) {
            this.error = error;
            return this;
        }

        public Builder logError(String logError) {
            this.logError = logError;
            return this;
        }

        /** What the run spent on priced models and its budget (either null when the scenario has none). */
        public Builder cost(java.math.BigDecimal spentUsd, Double budget) {
            this.costUsd = spentUsd;
            this.budgetUsd = budget;
            return this;
        }

        /** Notes for the user; none are written when the list is empty. */
        public Builder notes(java.util.List<String> lines) {
            this.notes = lines.isEmpty() ? null : java.util.List.copyOf(lines);
            return this;
        }

        public RunManifest build() {
            return new RunManifest(valuesimVersion, javaVersion, masonVersion, scenario, scenarioFile, seed, respondent,
                    java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(models)), started, status,
                    responseLog, finished, counts, failures, timings, error, logError, costUsd, budgetUsd, notes);
        }
    }
}
