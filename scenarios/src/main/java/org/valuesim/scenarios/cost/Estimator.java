package org.valuesim.scenarios.cost;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.valuesim.core.dilemma.Dilemma;
import org.valuesim.core.dilemma.DilemmaPhase;
import org.valuesim.core.instrument.Instrument;
import org.valuesim.core.instrument.Item;
import org.valuesim.core.instrument.ResponseOption;
import org.valuesim.core.instrument.ResponseScale;
import org.valuesim.core.llm.ModelGateway;
import org.valuesim.core.network.SocialNetwork;
import org.valuesim.core.persona.Persona;
import org.valuesim.core.respond.Answer;
import org.valuesim.core.respond.CapsRespondent;
import org.valuesim.core.respond.Decision;
import org.valuesim.core.respond.Prompts;
import org.valuesim.core.respond.Provenance;
import org.valuesim.core.respond.Respondent;
import org.valuesim.populations.individuals.BackstoryWriter;
import org.valuesim.populations.preset.PresetCatalog;
import org.valuesim.scenarios.catalog.InstrumentCatalog;
import org.valuesim.scenarios.run.Models;
import org.valuesim.scenarios.run.Planner;
import org.valuesim.scenarios.run.RunPlan;
import org.valuesim.scenarios.run.ScenarioRunner;
import org.valuesim.scenarios.scenario.InputException;
import org.valuesim.scenarios.scenario.Scenario;
import org.valuesim.scenarios.scenario.ScenarioFile;

/**
 * Prices a scenario before any call and without a server: the run's own respondents build every first call of the
 * survey and of each dilemma round exactly as the run will (through the gateways, so identical prompts are shared and
 * cached ones answered), and a recorder counts them instead of sending them. Dilemma rounds after the first are
 * priced with a made-up history of the same shape, since the real one depends on the answers. Calls that only some
 * answers need (repairs, CAPS coordinators, backstories written again) are counted as an upper bound apart.
 */
public final class Estimator {

    /** Estimates a planned scenario. */
    public Estimate estimate(RunPlan plan) throws InputException {
        return estimate(plan, new java.util.HashSet<>());
    }

    /**
     * Estimates one run of several that share a model-call cache (a study's): a request an earlier run asks, named
     * by its cache key in {@code askedBefore}, is answered by then and counted as shared; this run's keys are added.
     */
    public Estimate estimate(RunPlan plan, java.util.Set<String> askedBefore) throws InputException {
        ScenarioFile file = plan.file();
        Scenario scenario = file.scenario();
        String cachePath = scenario.cache() == null ? Models.DEFAULT_CACHE : scenario.cache();
        // an estimate writes nothing: a cache file that does not exist yet answers nothing
        ModelGateway.CacheMode mode = Files.exists(Path.of(cachePath)) ? ModelGateway.CacheMode.USE
                : ModelGateway.CacheMode.OFF;
        Map<String, CallRecorder> recorders = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        try (Models models = new Models(file, mode)) {
            models.dispatchAllTo((name, gateway) -> recorders.computeIfAbsent(name,
                    n -> recorder(scenario.models().get(n), askedBefore)));
            List<Persona> personas = personas(plan, models, notes);
            Respondent respondent = ScenarioRunner.respondent(plan, models);
            Prompts prompts = ScenarioRunner.prompts(plan);
            for (Persona persona : personas) {
                for (Instrument instrument : plan.instruments()) {
                    for (Item item : instrument.items()) {
                        respondent.answer(persona, instrument, item);
                    }
                }
            }
            if (respondent.readsDecisionText()) {
                for (Dilemma dilemma : plan.dilemmas()) {
                    play(dilemma, personas, respondent, prompts, plan.seed());
                }
                if (!plan.dilemmas().isEmpty() && !recorders.isEmpty()) {
                    notes.add("dilemma rounds after the first are priced with a made-up history of the same shape "
                            + "(own move, payoff, neighbours' moves); each agent's later prompts are taken as distinct");
                }
            }
            List<ModelEstimate> estimates = new ArrayList<>();
            for (var e : recorders.entrySet()) {
                String name = e.getKey();
                Scenario.Model m = scenario.models().get(name);
                var stats = models.gateway(name, "/models/" + name).stats().snapshot();
                long followUps = followUps(plan, name, e.getValue().calls);
                estimates.add(e.getValue().estimate(name, providerName(m) + " " + m.model(),
                        stats.requests(), stats.sharedRequests(), stats.cacheHits(),
                        followUps, Models.pricing(m), m.submit() == Scenario.Submit.BATCH));
                if (!TokenCounter.forModel(m.provider(), m.model()).exact()) {
                    String note = "tokens of " + m.model() + " are counted with OpenAI's cl100k_base encoding, an "
                            + "approximation: its own tokenizer may count some percent more or fewer";
                    if (!notes.contains(note)) {
                        notes.add(note);
                    }
                }
            }
            return new Estimate(estimates, notes);
        }
    }

    private CallRecorder recorder(Scenario.Model m, java.util.Set<String> askedBefore) {
        boolean anthropic = m.provider() == Scenario.Provider.ANTHROPIC;
        var options = Models.options(m);
        boolean caching = anthropic ? options.promptCache() : m.provider() == Scenario.Provider.OPENAI_COMPATIBLE;
        int minimum = m.pricing() != null && m.pricing().cacheMinTokens() != null ? m.pricing().cacheMinTokens()
                : DEFAULT_CACHE_MIN_TOKENS;
        return new CallRecorder(TokenCounter.forModel(m.provider(), m.model()), options.reasoningTokens(), caching,
                anthropic, minimum, askedBefore);
    }

