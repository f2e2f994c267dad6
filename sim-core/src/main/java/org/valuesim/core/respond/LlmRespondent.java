package org.valuesim.core.respond;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import org.valuesim.core.instrument.Instrument;
import org.valuesim.core.instrument.Item;
import org.valuesim.core.instrument.ResponseScale;
import org.valuesim.core.llm.GatewayResult;
import org.valuesim.core.llm.Message;
import org.valuesim.core.llm.ModelGateway;
import org.valuesim.core.llm.ModelRequest;
import org.valuesim.core.llm.Sampling;
import org.valuesim.core.persona.Persona;
import org.valuesim.core.random.Streams;

/**
 * A respondent backed by a language model through the gateway: {@code naive} (no persona),
 * {@code value-prompt} (the persona's dominant value, or its ranked profile; personas with neither
 * answer unprimed) or {@code full-profile} (every profile statement of an imported individual).
 *
 * <p>With {@link AnswerMode#LOGPROBS} one call gives the whole distribution from the first token's
 * top log-probabilities (falling back to the text when none names an option); with
 * {@link AnswerMode#SAMPLE}, K sampled answers make it. An answer that cannot be read gets one repair
 * call restating the format; after that it is recorded as failed with the raw text.
 */
public final class LlmRespondent implements Respondent {

    public enum AnswerMode { LOGPROBS, SAMPLE }

    /** How the chosen option follows from the distribution: its mode, or a seeded draw. */
    public enum Choice { ARGMAX, DRAW }

    static final int TOP_LOGPROBS = 20;
    static final int ANSWER_TOKENS = 8;
    static final int ALLOCATION_TOKENS = 120;
    /** Output tokens per item of a group: its number, a colon, the answer and the line break. */
    static final int ITEM_LINE_TOKENS = 6;

    private final String kind;
    private final boolean primed;
    private final ModelGateway gateway;
    private final Prompts prompts;
    private final AnswerMode mode;
    private final int samples;
    private final double temperature;
    private final Choice choice;
    private final long seed;
    private final Retrieval retrieval;
    private final ItemGroups groups;

    /**
     * The rag respondent's retrieval: the top {@code k} profile statements by cosine similarity to the item
     * that reach {@code threshold}; when none does, the top {@code k} regardless.
     */
    public record Retrieval(org.valuesim.core.embed.TextEmbedder embedder, int k, double threshold) {

        /** A retrieved text and its cosine similarity to the query. */
        public record Scored<T>(T item, double similarity) {
        }

        /**
         * The {@code k} items most similar to the query that reach the threshold, most similar first; when none
         * does, the top {@code k} regardless. Ties keep the items' order.
         */
        public <T> List<Scored<T>> retrieve(String query, List<T> items, java.util.function.Function<T, String> text) {
            float[] q = embedder.embed(query);
            List<Scored<T>> ranked = new ArrayList<>();
            for (T item : items) {
                ranked.add(new Scored<>(item, org.valuesim.core.embed.TextEmbedder.cosine(q, embedder.embed(text.apply(item)))));
            }
            ranked.sort(java.util.Comparator.comparingDouble(s -> -s.similarity()));
            List<Scored<T>> passing = ranked.stream().filter(s -> s.similarity() >= threshold).limit(k).toList();
            return passing.isEmpty() ? ranked.stream().limit(k).toList() : passing;
        }
    }

    public LlmRespondent(String kind, ModelGateway gateway, Prompts prompts, AnswerMode mode, int samples,
                         double temperature, Choice choice, long seed) {
        this(kind, gateway, prompts, mode, samples, temperature, choice, seed, null);
    }

    /**
     * @param retrieval for kind rag: how profile statements are retrieved
     */
    public LlmRespondent(String kind, ModelGateway gateway, Prompts prompts, AnswerMode mode, int samples,
                         double temperature, Choice choice, long seed, Retrieval retrieval) {
        this(kind, gateway, prompts, mode, samples, temperature, choice, seed, retrieval, 1);
    }

