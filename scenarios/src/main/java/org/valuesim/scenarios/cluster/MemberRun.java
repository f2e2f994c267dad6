package org.valuesim.scenarios.cluster;

import com.hazelcast.map.IMap;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.valuesim.core.cost.Budget;
import org.valuesim.core.llm.BudgetExceeded;
import org.valuesim.core.llm.CallsStopped;
import org.valuesim.core.cluster.Question;
import org.valuesim.core.dilemma.Dilemma;
import org.valuesim.core.instrument.Instrument;
import org.valuesim.core.instrument.Item;
import org.valuesim.core.llm.GatewayStats;
import org.valuesim.core.llm.ModelGateway;
import org.valuesim.core.log.AnswerLines;
import org.valuesim.core.persona.Persona;
import org.valuesim.core.respond.Answer;
import org.valuesim.core.respond.Decision;
import org.valuesim.core.respond.Provenance;
import org.valuesim.core.respond.Respondent;
import org.valuesim.populations.preset.PresetCatalog;
import org.valuesim.scenarios.catalog.InstrumentCatalog;
import org.valuesim.scenarios.run.Models;
import org.valuesim.scenarios.run.Planner;
import org.valuesim.scenarios.run.RunPlan;
import org.valuesim.scenarios.run.ScenarioRunner;
import org.valuesim.scenarios.scenario.InputException;
import org.valuesim.scenarios.scenario.ScenarioLoader;
import org.valuesim.scenarios.scenario.StrictReader;

/**
 * One run as a member answers it: the scenario planned here as the coordinator planned it, the respondent built
 * here (with this member's API keys and cache file, the cluster's cache in front), and the run's instruments and
 * dilemma frames by id.
 */
final class MemberRun implements AutoCloseable {

    private final Models models;
    private final Respondent respondent;
    private final Map<String, Instrument> instruments = new HashMap<>();
    private final Map<String, Map<String, Item>> items = new HashMap<>();
    private volatile long lastUsed = System.nanoTime();

    private MemberRun(RunSpec spec, Path cacheFile, IMap<String, String> grid,
                      IMap<String, Budget.State> ledgers) throws InputException {
        Path path = Path.of(spec.scenarioPath());
        var file = new ScenarioLoader().load(StrictReader.yaml().parse(path, spec.yaml()), List.of());
        RunPlan plan = new Planner(new PresetCatalog(), new InstrumentCatalog()).plan(file, spec.seed());
        ModelGateway.CacheMode mode = ModelGateway.CacheMode.valueOf(spec.cacheMode());
        // identical requests wait for each other across the cluster only when the cache is in use
        boolean guarded = mode == ModelGateway.CacheMode.USE;
        this.models = new Models(file, mode, new Models.Layers(cacheFile, local -> new GridCallCache(grid, local),
                (name, backend) -> guarded ? new GridBackend(backend, grid) : backend,
                spec.ledger() ? new GridBudget(ledgers, spec.runId()) : null));
        this.respondent = ScenarioRunner.respondent(plan, models);
        for (Instrument instrument : plan.instruments()) {
            index(instrument);
        }
        for (Dilemma dilemma : plan.dilemmas()) {
            index(dilemma.game().frame(dilemma.id()));
        }
    }

    static MemberRun open(RunSpec spec, Path cacheFile, IMap<String, String> grid,
                          IMap<String, Budget.State> ledgers) throws InputException {
        return new MemberRun(spec, cacheFile, grid, ledgers);
    }

    private void index(Instrument instrument) {
        instruments.put(instrument.id(), instrument);
        Map<String, Item> byId = new HashMap<>();
        instrument.items().forEach(item -> byId.put(item.id(), item));
        items.put(instrument.id(), byId);
    }

    /** Answers a block's questions, in order, as response-log lines. */
    BlockAnswers answer(List<Persona> personas, List<Question> questions) {
        lastUsed = System.nanoTime();
        Map<Integer, Persona> byId = new HashMap<>();
        personas.forEach(p -> byId.put(p.id(), p));
        List<CompletableFuture<Answer>> pending = new ArrayList<>(questions.size());
        AtomicReference<CallsStopped> stopped = new AtomicReference<>();
        for (Question q : questions) {
            Persona persona = byId.get(q.agent());
            Instrument instrument = instruments.get(q.instrument());
            if (persona == null || instrument == null) {
                throw new IllegalArgumentException("a block asked agent " + q.agent() + " about " + q.instrument()
                        + ", which this member's plan of the run does not have");
            }
            CompletableFuture<Answer> answer;
            if (q.move() == null) {
                answer = respondent.answer(persona, instrument, items.get(q.instrument()).get(q.item()));
            } else {
                Question.Move m = q.move();
                answer = respondent.act(persona, new Decision(m.game(), m.round(), instrument,
                        new Item(q.item(), m.text(), null, false, null), m.othersCooperation()));
            }
            // as the one-machine run records a respondent that fails instead of answering; a stop is no answer
            pending.add(answer.exceptionally(e -> {
                CallsStopped stop = CallsStopped.in(e);
                if (stop != null) {
                    stopped.compareAndSet(null, stop);
                    return null;
                }
                return Answer.failed(persona.id(), q.instrument(), q.item(), "respondent error: " + e, "",
                        Provenance.embedded(respondent.kind()));
            }));
        }
        List<String> lines = new ArrayList<>(pending.size());
        for (CompletableFuture<Answer> answer : pending) {
            Answer a = answer.join();
            if (a != null) {
                lines.add(AnswerLines.write(a));
            }
        }
        lastUsed = System.nanoTime();
        CallsStopped stop = stopped.get();
        return stop == null ? new BlockAnswers(lines, figures(), null, false)
                : new BlockAnswers(List.of(), figures(), stop.getMessage(), stop instanceof BudgetExceeded);
    }

    /**
     * Each model's figures since the last report. A block's calls are counted before its answers complete, so the
     * figures of a run's last block include everything; one report at a time keeps a report's parts together.
     */
    private synchronized Map<String, GatewayStats.Tally> figures() {
        Map<String, GatewayStats.Tally> out = new HashMap<>();
        models.stats().forEach((name, stats) -> {
            GatewayStats.Tally tally = stats.drain();
            if (!tally.empty()) {
                out.put(name, tally);
            }
        });
        return out;
    }

    /** Nanoseconds since this run last answered a block. */
    long idleNanos() {
        return System.nanoTime() - lastUsed;
    }

    @Override
    public void close() {
        respondent.close();
        models.close();
    }
}
