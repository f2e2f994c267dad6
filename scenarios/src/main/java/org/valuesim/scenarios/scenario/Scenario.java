package org.valuesim.scenarios.scenario;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * A scenario file (README.md, "Scenario files"), as read; {@link ScenarioLoader} checks the required fields (so that
 * an unknown field is reported before a missing one) and fills in the defaults.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Scenario(
        String name,
        Long seed,
        Population population,
        Respondent respondent,
        Map<String, Model> models,
        List<String> instruments,
        List<Dilemma> dilemmas,
        String compareTo,
        List<String> compareOutcomes,
        Statistics statistics,
        String cache,
        Double budgetUsd,
        Accuracy accuracy) {

    /** A scenario without a budget, value-behaviour references or an accuracy section. */
    public Scenario(String name, Long seed, Population population, Respondent respondent, Map<String, Model> models,
                    List<String> instruments, List<Dilemma> dilemmas, String compareTo, Statistics statistics,
                    String cache) {
        this(name, seed, population, respondent, models, instruments, dilemmas, compareTo, null, statistics, cache, null,
                null);
    }

    /** Default relabellings for the RTHOR and Mantel p-values. */
    public static final int DEFAULT_PERMUTATIONS = 10_000;
    /** Default bootstrap resamples for the intervals of Tucker's phi, Pearson's r and the RTHOR CI. */
    public static final int DEFAULT_BOOTSTRAP = 1_000;

    /**
     * Individual-level accuracy instead of a survey (the protocol of {@code bench individuals}): each imported
     * person's answers are cut into folds, and every answer of a fold is predicted from a share (0, 25, 50, 75, 100%)
     * of the other folds' answers, by the respondent and by the majority and k-nearest-neighbour baselines.
     *
     * @param folds      folds per person (default 5), seeded by the run's seed
     * @param neighbours neighbours of the knn baseline (default 10)
     * @param parallel   people evaluated at once (default 16); their predictions wait on the model
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Accuracy(Integer folds, Integer neighbours, Integer parallel) {

        static Accuracy withDefaults(Accuracy a) {
            return a == null ? null : new Accuracy(a.folds() == null ? 5 : a.folds(),
                    a.neighbours() == null ? 10 : a.neighbours(), a.parallel() == null ? 16 : a.parallel());
        }
    }

    /**
     * How summary.json's statistics are computed.
     *
     * @param permutations relabellings for the RTHOR and Mantel p-values (default 10,000, seeded by the
     *                     run's seed); at least 10! = 3,628,800 makes RTHOR's p exact
     * @param bootstrap    resamples of the personas for the 95% intervals of the agreement statistics (default
     *                     1,000, seeded by the run's seed; 0 for none)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Statistics(Integer permutations, Integer bootstrap) {

        static Statistics withDefaults(Statistics s) {
            return new Statistics(s == null || s.permutations() == null ? DEFAULT_PERMUTATIONS : s.permutations(),
                    s == null || s.bootstrap() == null ? DEFAULT_BOOTSTRAP : s.bootstrap());
        }
    }

    /**
     * Who is simulated: {@code size} personas from a preset, or imported individuals.
     *
     * @param noDominantShare human-naive and human-even: the share of people with no dominant value (default: the
     *                        preset's)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Population(
            Integer size,
            String preset,
            Strategy strategy,
            Individuals individuals,
            Map<String, String> demographics,
            Double noDominantShare) {
    }

    /**
     * Real respondents as personas (the ValueSim path).
     *
     * @param heldOut         item ids and demographic attributes never shown to the personas
     * @param backstory       how backstories are written: template (default) or llm
     * @param backstoryModel  the model (a key of models) of the llm writer
     * @param backstoryPrompt a file with the llm writer's instructions, replacing the built-in ones
     * @param minCoverage     the llm writer rewrites stories that keep less of the profile (default 0.9; valuesim
     *                        protocol only)
     * @param maxAttempts     stories the llm writer may write per persona (default 3; valuesim protocol only)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Individuals(String data, String codebook, List<String> heldOut, BackstoryKind backstory,
                              String backstoryModel, String backstoryPrompt, Double minCoverage, Integer maxAttempts) {
    }

    public enum BackstoryKind {
        @JsonProperty("template") TEMPLATE,
        @JsonProperty("llm") LLM
    }

    /**
     * @param choice  how the chosen option follows from an answer's distribution: draw (seeded; the default for
     *                populations) or argmax (the default for imported individuals, whose answers are scored top-1)
     * @param prompts     prompt name (see Prompts.NAMES) to a file replacing the built-in text
     * @param integration backstory-caps only: coordinator (default) or average
     * @param topK        rag only: statements retrieved per item (default 3)
     * @param threshold   rag only: the cosine similarity a statement needs (default 0.3, or -1 under the paper
     *                    protocol; the top-k if none has it)
     * @param protocol    valuesim (default) or paper: whose method the model-backed respondent follows
     * @param itemsPerCall items of one instrument asked in one prompt (default 1)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Respondent(RespondentKind kind, String model, Choice choice, Map<String, String> prompts,
                             Integration integration, Integer topK, Double threshold, Protocol protocol,
                             Integer itemsPerCall) {

        public Respondent(RespondentKind kind, String model, Choice choice, Map<String, String> prompts,
                          Integration integration, Integer topK, Double threshold, Protocol protocol) {
            this(kind, model, choice, prompts, integration, topK, threshold, protocol, null);
        }
    }

    /** Whose method a model-backed respondent follows (see org.valuesim.core.respond.Protocol). */
    public enum Protocol {
        @JsonProperty("valuesim") VALUESIM,
        @JsonProperty("paper") PAPER
    }

    /** How backstory-caps settles disagreeing modules. */
    public enum Integration {
        @JsonProperty("coordinator") COORDINATOR,
        @JsonProperty("average") AVERAGE
    }

    public enum Choice {
        @JsonProperty("argmax") ARGMAX,
        @JsonProperty("draw") DRAW
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Model(
            Provider provider,
            String baseUrl,
            List<String> baseUrls,
            String model,
            String apiKeyEnv,
            Integer maxInFlight,
            Double temperature,
            AnswerMode answerMode,
            Integer samples,
            Integer requestsPerMinute,
            Long tokensPerMinute,
            Double timeoutSeconds,
            Integer maxAttempts,
            Integer retryBackoffMs,
            Submit submit,
            Boolean promptCache,
            String reasoningEffort,
            Integer reasoningTokens,
            Pricing pricing,
            Double batchPollSeconds) {

        public Model(Provider provider, String baseUrl, List<String> baseUrls, String model, String apiKeyEnv,
                     Integer maxInFlight, Double temperature, AnswerMode answerMode, Integer samples,
                     Integer requestsPerMinute, Long tokensPerMinute, Double timeoutSeconds, Integer maxAttempts,
                     Integer retryBackoffMs) {
            this(provider, baseUrl, baseUrls, model, apiKeyEnv, maxInFlight, temperature, answerMode, samples,
                    requestsPerMinute, tokensPerMinute, timeoutSeconds, maxAttempts, retryBackoffMs, null, null, null,
                    null, null, null);
        }
    }

    /** How a model's calls are sent: one by one as they are asked, or through the provider's batch API. */
    public enum Submit {
        @JsonProperty("live") LIVE,
        @JsonProperty("batch") BATCH
    }

    /**
     * A model's published prices, US dollars per million tokens.
     *
     * @param cachedInput    prompt tokens read from the provider's prompt cache (default: the input price)
     * @param cacheWrite     prompt tokens written to it (Anthropic; default: the input price)
     * @param batchDiscount  share off every price in a batch (default 0.5, OpenAI's and Anthropic's)
     * @param cacheMinTokens the shortest prompt prefix the provider caches (default 1024), for estimates
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Pricing(Double input, Double cachedInput, Double cacheWrite, Double output, Double batchDiscount,
                          Integer cacheMinTokens) {
    }

    /**
     * A repeated social dilemma.
     *
     * @param id         its name in results (default: the kind, suffixed -2, -3 when a kind repeats)
     * @param memory     past rounds a model-backed agent is shown (default 1, the last round)
     * @param endowment  points each agent gets per round (default 10)
     * @param multiplier public-goods: what each pot is multiplied by (default 3)
     * @param payoffs    prisoners-dilemma: the payoff matrix (default reward 3, sucker 0, temptation 5, punishment 1)
     * @param causes     donation: the causes, each tagged with the value it serves (default four causes)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Dilemma(DilemmaKind kind, String id, Integer rounds, Integer memory, Network network, Integer endowment,
                          Double multiplier, Payoffs payoffs, List<Cause> causes) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Payoffs(Double reward, Double sucker, Double temptation, Double punishment) {
    }

    /** A charitable cause of the donation game and the Schwartz value it serves. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Cause(String id, String label, String serves) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Network(NetworkKind kind, Integer degree, Double rewire, Integer m) {
    }

    public enum Strategy {
        @JsonProperty("uniform") UNIFORM,
        @JsonProperty("human-naive") HUMAN_NAIVE,
        @JsonProperty("human-even") HUMAN_EVEN,
        @JsonProperty("human-normalized") HUMAN_NORMALIZED,
        @JsonProperty("sampled") SAMPLED
    }

    public enum RespondentKind {
        @JsonProperty("psychometric") PSYCHOMETRIC,
        @JsonProperty("semantic") SEMANTIC,
        @JsonProperty("naive") NAIVE,
        @JsonProperty("value-prompt") VALUE_PROMPT,
        @JsonProperty("full-profile") FULL_PROFILE,
        @JsonProperty("rag") RAG,
        @JsonProperty("backstory-caps") BACKSTORY_CAPS
    }

    public enum Provider {
        @JsonProperty("openai-compatible") OPENAI_COMPATIBLE,
        @JsonProperty("ollama") OLLAMA,
        @JsonProperty("anthropic") ANTHROPIC
    }

    public enum AnswerMode {
        @JsonProperty("logprobs") LOGPROBS,
        @JsonProperty("sample") SAMPLE
    }

    public enum DilemmaKind {
        @JsonProperty("dictator") DICTATOR,
        @JsonProperty("donation") DONATION,
        @JsonProperty("public-goods") PUBLIC_GOODS,
        @JsonProperty("prisoners-dilemma") PRISONERS_DILEMMA
    }

    public enum NetworkKind {
        @JsonProperty("complete") COMPLETE,
        @JsonProperty("ring") RING,
        @JsonProperty("small-world") SMALL_WORLD,
        @JsonProperty("scale-free") SCALE_FREE
    }
}
