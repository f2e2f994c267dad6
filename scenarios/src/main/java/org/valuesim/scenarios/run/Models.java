package org.valuesim.scenarios.run;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.valuesim.core.cache.CallCache;
import org.valuesim.core.cache.SqliteCallCache;
import org.valuesim.core.llm.AnthropicBackend;
import org.valuesim.core.llm.GatewayConfig;
import org.valuesim.core.llm.ModelAccounting;
import org.valuesim.core.llm.ModelBackend;
import org.valuesim.core.llm.OllamaBackend;
import org.valuesim.core.llm.ModelGateway;
import org.valuesim.core.llm.OpenAiCompatibleBackend;
import org.valuesim.scenarios.scenario.InputException;
import org.valuesim.scenarios.scenario.Scenario;
import org.valuesim.scenarios.scenario.ScenarioFile;

/**
 * The models of a scenario, built on first use: one gateway per {@code models:} entry, all sharing the
 * scenario's cache file (default .valuesim/cache.db). API keys are read from the environment variables
 * the scenario names, and only handed to the backend.
 */
public final class Models implements AutoCloseable {

    public static final String DEFAULT_CACHE = ".valuesim/cache.db";
    static final int DEFAULT_MAX_IN_FLIGHT = 64;
    static final Duration TIMEOUT = Duration.ofSeconds(120);

    private final ScenarioFile file;
    private final ModelGateway.CacheMode mode;
    private final Map<String, ModelGateway> gateways = new LinkedHashMap<>();
    private CallCache cache;

    public Models(ScenarioFile file, ModelGateway.CacheMode mode) {
        this.file = file;
        this.mode = mode;
    }

    /**
     * The gateway of a model, checked before any call.
     *
     * @param pointer where the scenario names the model (for errors)
     */
    public ModelGateway gateway(String name, String pointer) throws InputException {
        ModelGateway existing = gateways.get(name);
        if (existing != null) {
            return existing;
        }
        Checked checked = check(file, name, pointer);
        Scenario.Model m = checked.model();
        Duration timeout = m.timeoutSeconds() == null ? TIMEOUT : Duration.ofMillis(Math.round(m.timeoutSeconds() * 1000));
        ModelBackend backend = switch (m.provider()) {
            case OPENAI_COMPATIBLE -> new OpenAiCompatibleBackend(m.model(), checked.key(), timeout);
            case OLLAMA -> new OllamaBackend(m.model(), timeout);
            case ANTHROPIC -> new AnthropicBackend(m.model(), checked.key(), timeout);
        };
        GatewayConfig defaults = GatewayConfig.of(checked.urls(), checked.maxInFlight());
        GatewayConfig config = new GatewayConfig(defaults.baseUrls(), defaults.maxInFlight(),
                m.maxAttempts() == null ? defaults.maxAttempts() : m.maxAttempts(),
                m.retryBackoffMs() == null ? defaults.initialBackoff() : Duration.ofMillis(m.retryBackoffMs()),
                defaults.maxBackoff(), defaults.benchAfterFailures(), defaults.benchFor())
                .withRateLimits(m.requestsPerMinute() == null ? 0 : m.requestsPerMinute(),
                        m.tokensPerMinute() == null ? 0 : m.tokensPerMinute());
        ModelGateway gateway = new ModelGateway(backend, config, cache(), mode);
        gateways.put(name, gateway);
        return gateway;
    }

    /** A model entry that passed the checks, with its key read from the environment. */
    record Checked(Scenario.Model model, List<String> urls, String key, int maxInFlight) {
    }

