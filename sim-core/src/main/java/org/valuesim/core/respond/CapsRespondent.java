package org.valuesim.core.respond;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.valuesim.core.instrument.Instrument;
import org.valuesim.core.instrument.Item;
import org.valuesim.core.instrument.ResponseScale;
import org.valuesim.core.llm.GatewayResult;
import org.valuesim.core.llm.ModelGateway;
import org.valuesim.core.persona.Persona;

/**
 * The ValueSim respondent (Du et al. 2025): three perspective modules inspired by the Cognitive-Affective
 * Personality System read the persona's backstory and each answer the item with an analysis; the three
 * calls run concurrently. If the modules agree, that answer stands (3 calls). Otherwise a coordinator call
 * weighs the three analyses (4 calls), or, with {@link Integration#AVERAGE}, the answer is the modules' average
 * (3 calls). Every module's answer and analysis is kept with the answer. How the calls look, how replies are read
 * and when modules agree is the protocol's ({@link ValuesimCaps}, {@link PaperCaps}); neither makes a repair call.
 */
public final class CapsRespondent implements Respondent {

    public static final String KIND = "backstory-caps";
    public static final List<String> MODULES = List.of("cognitive", "affective", "behavioral");

    /** How disagreeing modules are settled. */
    public enum Integration { COORDINATOR, AVERAGE }

    private static final String NO_MODULE = Answer.UNREADABLE + ": no module's answer could be read";

    private final ModelGateway gateway;
    private final Integration integration;
    private final CapsShape shape;
    /** Allocations are split the valuesim way under both protocols. */
    private final ValuesimCaps allocationShape;

    /** valuesim's protocol. */
    public CapsRespondent(ModelGateway gateway, Prompts prompts, Integration integration, double temperature) {
        this(gateway, prompts, integration, temperature, Protocol.VALUESIM);
    }

    public CapsRespondent(ModelGateway gateway, Prompts prompts, Integration integration, double temperature,
                          Protocol protocol) {
        this.gateway = gateway;
        this.integration = integration;
        this.allocationShape = new ValuesimCaps(prompts, temperature);
        this.shape = protocol == Protocol.PAPER ? new PaperCaps(prompts, temperature) : allocationShape;
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
        ResponseScale scale = instrument.response(item);
        List<CompletableFuture<GatewayResult>> calls = new ArrayList<>();
        for (String module : MODULES) {
            calls.add(gateway.call(shape.module(module, persona, instrument, item)));
        }
        return CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).thenCompose(done -> {
            List<GatewayResult> results = new ArrayList<>(calls.stream().map(CompletableFuture::join).toList());
            List<Answer.ModuleAnswer> modules = new ArrayList<>();
            for (int m = 0; m < MODULES.size(); m++) {
                GatewayResult r = results.get(m);
                modules.add(r.ok() ? shape.read(MODULES.get(m), r.response().text(), scale)
                        : new Answer.ModuleAnswer(MODULES.get(m), null, "[failed: " + r.failure() + "]"));
            }
            List<Integer> answers = modules.stream().map(Answer.ModuleAnswer::answer).toList();
            CapsShape.Agreement agreement = shape.agree(answers);
            if (agreement.settled()) {
                return CompletableFuture.completedFuture(agreement.answer() == null
                        ? failed(persona, instrument, item, NO_MODULE, results, modules)
                        : finish(persona, instrument, item, agreement.answer(), "", results, modules));
            }
            if (integration == Integration.AVERAGE) {
                List<Integer> readable = answers.stream().filter(a -> a != null).toList();
                return CompletableFuture.completedFuture(readable.isEmpty()
                        ? failed(persona, instrument, item, NO_MODULE, results, modules)
                        : finish(persona, instrument, item, shape.average(readable, scale), "", results, modules));
            }
            return gateway.call(shape.coordinator(persona, instrument, item, modules)).thenApply(r -> {
                results.add(r);
                if (!r.ok()) {
                    return failed(persona, instrument, item, "coordinator call failed: " + r.failure(), results, modules);
                }
                Integer option = shape.readCoordinator(r.response().text(), scale);
                return option != null
                        ? finish(persona, instrument, item, option, r.response().text(), results, modules)
                        : failed(persona, instrument, item, Answer.UNREADABLE + " coordinator answer", results, modules);
            });
        });
    }

    /**
     * An allocation item: the three modules each split the endowment after their analysis; equal splits stand,
     * otherwise the answer is the modules' mean split in whole units (there is no coordinator call, since an
     * allocation has no single option to argue for). The paper has no allocation items, so both protocols split
     * them this way.
     */
    private CompletableFuture<Answer> allocation(Persona persona, Instrument instrument, Item item) {
        ResponseScale scale = instrument.response(item);
        List<CompletableFuture<GatewayResult>> calls = new ArrayList<>();
        for (String module : MODULES) {
            calls.add(gateway.call(allocationShape.module(module, persona, instrument, item)));
        }
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
                modules.add(new Answer.ModuleAnswer(MODULES.get(m), null, ValuesimCaps.analysis(text)
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

    private Answer finish(Persona persona, Instrument instrument, Item item, int value, String raw,
                          List<GatewayResult> results, List<Answer.ModuleAnswer> modules) {
        int index = instrument.response(item).indexOf(value);
        if (index < 0) {
            return failed(persona, instrument, item, Answer.NOT_AN_OPTION + ": answer " + value, results, modules);
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
