package org.valuesim.scenarios.run;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.valuesim.core.cache.SqliteCallCache;
import org.valuesim.core.llm.AnthropicBackend;
import org.valuesim.core.llm.CallCache;
import org.valuesim.core.llm.GatewayConfig;
import org.valuesim.core.llm.GatewayStats;
import org.valuesim.core.llm.ModelAccounting;
import org.valuesim.core.llm.ModelBackend;
import org.valuesim.core.llm.OllamaBackend;
import org.valuesim.core.llm.ModelGateway;
import org.valuesim.core.llm.ChatCompletionsBackend;
import org.valuesim.core.cost.Budget;
import org.valuesim.core.cost.Pricing;
import org.valuesim.core.cost.SpendingLimit;
import org.valuesim.core.llm.ModelOptions;
import org.valuesim.core.llm.Spending;
import org.valuesim.core.llm.WireCodec;
import org.valuesim.core.llm.batch.AnthropicBatchProtocol;
import org.valuesim.core.llm.batch.BatchDispatcher;
import org.valuesim.core.llm.batch.BatchJournal;
import org.valuesim.core.llm.batch.BatchListener;
import org.valuesim.core.llm.batch.BatchProtocol;
import org.valuesim.core.llm.batch.OpenAiBatchProtocol;
import org.valuesim.scenarios.bench.StoryModels;
import org.valuesim.scenarios.scenario.InputException;
import org.valuesim.scenarios.scenario.Scenario;
import org.valuesim.scenarios.scenario.ScenarioFile;

/**
 * The models of a scenario, built on first use: one gateway per {@code models:} entry, all sharing the
 * scenario's cache file (default .valuesim/cache.db). API keys are read from the environment variables
 * the scenario names, and only handed to the backend. Models with {@code pricing:} are priced; with the
 * scenario's {@code budget-usd:} every call is checked against one budget; models with {@code submit: batch}
 * send the simulation's calls through their provider's batch API once {@link #enableBatches} is called.
 */
public final class Models implements AutoCloseable {

    public static final String DEFAULT_CACHE = ".valuesim/cache.db";
    static final int DEFAULT_MAX_IN_FLIGHT = 64;
    static final Duration TIMEOUT = Duration.ofSeconds(120);
    /** How often a batch's status is asked, unless the model says (batch-poll-seconds). */
    static final double DEFAULT_POLL_SECONDS = 30;
    /** Gathered batch calls that no barrier flushes go after this long without a new call. */
    static final Duration BATCH_QUIET = Duration.ofSeconds(2);
    /** Output tokens a reasoning model may spend thinking before it answers, unless the model says. */
    static final int DEFAULT_REASONING_TOKENS = 2048;

    private final ScenarioFile file;
    private final ModelGateway.CacheMode mode;
    private final Map<String, ModelGateway> gateways = new LinkedHashMap<>();
    private final Map<String, BatchDispatcher> batches = new LinkedHashMap<>();
    private final Map<String, Checked> checks = new LinkedHashMap<>();
    private final Budget budget;
    /**
     * The figures of models called on a cluster's members and not (yet) by a gateway of this JVM, by name; a gateway
     * built later takes them over. Guarded by itself, with every write to {@code gateways}.
     */
    private final Map<String, GatewayStats> elsewhere = new LinkedHashMap<>();
    /** A cache several runs share (a study's), which closing these models leaves open; null for the scenario's own. */
    private final CallCache shared;
    private final Layers layers;
    private CallCache cache;
    private BatchJournal journal;
    private BatchListener batchListener = BatchListener.NONE;
    private java.util.function.BiFunction<String, ModelGateway, org.valuesim.core.llm.Dispatcher> dispatchAll;

