package org.valuesim.scenarios.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.valuesim.core.llm.ModelGateway;
import org.valuesim.scenarios.catalog.InstrumentCatalog;
import org.valuesim.scenarios.probe.ModelProbe;
import org.valuesim.scenarios.probe.ProbeReport;
import org.valuesim.scenarios.run.Models;
import org.valuesim.scenarios.scenario.InputException;
import org.valuesim.scenarios.scenario.Scenario;
import org.valuesim.scenarios.scenario.ScenarioFile;
import org.valuesim.scenarios.scenario.ScenarioLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "check-model", mixinStandardHelpOptions = true,
        description = "Probe a scenario's model with a handful of calibration items before a study pays for it: whether "
                + "the protocol answers, log-probabilities and their tokens, readable answers, their spread, latency "
                + "and calls/s at a few in-flight levels, prefix caching; recommends answer-mode and max-in-flight. "
                + "Sends a few dozen calls (paid on a paid API); the cache is neither read nor written.")
final class CheckModelCommand implements Callable<Integer> {

    @Parameters(paramLabel = "SCENARIO.yaml", description = "The scenario file.")
    Path scenario;

    @Option(names = "--model", paramLabel = "NAME", description = "The model to probe (default: the respondent's).")
    String model;

    @Option(names = "--levels", paramLabel = "N,N,...", split = ",",
            description = "Calls in flight at which latency and calls/s are measured (default 1,4,16).")
    List<Integer> levels = List.of(1, 4, 16);

    @Mixin
    DebugOption debug;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ScenarioFile file = new ScenarioLoader().load(scenario);
        String name = model != null ? model : file.scenario().respondent().model();
        if (name == null && file.scenario().models() != null && file.scenario().models().size() == 1) {
            name = file.scenario().models().keySet().iterator().next();
        }
        if (name == null) {
            throw new InputException(scenario + ": name the model to check with --model (a key of models)");
        }
        for (int level : levels) {
            if (level < 1 || level > 4096) {
                throw new InputException("--levels: each level lies between 1 and 4096, got " + level);
            }
        }
        Models.check(file, name, model != null ? "/models" : "/respondent/model");
        Scenario.Model spec = file.scenario().models().get(name);
        PrintWriter out = this.spec.commandLine().getOut();
        out.printf("checking model %s (%s %s at %s)%n", name, spec.provider().name().toLowerCase(Locale.ROOT)
                .replace('_', '-'), spec.model(), spec.baseUrl() != null ? spec.baseUrl() : spec.baseUrls());
        int widest = levels.stream().mapToInt(Integer::intValue).max().orElse(1);
        ProbeReport report;
        try (Models models = new Models(file, ModelGateway.CacheMode.OFF);
             ModelGateway gateway = models.uncachedGateway(name, "/models/" + name, widest)) {
            report = new ModelProbe(gateway, org.valuesim.core.respond.Prompts.builtIn(),
                    new InstrumentCatalog().builtIn("pvq21").orElseThrow(),
                    spec.provider() == Scenario.Provider.OPENAI_COMPATIBLE,
                    spec.temperature() == null ? 0 : spec.temperature()).run(levels);
        }
        print(out, report);
        return report.answered() == 0 ? ValuesimCommand.FAILED : 0;
    }

    private static void print(PrintWriter out, ProbeReport r) {
        if (r.answered() == 0) {
            out.printf("protocol: no answer to the first calibration prompt: %s%n", r.firstFailure());
            out.println("recommendation: fix the model entry (base-url, model, api-key-env) before running a study");
            return;
        }
        out.printf(Locale.ROOT, "protocol: answers (%d of %d calibration prompts)%s%n", r.answered(), r.prompts(),
                r.firstFailure().isEmpty() ? "" : "; a failure: " + r.firstFailure());
        if (!r.logprobsProtocol()) {
            out.println("log-probabilities: this protocol returns none");
        } else if (r.withLogprobs() == 0) {
            out.println("log-probabilities: none came back (the server ignores logprobs or the model refuses them)");
        } else {
            out.printf(Locale.ROOT, "log-probabilities: %d of %d answers carry them; %d name an option; first answer's "
                    + "top tokens: %s%n", r.withLogprobs(), r.answered(), r.logprobsNamingOption(),
                    String.join(", ", r.tokens().stream().map(t -> "\"" + t + "\"").toList()));
        }
        out.printf(Locale.ROOT, "readable answers: %d of %d (%.0f%%)%n", r.readable(), r.answered(),
                100.0 * r.readable() / r.answered());
        out.printf(Locale.ROOT, "spread: %s; %s%n", r.chosen(), r.readable() == 0 ? "nothing to spread"
                : r.piledOnOne() ? String.format(Locale.ROOT, "piles on one option (%.0f%% of answers)",
                        100 * r.modalShare()) : String.format(Locale.ROOT, "spread over the options (the most chosen "
                        + "takes %.0f%%)", 100 * r.modalShare()));
        if (!Double.isNaN(r.personaContrast())) {
            out.printf(Locale.ROOT, "persona: the power persona sees itself in the self-enhancement portraits %.2f scale "
                    + "points more than the benevolence persona (%s)%n", r.personaContrast(),
                    r.personaContrast() > 0.5 ? "it follows its persona" : "it barely follows its persona");
        }
        for (ProbeReport.Level l : r.levels()) {
            out.printf(Locale.ROOT, "in flight %d: %d of %d answered, latency p50 %d ms, p90 %d ms, p99 %d ms, %.1f calls/s%n",
                    l.inFlight(), l.answered(), l.calls(), l.p50(), l.p90(), l.p99(), l.callsPerSecond());
        }
        var p = r.prefix();
        if (!p.tried()) {
            out.println("prefix caching: could not be tried (a call failed)");
        } else if (p.cachedTokens() > 0) {
            out.printf(Locale.ROOT, "prefix caching: yes, the server read %,d of the repeat's %,d prompt tokens from its "
                    + "cache (first %d ms, repeat %d ms)%n", p.cachedTokens(), p.promptTokens(), p.firstMs(), p.repeatMs());
        } else {
            out.printf(Locale.ROOT, "prefix caching: the server reports no cached tokens (first %d ms, repeat %d ms%s)%n",
                    p.firstMs(), p.repeatMs(), p.repeatMs() < 0.6 * p.firstMs() ? ": the repeat was much faster, "
                            + "so it may cache without saying" : "");
        }
        out.printf("recommendation: answer-mode: %s, max-in-flight: %d%s%n", r.recommendedAnswerMode(),
                r.recommendedMaxInFlight(), r.readable() < 0.9 * r.answered()
                        ? "; many answers cannot be read: this model may not follow the answer format (try another "
                        + "prompt with respondent.prompts, or a larger model)" : "");
    }
}