    /**
     * @param itemsPerCall items of one instrument asked in one prompt, each answer read from its own line (an item
     *                     whose line cannot be read is asked alone)
     */
    public LlmRespondent(String kind, ModelGateway gateway, Prompts prompts, AnswerMode mode, int samples,
                         double temperature, Choice choice, long seed, Retrieval retrieval, int itemsPerCall) {
        this.groups = new ItemGroups(itemsPerCall);
        if (kind.equals("rag") && retrieval == null) {
            throw new IllegalArgumentException("the rag respondent needs a retrieval");
        }
        this.retrieval = retrieval;
        if (!kind.equals("naive") && !kind.equals("value-prompt") && !kind.equals("full-profile") && !kind.equals("rag")) {
            throw new IllegalArgumentException("not a model-backed respondent kind: " + kind);
        }
        this.kind = kind;
        this.primed = kind.equals("value-prompt");
        this.gateway = gateway;
        this.prompts = prompts;
        this.mode = mode;
        this.samples = Math.max(1, samples);
        this.temperature = temperature;
        this.choice = choice;
        this.seed = seed;
    }

    @Override
    public String kind() {
        return kind;
    }

    /** Sums the provenance of the calls an answer took. */
    private final class Calls {
        final List<GatewayResult> results = new ArrayList<>();

        Provenance provenance() {
            // one loop, not a stream per sum: this runs for every answer, and six streams compiled into a large method
            boolean allHits = !results.isEmpty();
            int attempts = 0;
            long latency = 0;
            long tokensIn = 0;
            long tokensOut = 0;
            for (GatewayResult r : results) {
                allHits &= r.cacheHit();
                attempts += r.attempts();
                latency += r.latencyMs();
                if (r.ok()) {
                    tokensIn += r.response().tokensIn();
                    tokensOut += r.response().tokensOut();
                }
            }
            return new Provenance(kind, gateway.backend().model(), results.isEmpty() ? "" : results.get(0).key(), allHits,
                    attempts, latency, tokensIn, tokensOut);
        }
    }

    @Override
    public CompletableFuture<Answer> answer(Persona persona, Instrument instrument, Item item) {
        List<Item> group = groups.group(instrument, item);
        return group.size() > 1 ? grouped(persona, instrument, item, group) : single(persona, instrument, item, new Calls());
    }

    private String system(Persona persona, Instrument instrument, Item item) {
        return switch (kind) {
            case "full-profile" -> prompts.fullProfile(persona, persona.profile());
            case "rag" -> prompts.fullProfile(persona, retrieve(persona, instrument, item));
            default -> prompts.system(persona, primed);
        };
    }

    /**
     * An item asked with others (items-per-call): the group's one call (K of them when sampling), the item's answer
     * read from its line; when no call gives a readable line, the item is asked alone, and its provenance holds both.
     */
    private CompletableFuture<Answer> grouped(Persona persona, Instrument instrument, Item item, List<Item> group) {
        String system;
        if (kind.equals("rag")) {
            // every item of the group sees the statements retrieved for any of them, so the group's prompt is one
            java.util.Set<org.valuesim.core.persona.ProfileStatement> retrieved = new java.util.LinkedHashSet<>();
            group.forEach(member -> retrieved.addAll(retrieve(persona, instrument, member)));
            system = prompts.fullProfile(persona, List.copyOf(retrieved));
        } else {
            system = system(persona, instrument, item);
        }
        List<Message> messages = List.of(Message.system(system), Message.user(prompts.items(instrument, group, persona)));
        ResponseScale scale = instrument.response(item);
        int position = group.indexOf(item) + 1;
        Sampling sampling = new Sampling(temperature, ITEM_LINE_TOKENS * group.size(), 0);
        Calls calls = new Calls();
        List<CompletableFuture<GatewayResult>> draws = new ArrayList<>();
        for (int k = 0; k < (mode == AnswerMode.SAMPLE ? samples : 1); k++) {
            draws.add(call(messages, sampling, k, calls));
        }
        return CompletableFuture.allOf(draws.toArray(CompletableFuture[]::new)).thenCompose(x -> {
            List<GatewayResult> results = draws.stream().map(CompletableFuture::join).toList();
            double[] shares = shares(results.stream().map(r -> r.ok() ? ItemGroups.read(r.response().text(), position,
                    scale) : OptionalInt.empty()).toList(), scale);
            if (shares == null) {
                return single(persona, instrument, item, calls);
            }
            return done(persona, instrument, item, shares, String.join(" | ", results.stream()
                    .map(r -> r.ok() ? r.response().text() : "[failed: " + r.failure() + "]").toList()), calls);
        });
    }