    /**
     * What a cluster member puts around the models: its own cache file (instead of the scenario's, which names a
     * file on the coordinator's machine), the cluster's cache in front of it, and the backend behind the cluster's
     * one-call-per-request guard (given the model's name), and the run's spending limit that every member shares.
     *
     * @param cacheFile the cache file, or null for the scenario's
     * @param budget    what priced calls are checked against instead of the scenario's budget-usd, or null
     */
    public record Layers(Path cacheFile, java.util.function.UnaryOperator<CallCache> cache,
                         java.util.function.BiFunction<String, ModelBackend, ModelBackend> backend,
                         SpendingLimit budget) {

        public static final Layers NONE = new Layers(null, c -> c, (name, b) -> b, null);
    }

    public Models(ScenarioFile file, ModelGateway.CacheMode mode) {
        this(file, mode, 0);
    }

    /** @param spentBefore what the run being resumed already spent, counted against budget-usd */
    public Models(ScenarioFile file, ModelGateway.CacheMode mode, double spentBefore) {
        this(file, mode, spentBefore, null, Layers.NONE);
    }

    /** @param shared a cache the caller opened and closes (a study's), used instead of the scenario's cache file */
    public Models(ScenarioFile file, ModelGateway.CacheMode mode, double spentBefore, CallCache shared) {
        this(file, mode, spentBefore, shared, Layers.NONE);
    }

    /** A cluster member's models (see {@link Layers}). */
    public Models(ScenarioFile file, ModelGateway.CacheMode mode, Layers layers) {
        this(file, mode, 0, null, layers);
    }

    private Models(ScenarioFile file, ModelGateway.CacheMode mode, double spentBefore, CallCache shared,
                   Layers layers) {
        this.file = file;
        this.mode = mode;
        Double limit = file.scenario().budgetUsd();
        this.budget = limit == null ? null : new Budget(limit, spentBefore);
        this.shared = shared;
        this.layers = layers;
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
        Checked checked = check(file, name, pointer, dispatchAll == null);
        Scenario.Model m = checked.model();
        ModelGateway gateway = new ModelGateway(layers.backend().apply(name, backend(checked)),
                config(checked, checked.maxInFlight()), cache(), mode);
        Pricing pricing = pricing(m);
        if (pricing != null) {
            gateway.stats().pricing(pricing);
            SpendingLimit limit = layers.budget() != null ? layers.budget() : budget;
            if (limit != null) {
                gateway.spend(new Spending(name, pricing, limit));
            }
        }
        synchronized (elsewhere) {
            gateways.put(name, gateway);
            GatewayStats before = elsewhere.remove(name);
            if (before != null) {
                gateway.stats().add(before.drain());
            }
        }
        checks.put(name, checked);
        if (dispatchAll != null) {
            gateway.dispatchTo(dispatchAll.apply(name, gateway));
        }
        if (journal != null) {
            batchThrough(name, gateway, checked);
        }
        return gateway;
    }

    /**
     * A gateway of its own for a model, with no cache and the given calls in flight (check-model measures the
     * live server); the caller closes it.
     */
    public ModelGateway uncachedGateway(String name, String pointer, int maxInFlight) throws InputException {
        Checked checked = check(file, name, pointer);
        ModelGateway gateway = new ModelGateway(backend(checked), config(checked, maxInFlight), CallCache.NONE,
                ModelGateway.CacheMode.OFF);
        Pricing pricing = pricing(checked.model());
        if (pricing != null) {
            gateway.stats().pricing(pricing);
        }
        return gateway;
    }

    private static ModelBackend backend(Checked checked) {
        Scenario.Model m = checked.model();
        Duration timeout = m.timeoutSeconds() == null ? TIMEOUT : Duration.ofMillis(Math.round(m.timeoutSeconds() * 1000));
        ModelOptions options = options(m);
        return switch (m.provider()) {
            case OPENAI_COMPATIBLE -> new ChatCompletionsBackend(m.model(), checked.key(), timeout, options);
            case OLLAMA -> new OllamaBackend(m.model(), timeout, options);
            case ANTHROPIC -> new AnthropicBackend(m.model(), checked.key(), timeout, options);
        };
    }

