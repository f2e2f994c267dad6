package org.valuesim.core.llm;

import java.time.Duration;
import java.util.List;

/**
 * How a model is called.
 *
 * @param baseUrls           the endpoint pool (one or more servers of the same model)
 * @param maxInFlight        calls in flight at once
 * @param maxAttempts        attempts per call, the first included
 * @param initialBackoff     wait before the first retry; doubled each retry, with jitter, up to maxBackoff
 * @param benchAfterFailures consecutive failures that bench an endpoint
 * @param benchFor           how long a benched endpoint is skipped
 * @param requestsPerMinute  at most this many calls start in any minute (0: no limit)
 * @param tokensPerMinute    calls wait while this many tokens were used in the last minute (0: no limit)
 */
public record GatewayConfig(List<String> baseUrls, int maxInFlight, int maxAttempts, Duration initialBackoff,
                            Duration maxBackoff, int benchAfterFailures, Duration benchFor, int requestsPerMinute,
                            long tokensPerMinute) {

    public GatewayConfig(List<String> baseUrls, int maxInFlight, int maxAttempts, Duration initialBackoff,
                         Duration maxBackoff, int benchAfterFailures, Duration benchFor) {
        this(baseUrls, maxInFlight, maxAttempts, initialBackoff, maxBackoff, benchAfterFailures, benchFor, 0, 0);
    }

    public GatewayConfig {
        baseUrls = List.copyOf(baseUrls);
        if (baseUrls.isEmpty()) {
            throw new IllegalArgumentException("a model needs at least one base URL");
        }
        if (maxInFlight < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("max-in-flight and attempts must be at least 1");
        }
    }

    public static GatewayConfig of(List<String> baseUrls, int maxInFlight) {
        return new GatewayConfig(baseUrls, maxInFlight, 5, Duration.ofMillis(500), Duration.ofSeconds(30), 3,
                Duration.ofSeconds(30));
    }

    public GatewayConfig withRateLimits(int requestsPerMinute, long tokensPerMinute) {
        return new GatewayConfig(baseUrls, maxInFlight, maxAttempts, initialBackoff, maxBackoff, benchAfterFailures,
                benchFor, requestsPerMinute, tokensPerMinute);
    }
}