    /** The shortest prefix OpenAI caches, and the smallest Anthropic's models cache (1,024 to 4,096 by model). */
    static final int DEFAULT_CACHE_MIN_TOKENS = 1024;

    /** The personas as the run draws them; imported individuals' llm backstories priced, template ones in their place. */
    private static List<Persona> personas(RunPlan plan, Models models, List<String> notes) throws InputException {
        if (!plan.individuals()) {
            return plan.strategy().sample(plan.preset(), plan.size(), plan.seed(), plan.fixedDemographics());
        }
        ScenarioFile file = plan.file();
        Scenario.Individuals spec = file.scenario().population().individuals();
        Planner planner = new Planner(new PresetCatalog(), new InstrumentCatalog(), false);
        List<Persona> personas = planner.population(file, plan.seed(), models, true).personas();
        if (spec.backstory() == Scenario.BackstoryKind.LLM) {
            BackstoryWriter writer = planner.backstoryWriter(file, models);
            ModelGateway gateway = models.gateway(spec.backstoryModel(), "/population/individuals/backstory-model");
            for (Persona p : personas) {
                writer.firstCall(p).ifPresent(gateway::call);
            }
            notes.add("the llm backstory writer's stories are not written yet: respondents' prompts are priced with "
                    + "the template backstories, which keep the same facts at about the same length");
        }
        return personas;
    }

    /**
     * Further calls some answers need, at most: a repair per call, a CAPS coordinator per item, stories rewritten,
     * an item of a group asked alone (and repaired).
     */
    private static long followUps(RunPlan plan, String model, long calls) {
        Scenario scenario = plan.file().scenario();
        Scenario.Individuals individuals = scenario.population().individuals();
        if (individuals != null && model.equals(individuals.backstoryModel())
                && !model.equals(scenario.respondent().model())) {
            return calls * (individuals.maxAttempts() - 1);
        }
        if (scenario.respondent().kind() == Scenario.RespondentKind.BACKSTORY_CAPS) {
            return calls / CapsRespondent.MODULES.size();
        }
        Integer perCall = scenario.respondent().itemsPerCall();
        // an item whose line cannot be read is asked alone, and that call may need its repair
        return perCall != null && perCall > 1 ? calls * perCall * 2 : calls;
    }

    /**
     * Every agent's decision in every round of a dilemma, as the phase words it: round 1 exactly; later rounds with
     * a made-up history (each agent's own move, payoff and neighbours' moves varying from agent to agent and round to
     * round, as real ones do).
     */
    private static void play(Dilemma dilemma, List<Persona> personas, Respondent respondent, Prompts prompts,
                             long seed) {
        SocialNetwork network = DilemmaPhase.network(dilemma, personas.size(), seed);
        Instrument frame = dilemma.game().frame(dilemma.id());
        ArrayDeque<DilemmaPhase.PlayedRound> history = new ArrayDeque<>();
        for (int round = 1; round <= dilemma.rounds(); round++) {
            for (int agent = 0; agent < personas.size(); agent++) {
                String text = DilemmaPhase.decisionText(prompts, dilemma, agent, round, network.neighbours(agent), history);
                Item item = new Item("round-" + round, text, null, false, null);
                respondent.act(personas.get(agent), new Decision(dilemma.game().kind(), round, frame, item,
                        round == 1 ? Double.NaN : 0.5));
            }
            history.addLast(madeUp(dilemma, frame, personas, round));
            while (history.size() > dilemma.memory()) {
                history.removeFirst();
            }
        }
    }

    /** A round of plausible moves: each agent's option (or split) and payoff varying with agent and round. */
    private static DilemmaPhase.PlayedRound madeUp(Dilemma dilemma, Instrument frame, List<Persona> personas, int round) {
        ResponseScale scale = dilemma.game().move();
        String[] actions = new String[personas.size()];
        double[] payoffs = new double[personas.size()];
        for (int agent = 0; agent < personas.size(); agent++) {
            int spread = agent * 7 + round * 3;
            Answer move;
            if (scale.isAllocation()) {
                int[] amounts = new int[scale.size()];
                int endowment = scale.endowment() == null ? 10 : scale.endowment();
                for (int unit = 0; unit < endowment; unit++) {
                    amounts[(spread + unit) % amounts.length]++;
                }
                move = Answer.allocated(agent, frame.id(), "move", amounts, "", Provenance.embedded("estimate"));
            } else {
                List<ResponseOption> options = scale.options();
                ResponseOption chosen = options.get(Math.floorMod(spread, options.size()));
                move = Answer.ok(agent, frame.id(), "move", chosen.value(), null, "", Provenance.embedded("estimate"));
            }
            actions[agent] = dilemma.game().action(move);
            payoffs[agent] = Math.floorMod(spread, 23) + 0.5 * Math.floorMod(agent, 3);
        }
        return new DilemmaPhase.PlayedRound(round, actions, payoffs);
    }

    private static String providerName(Scenario.Model m) {
        return switch (m.provider()) {
            case OPENAI_COMPATIBLE -> "openai-compatible";
            case ANTHROPIC -> "anthropic";
            case OLLAMA -> "ollama";
        };
    }
}
