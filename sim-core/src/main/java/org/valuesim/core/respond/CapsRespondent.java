package org.valuesim.core.respond;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

/**
 * The ValueSim respondent (Du et al. 2025): three perspective modules inspired by the Cognitive-Affective
 * Personality System read the persona's backstory and each answer the item with an analysis; the three
 * calls run concurrently. If all three agree, that answer stands (3 calls). Otherwise a coordinator call
 * weighs the three analyses (4 calls), or, with {@link Integration#AVERAGE}, the answer is the ceiling of
 * the modules' mean (3 calls). Every module's answer and analysis is kept with the answer.
 */
public final class CapsRespondent implements Respondent {

    public static final String KIND = "backstory-caps";
    public static final List<String> MODULES = List.of("cognitive", "affective", "behavioral");
    static final int MODULE_TOKENS = 400;

    /** How disagreeing modules are settled. */
    public enum Integration { COORDINATOR, AVERAGE }

    private final ModelGateway gateway;
    private final Prompts prompts;
    private final Integration integration;
    private final double temperature;

    public CapsRespondent(ModelGateway gateway, Prompts prompts, Integration integration, double temperature) {
        this.gateway = gateway;
        this.prompts = prompts;
        this.integration = integration;
        this.temperature = temperature;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public CompletableFuture<Answer> answer(Persona persona, Instrument instrument, Item item) {
        if (instrument.response(item).isAllocation()) {
            return allocation(persona, instrument, item);
        }
        List<CompletableFuture<GatewayResult>> calls = moduleCalls(persona, instrument, item);
        return CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).thenCompose(done -> {
            List<GatewayResult> results = new ArrayList<>(calls.stream().map(CompletableFuture::join).toList());
            List<Answer.ModuleAnswer> modules = new ArrayList<>();
            for (int m = 0; m < MODULES.size(); m++) {
                GatewayResult r = results.get(m);
                String text = r.ok() ? r.response().text() : "[failed: " + r.failure() + "]";
                OptionalInt option = r.ok() ? readAnswer(text, instrument.response(item)) : OptionalInt.empty();
                modules.add(new Answer.ModuleAnswer(MODULES.get(m), option.isPresent() ? option.getAsInt() : null,
                        analysis(text)));
            }
            List<Integer> answers = modules.stream().map(Answer.ModuleAnswer::answer).toList();
            boolean unanimous = answers.stream().allMatch(a -> a != null && a.equals(answers.get(0)));
            if (unanimous) {
                return CompletableFuture.completedFuture(finish(persona, instrument, item, answers.get(0), "", results,
                        modules));
            }
            if (integration == Integration.AVERAGE) {
                List<Integer> readable = answers.stream().filter(a -> a != null).toList();
                if (readable.isEmpty()) {
                    return CompletableFuture.completedFuture(failed(persona, instrument, item,
                            "no module's answer could be read", results, modules));
                }
                int settled = instrument.response(item).isOrdered()
                        ? (int) Math.ceil(readable.stream().mapToInt(Integer::intValue).average().orElseThrow() - 1e-9)
                        : mostCommon(readable);
                return CompletableFuture.completedFuture(finish(persona, instrument, item, settled, "", results, modules));
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (Answer.ModuleAnswer m : modules) {
                values.put(m.module() + "_answer", m.answer() == null ? "unreadable" : m.answer().toString());
                values.put(m.module(), m.analysis());
            }
            String coordinatorItem = prompts.item(instrument, item, persona, false);
            List<Message> messages = List.of(Message.system(prompts.caps("coordinator", persona)),
                    Message.user(prompts.capsAnalyses(values) + "\n\n" + coordinatorItem));
            return gateway.call(new ModelRequest(messages, new Sampling(temperature, 8, 0), 0)).thenApply(r -> {
                results.add(r);
                if (!r.ok()) {
                    return failed(persona, instrument, item, "coordinator call failed: " + r.failure(), results, modules);
                }
                OptionalInt option = AnswerReader.parse(r.response().text(), instrument.response(item));
                return option.isPresent()
                        ? finish(persona, instrument, item, option.getAsInt(), r.response().text(), results, modules)
                        : failed(persona, instrument, item, "unreadable coordinator answer", results, modules)
                                .withModules(modules);
            });
        });
    }

    /** The three modules' calls on the item, concurrently, each asked for its analysis before its answer. */
    private List<CompletableFuture<GatewayResult>> moduleCalls(Persona persona, Instrument instrument, Item item) {
        String itemText = prompts.item(instrument, item, persona, true);
        Sampling sampling = new Sampling(temperature, MODULE_TOKENS, 0);
        List<CompletableFuture<GatewayResult>> calls = new ArrayList<>();
        for (String module : MODULES) {
            calls.add(gateway.call(new ModelRequest(List.of(Message.system(prompts.caps(module, persona)),
                    Message.user(itemText)), sampling, 0)));
        }
        return calls;
    }

    /** Unordered options have no mean: the answer most modules gave, the lowest option value on ties. */
    private static int mostCommon(List<Integer> answers) {
        return answers.stream().sorted().reduce((a, b) -> java.util.Collections.frequency(answers, b)
                > java.util.Collections.frequency(answers, a) ? b : a).orElseThrow();
    }

    /**
     * An allocation item: the three modules each split the endowment after their analysis; equal splits stand,
     * otherwise the answer is the modules' mean split in whole units (there is no coordinator call, since an
     * allocation has no single option to argue for).
     */
    private CompletableFuture<Answer> allocation(Persona persona, Instrument instrument, Item item) {
        ResponseScale scale = instrument.response(item);
        List<CompletableFuture<GatewayResult>> calls = moduleCalls(persona, instrument, item);
        return CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).thenApply(done -> {
            List<GatewayResult> results = calls.stream().map(CompletableFuture::join).toList();
            List<Answer.ModuleAnswer> modules = new ArrayList<>();
            double[] mean = new double[scale.size()];
            List<int[]> readable = new ArrayList<>();
            for (int m = 0; m < MODULES.size(); m++) {
                GatewayResult r = results.get(m);
                String text = r.ok() ? r.response().text() : "[failed: " + r.failure() + "]";
                String afterAnalysis = text.contains("\n") ? text.substring(text.indexOf('\n')) : text;
                java.util.Optional<int[]> amounts = r.ok() ? AllocationReader.parse(afterAnalysis, scale)
                        : java.util.Optional.empty();
                amounts.ifPresent(readable::add);
                modules.add(new Answer.ModuleAnswer(MODULES.get(m), null, analysis(text)
                        + amounts.map(a -> " [" + java.util.Arrays.toString(a) + "]").orElse(" [unreadable]")));
            }
            if (readable.isEmpty()) {
                return failed(persona, instrument, item, "no module's allocation could be read", results, modules);
            }
            readable.forEach(a -> {
                for (int i = 0; i < a.length; i++) {
                    mean[i] += a[i];
                }
            });
            return Answer.allocated(persona.id(), instrument.id(), item.id(),
                    AllocationReader.split(scale.endowment(), mean), "", provenance(results)).withModules(modules);
        });
    }