    private static GatewayConfig config(Checked checked, int maxInFlight) {
        Scenario.Model m = checked.model();
        GatewayConfig defaults = GatewayConfig.of(checked.urls(), maxInFlight);
        return new GatewayConfig(defaults.baseUrls(), defaults.maxInFlight(),
                m.maxAttempts() == null ? defaults.maxAttempts() : m.maxAttempts(),
                m.retryBackoffMs() == null ? defaults.initialBackoff() : Duration.ofMillis(m.retryBackoffMs()),
                defaults.maxBackoff(), defaults.benchAfterFailures(), defaults.benchFor())
                .withRateLimits(m.requestsPerMinute() == null ? 0 : m.requestsPerMinute(),
                        m.tokensPerMinute() == null ? 0 : m.tokensPerMinute());
    }

    /** How the scenario asks a model beyond each call's sampling. */
    /** A model's max-in-flight: as given, or the default. */
    public static int maxInFlight(Scenario.Model m) {
        return m.maxInFlight() == null ? DEFAULT_MAX_IN_FLIGHT : m.maxInFlight();
    }

    public static ModelOptions options(Scenario.Model m) {
        boolean reasons = m.reasoningEffort() != null && !"none".equals(m.reasoningEffort());
        int reasoningTokens = m.reasoningTokens() != null ? m.reasoningTokens() : reasons ? DEFAULT_REASONING_TOKENS : 0;
        return new ModelOptions(m.promptCache() == null || m.promptCache(), m.reasoningEffort(), reasoningTokens,
                m.temperature() != null || m.reasoningEffort() == null);
    }

    /** The model's prices with their defaults, or null when it has none. */
    public static Pricing pricing(Scenario.Model m) {
        Scenario.Pricing p = m.pricing();
        if (p == null) {
            return null;
        }
        return new Pricing(p.input(), p.cachedInput() == null ? p.input() : p.cachedInput(),
                p.cacheWrite() == null ? p.input() : p.cacheWrite(), p.output(),
                p.batchDiscount() == null ? DEFAULT_BATCH_DISCOUNT : p.batchDiscount());
    }

    /** OpenAI's and Anthropic's batch APIs both halve every price. */
    static final double DEFAULT_BATCH_DISCOUNT = 0.5;

    /**
     * From now on, models with {@code submit: batch} send the calls the cache cannot answer through their
     * provider's batch API, journaled in the run folder. (Before, while the population is built, calls go live:
     * the llm backstory writer waits for one story at a time.)
     */
    public void enableBatches(java.nio.file.Path runDir, BatchListener listener) {
        journal = new BatchJournal(runDir);
        batchListener = listener;
        gateways.forEach((name, gateway) -> batchThrough(name, gateway, checks.get(name)));
    }

    private void batchThrough(String name, ModelGateway gateway, Checked checked) {
        Scenario.Model m = checked.model();
        if (m.submit() != Scenario.Submit.BATCH || batches.containsKey(name)) {
            return;
        }
        int attempts = m.maxAttempts() == null ? 5 : m.maxAttempts();
        Duration backoff = Duration.ofMillis(m.retryBackoffMs() == null ? 500 : m.retryBackoffMs());
        BatchProtocol protocol = m.provider() == Scenario.Provider.ANTHROPIC
                ? new AnthropicBatchProtocol(checked.urls().get(0), checked.key(), attempts, backoff)
                : new OpenAiBatchProtocol(checked.urls().get(0), checked.key(), attempts, backoff);
        double poll = m.batchPollSeconds() == null ? DEFAULT_POLL_SECONDS : m.batchPollSeconds();
        BatchDispatcher dispatcher = new BatchDispatcher(name, gateway, (WireCodec) gateway.backend(), protocol, journal,
                batchListener, Duration.ofMillis(Math.round(poll * 1000)), BATCH_QUIET);
        gateway.dispatchTo(dispatcher);
        batches.put(name, dispatcher);
    }