    private CompletableFuture<Answer> single(Persona persona, Instrument instrument, Item item, Calls calls) {
        List<Message> messages = List.of(Message.system(system(persona, instrument, item)),
                Message.user(prompts.item(instrument, item, persona)));
        ResponseScale scale = instrument.response(item);
        if (scale.isAllocation()) {
            return allocation(persona, instrument, item, messages, calls);
        }
        if (mode == AnswerMode.LOGPROBS && singleToken(scale)) {
            return call(messages, new Sampling(temperature, ANSWER_TOKENS, TOP_LOGPROBS), 0, calls)
                    .thenCompose(r -> {
                        if (!r.ok() && r.failure().toLowerCase(java.util.Locale.ROOT).contains("logprob")) {
                            // the server refuses log-probabilities (reasoning models): sample instead
                            gateway.stats().logprobsRefused();
                            return sampled(persona, instrument, item, messages, List.of(), calls);
                        }
                        if (!r.ok()) {
                            return failed(persona, instrument, item, "model call failed: " + r.failure(), "", calls);
                        }
                        if (r.response().firstTokenLogprobs().isEmpty()) {
                            // no log-probabilities came back: the answer is this first sample and the model's others
                            return sampled(persona, instrument, item, messages, List.of(r), calls);
                        }
                        Optional<double[]> distribution = AnswerReader.fromLogprobs(r.response().firstTokenLogprobs(),
                                instrument.response(item));
                        if (distribution.isPresent()) {
                            return done(persona, instrument, item, distribution.get(), r.response().text(), calls);
                        }
                        return fromText(persona, instrument, item, messages, r.response().text(), 0, calls)
                                .thenCompose(option -> option.isPresent()
                                        ? done(persona, instrument, item, oneHot(instrument.response(item), option.getAsInt()),
                                        r.response().text(), calls)
                                        : failed(persona, instrument, item, "unreadable answer after a repair call",
                                        r.response().text(), calls));
                    });
        }
        return sampled(persona, instrument, item, messages, List.of(), calls);
    }

    /**
     * K sampled answers make the distribution: the results already in hand count as the first samples, the others
     * are asked (each unreadable one gets its repair call); texts are kept in sample order.
     */
    private CompletableFuture<Answer> sampled(Persona persona, Instrument instrument, Item item, List<Message> messages,
                                              List<GatewayResult> already, Calls calls) {
        List<CompletableFuture<GatewayResult>> results = new ArrayList<>();
        for (int k = 0; k < samples; k++) {
            results.add(k < already.size() ? CompletableFuture.completedFuture(already.get(k))
                    : call(messages, new Sampling(temperature, ANSWER_TOKENS, 0), k, calls));
        }
        List<CompletableFuture<OptionalInt>> draws = new ArrayList<>();
        for (int k = 0; k < samples; k++) {
            int sample = k;
            draws.add(results.get(k).thenCompose(r -> r.ok()
                    ? fromText(persona, instrument, item, messages, r.response().text(), sample, calls)
                    : CompletableFuture.completedFuture(OptionalInt.empty())));
        }
        return CompletableFuture.allOf(draws.toArray(CompletableFuture[]::new)).thenCompose(x -> {
            List<String> texts = results.stream().map(CompletableFuture::join)
                    .map(r -> r.ok() ? r.response().text() : "[failed: " + r.failure() + "]").toList();
            double[] shares = shares(draws.stream().map(CompletableFuture::join).toList(), instrument.response(item));
            String raw = String.join(" | ", texts);
            if (shares != null) {
                return done(persona, instrument, item, shares, raw, calls);
            }
            GatewayResult anyOk = results.stream().map(CompletableFuture::join).filter(GatewayResult::ok).findFirst()
                    .orElse(null);
            if (anyOk == null) {
                // no call got through: the cause is the call's, not the model's answers
                return failed(persona, instrument, item, "model call failed: " + results.get(0).join().failure(), raw,
                        calls);
            }
            return failed(persona, instrument, item, samples == 1 && !already.isEmpty()
                    ? "unreadable answer after a repair call" : "no readable answer among " + samples + " samples", raw,
                    calls);
        });
    }

    /** The readable answers' shares over the scale's options, or null when none is readable. */
    private static double[] shares(List<OptionalInt> answers, ResponseScale scale) {
        double[] counts = new double[scale.size()];
        int read = 0;
        for (OptionalInt a : answers) {
            if (a.isPresent()) {
                counts[scale.indexOf(a.getAsInt())]++;
                read++;
            }
        }
        if (read == 0) {
            return null;
        }
        for (int i = 0; i < counts.length; i++) {
            counts[i] /= read;
        }
        return counts;
    }