    /**
     * Checks a model entry (provider, model, URLs, that its key variable is set) without building anything,
     * so that {@code validate} and the planner find every problem before a file is written or a call made.
     */
    public static Checked check(ScenarioFile file, String name, String pointer) throws InputException {
        Map<String, Scenario.Model> models = file.scenario().models();
        if (name == null || models == null || !models.containsKey(name)) {
            throw file.error(pointer, "no model '" + name + "' under models");
        }
        Scenario.Model m = models.get(name);
        String at = "/models/" + name;
        if (m.provider() == null) {
            throw file.error(at + "/provider", "missing required field");
        }
        if (m.provider() != Scenario.Provider.OPENAI_COMPATIBLE && m.answerMode() == Scenario.AnswerMode.LOGPROBS) {
            throw file.error(at + "/answer-mode", m.provider().name().toLowerCase(java.util.Locale.ROOT)
                    + " returns no log-probabilities; use answer-mode: sample");
        }
        if (m.provider() == Scenario.Provider.ANTHROPIC && m.apiKeyEnv() == null) {
            throw file.error(at, "anthropic needs api-key-env: the name of the environment variable holding the key");
        }
        if (m.model() == null) {
            throw file.error(at + "/model", "missing required field");
        }
        List<String> urls = new ArrayList<>();
        if (m.baseUrl() != null) {
            urls.add(m.baseUrl());
        }
        if (m.baseUrls() != null) {
            urls.addAll(m.baseUrls());
        }
        if (urls.isEmpty()) {
            throw file.error(at, "give base-url or base-urls");
        }
        String key = null;
        if (m.apiKeyEnv() != null) {
            key = System.getenv(m.apiKeyEnv());
            if (key == null || key.isBlank()) {
                throw file.error(at + "/api-key-env", "the environment variable " + m.apiKeyEnv() + " is not set");
            }
        }
        int inFlight = m.maxInFlight() == null ? DEFAULT_MAX_IN_FLIGHT : m.maxInFlight();
        if (inFlight < 1 || inFlight > 100_000) {
            throw file.error(at + "/max-in-flight", "must be between 1 and 100000, got " + inFlight);
        }
        if (m.requestsPerMinute() != null && m.requestsPerMinute() < 0) {
            throw file.error(at + "/requests-per-minute", "must not be negative");
        }
        if (m.tokensPerMinute() != null && m.tokensPerMinute() < 0) {
            throw file.error(at + "/tokens-per-minute", "must not be negative");
        }
        if (m.timeoutSeconds() != null && !(m.timeoutSeconds() > 0 && m.timeoutSeconds() <= 3600)) {
            throw file.error(at + "/timeout-seconds", "must be more than 0 and at most 3600, got " + m.timeoutSeconds());
        }
        if (m.maxAttempts() != null && (m.maxAttempts() < 1 || m.maxAttempts() > 20)) {
            throw file.error(at + "/max-attempts", "must be between 1 and 20, got " + m.maxAttempts());
        }
        if (m.retryBackoffMs() != null && (m.retryBackoffMs() < 0 || m.retryBackoffMs() > 60_000)) {
            throw file.error(at + "/retry-backoff-ms", "must be between 0 and 60000, got " + m.retryBackoffMs());
        }
        if (m.samples() != null && (m.samples() < 1 || m.samples() > 1000)) {
            throw file.error(at + "/samples", "must be between 1 and 1000, got " + m.samples());
        }
        return new Checked(m, urls, key, inFlight);
    }

    /** How a model's answers are read: log-probabilities where the provider gives them, else samples. */
    public static Scenario.AnswerMode answerMode(Scenario.Model m) {
        if (m.answerMode() != null) {
            return m.answerMode();
        }
        return m.provider() == Scenario.Provider.OPENAI_COMPATIBLE ? Scenario.AnswerMode.LOGPROBS
                : Scenario.AnswerMode.SAMPLE;
    }

    public ScenarioFile scenarioFile() {
        return file;
    }

    /** The temperature the scenario sets for a model (default 0). */
    public double temperature(String name) {
        Scenario.Model m = file.scenario().models().get(name);
        return m.temperature() == null ? 0 : m.temperature();
    }

    private CallCache cache() throws InputException {
        if (cache == null) {
            if (mode == ModelGateway.CacheMode.OFF) {
                cache = CallCache.NONE;
            } else {
                String path = file.scenario().cache() == null ? DEFAULT_CACHE : file.scenario().cache();
                try {
                    cache = SqliteCallCache.open(Path.of(path), 100_000);
                } catch (IOException e) {
                    throw file.error("/cache", e.getMessage());
                }
            }
        }
        return cache;
    }

    /** Every gateway's accounting, by model name. */
    public Map<String, ModelAccounting> accounting() {
        Map<String, ModelAccounting> out = new LinkedHashMap<>();
        gateways.forEach((name, g) -> out.put(name, g.stats().snapshot()));
        return out;
    }

    /** The sum of one accounting figure over every model. */
    public long total(java.util.function.ToLongFunction<ModelAccounting> figure) {
        return gateways.values().stream().mapToLong(g -> figure.applyAsLong(g.stats().snapshot())).sum();
    }

    @Override
    public void close() {
        gateways.values().forEach(ModelGateway::close);
        if (cache != null) {
            cache.close();
        }
    }
}