    /**
     * Sends every call the cache cannot answer, of every model built from now on, to a dispatcher made for it (an
     * estimate's recorder, which calls nothing); keys are then not needed.
     */
    public void dispatchAllTo(java.util.function.BiFunction<String, ModelGateway, org.valuesim.core.llm.Dispatcher> make) {
        this.dispatchAll = make;
    }

    /** A phase's barrier: every call of the phase is in flight, so batch-mode models submit what they gathered. */
    public void flushBatches() {
        batches.values().forEach(BatchDispatcher::flush);
    }

    /** Whether any model of the scenario has prices. */
    public boolean priced() {
        var models = file.scenario().models();
        return models != null && models.values().stream().anyMatch(m -> m.pricing() != null);
    }

    /** What the run's calls cost so far over every priced model (here and, for a cluster's run, on its members). */
    public double cost() {
        return stats().values().stream().mapToDouble(GatewayStats::cost).sum();
    }

    /**
     * Adds a model's figures counted on a cluster's member (its calls, cache hits, tokens and latencies), so that
     * the manifest, the cost and the notes cover the whole cluster.
     */
    public void madeElsewhere(String name, GatewayStats.Tally tally) {
        synchronized (elsewhere) {
            ModelGateway here = gateways.get(name);
            GatewayStats stats = here != null ? here.stats() : elsewhere.computeIfAbsent(name, n -> {
                GatewayStats fresh = new GatewayStats();
                Pricing prices = pricing(file.scenario().models().get(n));
                if (prices != null) {
                    fresh.pricing(prices);
                }
                return fresh;
            });
            stats.add(tally);
        }
    }

    /**
     * Each model's accounting as it runs, by name: the gateways' of this JVM in the order they were built, then those
     * of models only called on a cluster's members.
     */
    public Map<String, GatewayStats> stats() {
        synchronized (elsewhere) {
            Map<String, GatewayStats> out = new LinkedHashMap<>();
            gateways.forEach((name, g) -> out.put(name, g.stats()));
            out.putAll(elsewhere);
            return out;
        }
    }

    /** The run's budget, or null without budget-usd. */
    public Budget budget() {
        return budget;
    }

    /** Notes for the user about how calls were answered (log-probabilities asked for and missing). */
    public List<String> notes() {
        List<String> notes = new ArrayList<>();
        stats().forEach((name, stats) -> {
            long missing = stats.logprobsMissing();
            if (missing > 0) {
                notes.add("model " + name + " returned no log-probabilities for " + missing + " call"
                        + (missing == 1 ? "" : "s") + " that asked for them; those answers were read by sampling "
                        + "(set answer-mode: sample for this model)");
            }
        });
        return notes;
    }

    /** A model entry that passed the checks, with its key read from the environment. */
    record Checked(Scenario.Model model, List<String> urls, String key, int maxInFlight) {
    }

    /**
     * Checks a model entry (provider, model, URLs, that its key variable is set) without building anything,
     * so that {@code validate} and the planner find every problem before a file is written or a call made.
     */
    public static Checked check(ScenarioFile file, String name, String pointer) throws InputException {
        return check(file, name, pointer, true);
    }

    /**
     * @param keys whether the key's environment variable must be set (not for an estimate, which calls nothing)
     */
    public static Checked check(ScenarioFile file, String name, String pointer, boolean keys) throws InputException {
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
        if (m.apiKeyEnv() != null && keys) {
            key = System.getenv(m.apiKeyEnv());
            if (key == null || key.isBlank()) {
                throw file.error(at + "/api-key-env", "the environment variable " + m.apiKeyEnv() + " is not set");
            }
        }
        int inFlight = maxInFlight(m);
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
        checkCostFields(file, at, m);
        return new Checked(m, urls, key, inFlight);
    }

