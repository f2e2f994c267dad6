package org.valuesim.scenarios.probe;

import java.util.List;
import java.util.Map;

/**
 * What a model showed on the calibration items, and what to set for it.
 *
 * @param prompts              calibration prompts sent
 * @param answered             of them, answered by the protocol
 * @param firstFailure         why a call failed, or empty
 * @param logprobsProtocol     whether log-probabilities were asked for
 * @param withLogprobs         answers that carried first-token log-probabilities
 * @param logprobsNamingOption of those, answers whose alternatives name an option
 * @param tokens               the first answer's top alternatives (up to 8), as the server spelled them
 * @param readable             answers whose text names an option
 * @param chosen               how often each option was chosen, by value
 * @param modalShare           the most chosen option's share of the readable answers
 * @param personaContrast      how much more the power persona than the benevolence persona sees itself in the
 *                             self-enhancement portraits than in the self-transcendence ones, in scale points (NaN
 *                             without readable answers from both)
 * @param levels               latency and throughput at each in-flight level
 * @param prefix               the long prefix asked twice
 */
public record ProbeReport(int prompts, long answered, String firstFailure, boolean logprobsProtocol, int withLogprobs,
                          int logprobsNamingOption, List<String> tokens, int readable, Map<Integer, Integer> chosen,
                          double modalShare, double personaContrast, List<Level> levels, Prefix prefix) {

    /**
     * One in-flight level: calls made and answered, latency percentiles (milliseconds) and answered calls per second.
     */
    public record Level(int inFlight, int calls, int answered, long p50, long p90, long p99, double callsPerSecond) {
    }

    /**
     * @param tried         both calls answered
     * @param promptTokens  the repeat's prompt tokens
     * @param cachedTokens  of them, what the server said it read from its prompt cache
     */
    public record Prefix(boolean tried, long promptTokens, long cachedTokens, long firstMs, long repeatMs) {
    }

    /** The first calibration call got no answer. */
    static ProbeReport unanswered(String failure) {
        return new ProbeReport(1, 0, failure, false, 0, 0, List.of(), 0, Map.of(), 0, Double.NaN, List.of(),
                new Prefix(false, 0, 0, 0, 0));
    }

    /** logprobs when they come back naming an option for (nearly) every answer, else sample. */
    public String recommendedAnswerMode() {
        return logprobsProtocol && answered > 0 && logprobsNamingOption >= 0.9 * answered ? "logprobs" : "sample";
    }

    /**
     * The highest level whose median latency stays within twice one call's alone and that still gains throughput;
     * the server is saturated beyond it.
     */
    public int recommendedMaxInFlight() {
        if (levels.isEmpty()) {
            return 1;
        }
        Level base = levels.get(0);
        Level best = base;
        for (Level l : levels) {
            if (l.answered() > 0 && l.p50() <= ModelProbe.LATENCY_GROWTH * Math.max(1, base.p50())
                    && l.callsPerSecond() >= best.callsPerSecond()) {
                best = l;
            }
        }
        return best.inFlight();
    }

    public boolean piledOnOne() {
        return readable > 0 && modalShare >= ModelProbe.PILED;
    }
}
