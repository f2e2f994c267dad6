package org.valuesim.scenarios.probe;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import org.valuesim.core.instrument.Instrument;
import org.valuesim.core.instrument.Item;
import org.valuesim.core.llm.GatewayResult;
import org.valuesim.core.llm.Message;
import org.valuesim.core.llm.ModelGateway;
import org.valuesim.core.llm.ModelRequest;
import org.valuesim.core.llm.Sampling;
import org.valuesim.core.llm.TokenLogprob;
import org.valuesim.core.persona.Persona;
import org.valuesim.core.respond.AnswerReader;
import org.valuesim.core.respond.Prompts;
import org.valuesim.core.values.SchwartzValue;

/**
 * Gets to know a model before a study pays for it: a handful of calibration items (PVQ-21 portraits of contrasting
 * values, asked by personas built around opposite values, so a model that follows its persona spreads its answers
 * and one that cannot read the format shows it) sent through the run's gateway, the cache left out, then the
 * same prompts at a few in-flight levels, and one long prefix asked twice.
 */
public final class ModelProbe {

    /**
     * Portraits keyed to values on opposite sides of the circle, self-enhancement and self-transcendence in turn:
     * power (02, 17), achievement (04); benevolence (12, 18), universalism (03).
     */
    static final List<String> ITEMS = List.of("pvq21-02", "pvq21-12", "pvq21-17", "pvq21-18", "pvq21-04", "pvq21-03");
    static final List<SchwartzValue> PERSONAS = List.of(SchwartzValue.POWER, SchwartzValue.BENEVOLENCE);
    static final int ANSWER_TOKENS = 8;
    static final int TOP_LOGPROBS = 20;
    /** Answers piled on one option when it takes at least this share. */
    static final double PILED = 0.8;
    /** A level is worth it while its median latency stays within this factor of one call alone. */
    static final double LATENCY_GROWTH = 2.0;
    /** About 2,000 tokens of text before the persona, so the prefix passes every provider's caching minimum. */
    static final int PREFIX_SENTENCES = 120;

    private final ModelGateway gateway;
    private final Prompts prompts;
    private final Instrument pvq;
    private final boolean logprobsProtocol;
    private final double temperature;

    /**
     * @param logprobsProtocol whether the protocol can return log-probabilities (OpenAI-compatible)
     */
    public ModelProbe(ModelGateway gateway, Prompts prompts, Instrument pvq, boolean logprobsProtocol,
                      double temperature) {
        this.gateway = gateway;
        this.prompts = prompts;
        this.pvq = pvq;
        this.logprobsProtocol = logprobsProtocol;
        this.temperature = temperature;
    }

    /** The calibration prompts: every persona with every item, persona-major. */
    List<List<Message>> calibration() {
        List<List<Message>> out = new ArrayList<>();
        for (SchwartzValue value : PERSONAS) {
            Persona persona = new Persona(0, null, value, Map.of());
            for (String id : ITEMS) {
                Item item = pvq.items().stream().filter(i -> i.id().equals(id)).findFirst().orElseThrow();
                out.add(List.of(Message.system(prompts.system(persona, true)),
                        Message.user(prompts.item(pvq, item, persona))));
            }
        }
        return out;
    }

    /** Runs every check. */
    public ProbeReport run(List<Integer> levels) {
        List<List<Message>> calibration = calibration();
        Sampling sampling = new Sampling(temperature, ANSWER_TOKENS, logprobsProtocol ? TOP_LOGPROBS : 0);
        // one call first: a server that does not answer is said at once, not after every prompt's retries
        GatewayResult first = gateway.call(new ModelRequest(calibration.get(0), sampling, 0)).join();
        if (!first.ok()) {
            return ProbeReport.unanswered(first.failure());
        }
        List<GatewayResult> answers = join(calibration.stream().map(m -> gateway.call(new ModelRequest(m, sampling, 0)))
                .toList());
        long answered = answers.stream().filter(GatewayResult::ok).count();
        String firstFailure = answers.stream().filter(r -> !r.ok()).map(GatewayResult::failure).findFirst().orElse("");
        var scale = pvq.response(pvq.items().get(0));
        int withLogprobs = 0;
        int logprobsNameOption = 0;
        List<String> tokens = List.of();
        int readable = 0;
        Map<Integer, Integer> chosen = new LinkedHashMap<>();
        double[] byPersona = new double[PERSONAS.size()];
        int[] readByPersona = new int[PERSONAS.size()];
        for (int k = 0; k < answers.size(); k++) {
            GatewayResult r = answers.get(k);
            if (!r.ok()) {
                continue;
            }
            List<TokenLogprob> alternatives = r.response().firstTokenLogprobs();
            if (!alternatives.isEmpty()) {
                withLogprobs++;
                if (tokens.isEmpty()) {
                    tokens = alternatives.stream().map(TokenLogprob::token).limit(8).toList();
                }
                Optional<double[]> distribution = AnswerReader.fromLogprobs(alternatives, scale);
                if (distribution.isPresent()) {
                    logprobsNameOption++;
                }
            }
            OptionalInt option = AnswerReader.parse(r.response().text(), scale);
            if (option.isPresent()) {
                readable++;
                chosen.merge(option.getAsInt(), 1, Integer::sum);
                // the power persona should see itself more in the self-enhancement portraits than the benevolence one
                int persona = k / ITEMS.size();
                boolean selfEnhancement = k % ITEMS.size() % 2 == 0;
                byPersona[persona] += selfEnhancement ? option.getAsInt() : -option.getAsInt();
                readByPersona[persona]++;
            }
        }
        int modal = chosen.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        double personaContrast = readByPersona[0] == 0 || readByPersona[1] == 0 ? Double.NaN
                : byPersona[0] / readByPersona[0] - byPersona[1] / readByPersona[1];
        List<ProbeReport.Level> measured = new ArrayList<>();
        for (int level : levels) {
            measured.add(level(level, calibration));
        }
        return new ProbeReport(calibration.size(), answered, firstFailure, logprobsProtocol, withLogprobs,
                logprobsNameOption, tokens, readable, new java.util.TreeMap<>(chosen),
                readable == 0 ? 0 : (double) modal / readable, personaContrast, measured, prefixCaching());
    }

