package org.valuesim.scenarios.run;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.valuesim.core.llm.ModelAccounting;
import org.valuesim.core.log.ResponseLog;
import org.valuesim.core.sim.ValueSimulation;
import org.valuesim.results.ResultsFolder;
import org.valuesim.results.record.AnswerCounts;
import org.valuesim.results.record.DilemmaSummary;
import org.valuesim.results.record.RunManifest;
import org.valuesim.results.record.RunSummary;
import org.valuesim.results.write.Decimals;
import org.valuesim.scenarios.scenario.Scenario;

/** The parts of a run's summary and manifest that the runner knows: header, counts, failures, networks. */
final class RunRecords {

    /** Clustering is computed for networks up to this many agents (it costs degree^2 per agent). */
    private static final int CLUSTERING_LIMIT = 200_000;

    private RunRecords() {
    }

    /** The summary's header: what ran, on whom, with how many answers and moves. */
    static RunSummary.Header header(RunPlan plan, int agents, String respondent, ResultsFolder results) {
        Scenario.Population p = plan.file().scenario().population();
        RunSummary.Population population = plan.individuals()
                ? new RunSummary.Population(p.individuals().data(), null, null, "individuals", respondent, instruments(plan))
                : new RunSummary.Population(null, plan.preset().name(), plan.preset().description(), plan.strategy().id(),
                        respondent, instruments(plan));
        boolean dilemmas = !plan.dilemmas().isEmpty();
        String caps = plan.file().scenario().respondent().kind() != Scenario.RespondentKind.BACKSTORY_CAPS ? null
                : plan.file().scenario().respondent().integration() == Scenario.Integration.AVERAGE ? "average"
                : "coordinator";
        return new RunSummary.Header(plan.name(), plan.seed(), agents, population, results.counts().answers(),
                results.counts().failed(), dilemmas ? results.moveCounts().answers() : null,
                dilemmas ? results.moveCounts().failed() : null, plan.referenceName(), caps);
    }

    private static List<String> instruments(RunPlan plan) {
        return plan.instruments().stream().map(i -> i.id()).toList();
    }

    /**
     * Answer counts from the answers; model calls, cache hits and retries from the gateways (calls can be shared).
     *
     * @param agents the agents, or null when not known (an interrupted run)
     */
    static RunManifest.Counts counts(Integer agents, ResultsFolder results, Models models) {
        AnswerCounts c = results.counts();
        AnswerCounts moves = results.moveCounts();
        return new RunManifest.Counts(agents, c.answers(), c.ok(), c.failed(), moves.answers(), moves.ok(),
                moves.failed(), models.total(ModelAccounting::modelCalls), models.total(ModelAccounting::cacheHits),
                models.total(ModelAccounting::sharedRequests), models.total(ModelAccounting::retries),
                c.tokensIn() + moves.tokensIn(), c.tokensOut() + moves.tokensOut());
    }

    /** Counts, failures and per-model accounting into the manifest. */
    static void account(RunManifest.Builder manifest, Integer agents, ResultsFolder results, Models models) {
        manifest.accounting(counts(agents, results, models), AnswerCounts.failures(results.counts(),
                results.moveCounts()), models.accounting());
    }

    /**
     * Why a run in which every answer and every dilemma move failed is a failure, naming the commonest reason; null
     * when any succeeded.
     */
    static String allFailed(ResultsFolder results) {
        AnswerCounts answers = results.counts();
        AnswerCounts moves = results.moveCounts();
        if (answers.answers() + moves.answers() == 0 || answers.ok() + moves.ok() > 0) {
            return null;
        }
        RunManifest.Failures f = AnswerCounts.failures(answers, moves);
        String what = (answers.answers() == 1 ? "the one answer" : "all " + answers.answers() + " answers")
                + (moves.answers() == 0 ? "" : " and " + moves.answers() + " dilemma moves");
        return what + " failed: " + f.commonestReason()
                + (f.distinctReasons() > 1 ? " (" + f.commonestCount() + " of them; " + (f.distinctReasons() - 1)
                + " other reasons in responses.csv)" : "");
    }

    static RunManifest.ResponseLog log(ResponseLog log) {
        return new RunManifest.ResponseLog(ResponseLog.FILE, log.loggedCount(), log.readMillis(), log.appended());
    }

    /** Each dilemma's network as built: its kind and parameters, ties, mean and largest degree and clustering. */
    static Map<String, DilemmaSummary.Network> networks(ValueSimulation simulation) {
        Map<String, DilemmaSummary.Network> out = new LinkedHashMap<>();
        for (var phase : simulation.dilemmas()) {
            var spec = phase.dilemma().network();
            var net = phase.network();
            String kind = spec.kind();
            boolean ring = kind.equals("ring") || kind.equals("small-world");
            out.put(phase.dilemma().id(), new DilemmaSummary.Network(kind, ring ? Integer.valueOf(spec.degree()) : null,
                    kind.equals("small-world") ? Double.valueOf(spec.rewire()) : null,
                    kind.equals("scale-free") ? Integer.valueOf(spec.m()) : null, net.edges(),
                    Decimals.round(net.meanDegree(), 6),
                    java.util.stream.IntStream.range(0, net.size()).map(net::degree).max().orElse(0),
                    net.size() <= CLUSTERING_LIMIT ? Decimals.round(net.clustering(), 6) : null));
        }
        return out;
    }
}