    /** Batch submission, reasoning and prices: each field in range, each located when it is not. */
    private static void checkCostFields(ScenarioFile file, String at, Scenario.Model m) throws InputException {
        if (m.submit() == Scenario.Submit.BATCH && m.provider() == Scenario.Provider.OLLAMA) {
            throw file.error(at + "/submit", "ollama has no batch API; use submit: live");
        }
        if (m.reasoningEffort() != null && !m.reasoningEffort().matches("[a-z]{1,20}")) {
            throw file.error(at + "/reasoning-effort", "a level such as none, minimal, low, medium or high, got '"
                    + m.reasoningEffort() + "'");
        }
        if (m.reasoningTokens() != null && (m.reasoningTokens() < 0 || m.reasoningTokens() > 1_000_000)) {
            throw file.error(at + "/reasoning-tokens", "must be between 0 and 1000000, got " + m.reasoningTokens());
        }
        if (m.batchPollSeconds() != null && !(m.batchPollSeconds() > 0 && m.batchPollSeconds() <= 3600)) {
            throw file.error(at + "/batch-poll-seconds", "must be more than 0 and at most 3600, got "
                    + m.batchPollSeconds());
        }
        Scenario.Pricing p = m.pricing();
        if (p == null) {
            return;
        }
        String prices = at + "/pricing";
        if (p.input() == null) {
            throw file.error(prices, "give input: US dollars per million prompt tokens");
        }
        if (p.output() == null) {
            throw file.error(prices, "give output: US dollars per million completion tokens");
        }
        Map<String, Double> each = new LinkedHashMap<>();
        each.put("input", p.input());
        each.put("cached-input", p.cachedInput());
        each.put("cache-write", p.cacheWrite());
        each.put("output", p.output());
        for (var e : each.entrySet()) {
            if (e.getValue() != null && !(e.getValue() >= 0 && e.getValue() <= 100_000)) {
                throw file.error(prices + "/" + e.getKey(), "US dollars per million tokens, between 0 and 100000, got "
                        + e.getValue());
            }
        }
        if (p.batchDiscount() != null && !(p.batchDiscount() >= 0 && p.batchDiscount() < 1)) {
            throw file.error(prices + "/batch-discount", "the share taken off in a batch, at least 0 and below 1 "
                    + "(0.5 is half price), got " + p.batchDiscount());
        }
        if (p.cacheMinTokens() != null && p.cacheMinTokens() < 0) {
            throw file.error(prices + "/cache-min-tokens", "must not be negative, got " + p.cacheMinTokens());
        }
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

    /** The scenario's models as bench's story writer reaches them: a model's gateway and temperature by its name. */
    public StoryModels storyModels() {
        return name -> {
            if (!file.scenario().models().containsKey(name)) {
                return Optional.empty();
            }
            return Optional.of(new StoryModels.StoryModel(gateway(name, "/models/" + name), temperature(name)));
        };
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
            } else if (shared != null) {
                cache = shared;
            } else {
                String path = file.scenario().cache() == null ? DEFAULT_CACHE : file.scenario().cache();
                try {
                    cache = layers.cache().apply(SqliteCallCache.open(
                            layers.cacheFile() != null ? layers.cacheFile() : Path.of(path), 100_000));
                } catch (IOException e) {
                    throw file.error("/cache", e.getMessage());
                }
            }
        }
        return cache;
    }

    /** Every gateway's accounting, by model name, with each batch it submitted. */
    public Map<String, ModelAccounting> accounting() {
        Map<String, ModelAccounting> out = new LinkedHashMap<>();
        stats().forEach((name, stats) -> {
            BatchDispatcher dispatcher = batches.get(name);
            out.put(name, dispatcher == null ? stats.snapshot() : stats.snapshot().withBatchJobs(dispatcher.jobs()));
        });
        return out;
    }

    /** The sum of one accounting figure over every model. */
    public long total(java.util.function.ToLongFunction<ModelAccounting> figure) {
        return stats().values().stream().mapToLong(s -> figure.applyAsLong(s.snapshot())).sum();
    }

    @Override
    public void close() {
        batches.values().forEach(BatchDispatcher::close);
        gateways.values().forEach(ModelGateway::close);
        if (cache != null && cache != shared) {
            cache.close();
        }
    }
}