    /**
     * Whether every option is one token, so the first token's log-probabilities give the whole distribution:
     * numbers beyond one digit are several tokens in many tokenizers, so those answers are read from the text.
     */
    private static boolean singleToken(ResponseScale scale) {
        return !ResponseScale.NUMERIC.equals(scale.kind()) || (scale.lowest() >= 0 && scale.highest() <= 9);
    }

    /** An allocation item: one call (and at most one repair call) whose text gives the units per option. */
    private CompletableFuture<Answer> allocation(Persona persona, Instrument instrument, Item item,
                                                List<Message> messages, Calls calls) {
        ResponseScale scale = instrument.response(item);
        Sampling sampling = new Sampling(temperature, ALLOCATION_TOKENS, 0);
        return call(messages, sampling, 0, calls).thenCompose(r -> {
            if (!r.ok()) {
                return failed(persona, instrument, item, "model call failed: " + r.failure(), "", calls);
            }
            String text = r.response().text();
            Optional<int[]> amounts = AllocationReader.parse(text, scale);
            if (amounts.isPresent()) {
                return CompletableFuture.completedFuture(Answer.allocated(persona.id(), instrument.id(), item.id(),
                        amounts.get(), text, calls.provenance()));
            }
            List<Message> repair = List.of(messages.get(0), messages.get(1), Message.assistant(text == null ? "" : text),
                    Message.user(prompts.repair(instrument, item)));
            return call(repair, sampling, 0, calls).thenCompose(again -> {
                Optional<int[]> read = again.ok() ? AllocationReader.parse(again.response().text(), scale)
                        : Optional.empty();
                String raw = again.ok() ? text + " | " + again.response().text() : text;
                return read.isPresent()
                        ? CompletableFuture.completedFuture(Answer.allocated(persona.id(), instrument.id(), item.id(),
                        read.get(), raw, calls.provenance()))
                        : failed(persona, instrument, item, "unreadable allocation after a repair call", raw, calls);
            });
        });
    }

    /** The profile statements most similar to the item (rag), most similar first. */
    List<org.valuesim.core.persona.ProfileStatement> retrieve(Persona persona, Instrument instrument, Item item) {
        String query = org.valuesim.core.instrument.PortraitText.render(item.text(), persona.demographics().get("gender"));
        return retrieval.retrieve(query, persona.profile(), org.valuesim.core.persona.ProfileStatement::text).stream()
                .map(Retrieval.Scored::item).toList();
    }

    private CompletableFuture<GatewayResult> call(List<Message> messages, Sampling sampling, int sample, Calls calls) {
        return gateway.call(new ModelRequest(messages, sampling, sample)).thenApply(r -> {
            synchronized (calls) {
                calls.results.add(r);
            }
            return r;
        });
    }

    /** Reads the text; if that fails, one repair call restating the format. */
    private CompletableFuture<OptionalInt> fromText(Persona persona, Instrument instrument, Item item,
                                                    List<Message> messages, String text, int sample, Calls calls) {
        OptionalInt option = AnswerReader.parse(text, instrument.response(item));
        if (option.isPresent()) {
            return CompletableFuture.completedFuture(option);
        }
        List<Message> repair = List.of(messages.get(0), messages.get(1), Message.assistant(text == null ? "" : text),
                Message.user(prompts.repair(instrument, item)));
        return call(repair, new Sampling(temperature, ANSWER_TOKENS, 0), sample, calls)
                .thenApply(r -> r.ok() ? AnswerReader.parse(r.response().text(), instrument.response(item)) : OptionalInt.empty());
    }

    private CompletableFuture<Answer> done(Persona persona, Instrument instrument, Item item, double[] distribution,
                                           String raw, Calls calls) {
        int index = choice == Choice.ARGMAX ? Choices.argmax(distribution)
                : Choices.draw(distribution, Streams.of(seed, "llm-choice", persona.id(), instrument.id() + "/" + item.id()).nextDouble());
        return CompletableFuture.completedFuture(Answer.ok(persona.id(), instrument.id(), item.id(),
                instrument.response(item).options().get(index).value(), distribution, raw == null ? "" : raw, calls.provenance()));
    }

    private CompletableFuture<Answer> failed(Persona persona, Instrument instrument, Item item, String why, String raw,
                                             Calls calls) {
        return CompletableFuture.completedFuture(Answer.failed(persona.id(), instrument.id(), item.id(), why,
                raw == null ? "" : raw, calls.provenance()));
    }

    private static double[] oneHot(ResponseScale scale, int value) {
        double[] p = new double[scale.size()];
        p[scale.indexOf(value)] = 1;
        return p;
    }
}
