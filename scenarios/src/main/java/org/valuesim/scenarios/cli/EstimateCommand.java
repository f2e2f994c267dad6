package org.valuesim.scenarios.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.valuesim.populations.preset.PresetCatalog;
import org.valuesim.scenarios.catalog.InstrumentCatalog;
import org.valuesim.scenarios.cost.Estimate;
import org.valuesim.scenarios.cost.Estimator;
import org.valuesim.scenarios.cost.ModelEstimate;
import org.valuesim.scenarios.run.Planner;
import org.valuesim.scenarios.scenario.InputException;
import org.valuesim.scenarios.scenario.ScenarioLoader;
import org.valuesim.scenarios.scenario.StrictReader;
import org.valuesim.scenarios.study.PlannedRun;
import org.valuesim.scenarios.study.StudyPlan;
import org.valuesim.scenarios.study.StudyPlanner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "estimate", mixinStandardHelpOptions = true,
        description = "Count the model calls and tokens a scenario (or every run of a study) will make and price them, "
                + "live and batched, before any call: nothing is sent and nothing is written.")
final class EstimateCommand implements Callable<Integer> {

    @Parameters(paramLabel = "SCENARIO.yaml", description = "The scenario file, or a study file.")
    Path scenario;

    @Option(names = "--seed", paramLabel = "N", description = "Overrides the scenario's seed.")
    Long seed;

    @Option(names = "--json", description = "Print the estimate as JSON.")
    boolean json;

    @Mixin
    SetOptions set;

    @Mixin
    DebugOption debug;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Estimate estimate;
        if (StrictReader.yaml().parse(scenario).root().has("base")) {
            if (seed != null) {
                throw new InputException("--seed: a study's runs take their seeds from the study (replicate k: seed + "
                        + "k - 1); give the study a seed: in its file");
            }
            StudyPlan study = new StudyPlanner(false).plan(scenario, set.overrides());
            estimate = estimate(study);
            if (!json) {
                out.printf("%s: study %s, %d runs (%d conditions x %d replicates) sharing one model-call cache: estimate "
                                + "before any call (nothing is sent, nothing is written); a request an earlier run "
                                + "asks counts as shared%n", scenario, study.name(), study.runs().size(),
                        study.conditions().size(), study.replicates());
            }
        } else {
            var file = new ScenarioLoader().load(scenario, set.overrides());
            estimate = new Estimator().estimate(new Planner(new PresetCatalog(), new InstrumentCatalog(), false)
                    .plan(file, seed));
            if (!json) {
                out.printf("%s: estimate before any call (nothing is sent, nothing is written)%n", scenario);
            }
        }
        if (json) {
            out.println(new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                    .enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(estimate));
            return 0;
        }
        if (estimate.models().isEmpty()) {
            out.println("no model calls: every respondent answers in-process");
            return 0;
        }
        for (ModelEstimate m : estimate.models()) {
            print(out, m);
        }
        if (estimate.models().stream().anyMatch(m -> m.pricing() != null)) {
            out.printf(Locale.ROOT, "total expected cost: live $%s, batched $%s (with prompt caching: live $%s, batched "
                            + "$%s)%n", usd(estimate.cost(false, false)), usd(estimate.cost(true, false)),
                    usd(estimate.cost(false, true)), usd(estimate.cost(true, true)));
        }
        estimate.notes().forEach(note -> out.println("note: " + note));
        return 0;
    }

    /** Every run of a study in the order it runs, the requests of earlier runs answered by the shared cache. */
    private static Estimate estimate(StudyPlan study) throws InputException {
        java.util.Set<String> asked = new java.util.HashSet<>();
        Estimate total = Estimate.none();
        for (PlannedRun run : study.runs()) {
            total = total.plus(new Estimator().estimate(run.plan(), asked));
        }
        return total;
    }

    private static void print(PrintWriter out, ModelEstimate m) {
        out.printf(Locale.ROOT, "model %s: %s, submit %s; tokens counted with %s%n", m.model(), m.description(),
                m.batch() ? "batch" : "live", m.tokenizer());
        out.printf(Locale.ROOT, "  requests %,d: %,d shared with an identical request, %,d answered by the cache -> "
                + "%,d distinct calls (and at most %,d more if answers need a repair, a coordinator or a new story)%n",
                m.requests(), m.shared(), m.cacheHits(), m.calls(), m.followUpsAtMost());
        out.printf(Locale.ROOT, "  input tokens %,d (a provider's prompt cache would serve %,d and write %,d)%n",
                m.inputTokens(), m.cachedInputTokens(), m.cacheWriteTokens());
        out.printf(Locale.ROOT, "  output tokens %,d expected, at most %,d%n", m.outputTokens(), m.outputTokensAtMost());
        if (m.pricing() == null) {
            out.println("  cost: no pricing block for this model");
            return;
        }
        var p = m.pricing();
        out.printf(Locale.ROOT, "  cost in USD at input %s, cached input %s, cache write %s, output %s per million, "
                + "batch discount %s%n", p.input(), p.cachedInput(), p.cacheWrite(), p.output(), p.batchDiscount());
        out.printf(Locale.ROOT, "  %-22s %14s %14s%n", "", "live", "batched");
        out.printf(Locale.ROOT, "  %-22s %14s %14s%n", "expected", usd(m.cost(false, false)), usd(m.cost(true, false)));
        out.printf(Locale.ROOT, "  %-22s %14s %14s%n", "with prompt caching", usd(m.cost(false, true)),
                usd(m.cost(true, true)));
        out.printf(Locale.ROOT, "  %-22s %14s %14s%n", "at most (output limits)", usd(m.costAtMost(false)),
                usd(m.costAtMost(true)));
    }

    private static String usd(double dollars) {
        return String.format(Locale.ROOT, "%,.6f", dollars);
    }
}