    /** The number after the last "Answer:" line, else whatever number or label the text gives. */
    static OptionalInt readAnswer(String text, ResponseScale scale) {
        int at = text.toLowerCase(Locale.ROOT).lastIndexOf("answer:");
        OptionalInt tail = at >= 0 ? AnswerReader.parse(text.substring(at), scale) : OptionalInt.empty();
        return tail.isPresent() ? tail : AnswerReader.parse(text, scale);
    }

    /** The text of the "Analysis:" line or, without one, everything before the answer. */
    static String analysis(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        int start = lower.indexOf("analysis:");
        int end = lower.lastIndexOf("answer:");
        String body = text.substring(start >= 0 ? start + "analysis:".length() : 0, end > start ? end : text.length());
        return body.strip();
    }

    private Answer finish(Persona persona, Instrument instrument, Item item, int value, String raw,
                          List<GatewayResult> results, List<Answer.ModuleAnswer> modules) {
        int index = instrument.response(item).options().indexOf(instrument.response(item).option(value));
        if (index < 0) {
            return failed(persona, instrument, item, "answer " + value + " is not an option", results, modules);
        }
        double[] p = new double[instrument.response(item).size()];
        p[index] = 1;
        return Answer.ok(persona.id(), instrument.id(), item.id(), value, p, raw, provenance(results)).withModules(modules);
    }

    private Answer failed(Persona persona, Instrument instrument, Item item, String why, List<GatewayResult> results,
                          List<Answer.ModuleAnswer> modules) {
        String raw = String.join(" | ", modules.stream().map(m -> m.module() + ": " + m.analysis()).toList());
        return Answer.failed(persona.id(), instrument.id(), item.id(), why, raw, provenance(results)).withModules(modules);
    }

    private Provenance provenance(List<GatewayResult> results) {
        return new Provenance(KIND, gateway.backend().model(), results.get(0).key(),
                results.stream().allMatch(GatewayResult::cacheHit), results.stream().mapToInt(GatewayResult::attempts).sum(),
                results.stream().mapToLong(GatewayResult::latencyMs).sum(),
                results.stream().filter(GatewayResult::ok).mapToLong(r -> r.response().tokensIn()).sum(),
                results.stream().filter(GatewayResult::ok).mapToLong(r -> r.response().tokensOut()).sum());
    }
}