    /**
     * One in-flight level: as many calibration prompts as twice the level (at least 8), each a new sample so that
     * the server answers it afresh, all put in flight at once through a gateway that allows the level.
     */
    private ProbeReport.Level level(int inFlight, List<List<Message>> calibration) {
        int calls = Math.max(8, 2 * inFlight);
        List<CompletableFuture<GatewayResult>> futures = new ArrayList<>();
        long start = System.nanoTime();
        java.util.concurrent.Semaphore slots = new java.util.concurrent.Semaphore(inFlight);
        for (int i = 0; i < calls; i++) {
            ModelRequest request = new ModelRequest(calibration.get(i % calibration.size()),
                    new Sampling(temperature, ANSWER_TOKENS, 0), 1000 + inFlight * 100_000 + i);
            slots.acquireUninterruptibly();
            futures.add(gateway.call(request).whenComplete((r, e) -> slots.release()));
        }
        List<GatewayResult> results = join(futures);
        double seconds = (System.nanoTime() - start) / 1e9;
        List<Long> latencies = new ArrayList<>(results.stream().filter(GatewayResult::ok)
                .map(GatewayResult::latencyMs).toList());
        Collections.sort(latencies);
        return new ProbeReport.Level(inFlight, calls, latencies.size(), percentile(latencies, 50),
                percentile(latencies, 90), percentile(latencies, 99), latencies.size() / Math.max(1e-9, seconds));
    }

    /**
     * A persona prefix of about 2,000 tokens asked twice, one after the other (after another long prompt): whether the
     * server says it read the repeat's prefix from its cache (cached tokens in its usage), and how much faster the
     * repeat was.
     */
    private ProbeReport.Prefix prefixCaching() {
        // a different long prefix first, so that what only a first long prompt costs is not taken for caching
        gateway.call(longPrompt("evening", 7000)).join();
        GatewayResult first = gateway.call(longPrompt("morning", 7001)).join();
        GatewayResult second = gateway.call(longPrompt("morning", 7002)).join();
        if (!first.ok() || !second.ok()) {
            return new ProbeReport.Prefix(false, 0, 0, 0, 0);
        }
        return new ProbeReport.Prefix(true, second.response().tokensIn(), second.response().cachedTokensIn(),
                first.latencyMs(), second.latencyMs());
    }

    /** About 2,000 tokens of background, then a security persona and the first portrait. */
    private ModelRequest longPrompt(String when, int sample) {
        StringBuilder background = new StringBuilder("You are taking part in a long survey. About you: ");
        for (int i = 0; i < PREFIX_SENTENCES; i++) {
            background.append("On the ").append(when).append(" of day ").append(i + 1)
                    .append(" of the year you kept your usual routine at home. ");
        }
        Persona persona = new Persona(0, null, SchwartzValue.SECURITY, Map.of());
        Item item = pvq.items().get(0);
        return new ModelRequest(List.of(Message.system(background + prompts.system(persona, true)),
                Message.user(prompts.item(pvq, item, persona))), new Sampling(temperature, ANSWER_TOKENS, 0), sample);
    }

    static long percentile(List<Long> sorted, int p) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1,
                (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static List<GatewayResult> join(List<CompletableFuture<GatewayResult>> futures) {
        return futures.stream().map(CompletableFuture::join).toList();
    }
}
