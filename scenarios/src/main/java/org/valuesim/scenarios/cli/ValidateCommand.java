package org.valuesim.scenarios.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.valuesim.core.instrument.Instrument;
import org.valuesim.scenarios.run.RunPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check a scenario and print what it would run, with its defaults filled in; writes nothing.")
final class ValidateCommand implements Callable<Integer> {

    @Parameters(paramLabel = "SCENARIO.yaml", description = "The scenario file.")
    Path scenario;

    @Mixin
    SetOptions set;

    @Mixin
    DebugOption debug;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        RunPlan plan = Plans.plan(scenario, null, set.overrides());
        var out = spec.commandLine().getOut();
        out.printf("%s%s: valid%n", scenario, set.asArguments());
        if (plan.individuals()) {
            out.printf("population: imported individuals from %s, seed %d%n",
                    plan.file().scenario().population().individuals().data(), plan.seed());
        } else {
            out.printf("population: %,d personas from preset %s (%s, strategy %s), seed %d%n", plan.size(),
                    plan.preset().name(), plan.preset().description(), plan.strategy().id(), plan.seed());
        }
        out.printf("respondent: %s%n", plan.file().scenario().respondent().kind().name().toLowerCase(java.util.Locale.ROOT));
        for (Instrument i : plan.instruments()) {
            out.printf("instrument: %s (%d items, up to %d options)%n", i.id(), i.items().size(), i.maxOptions());
        }
        for (var d : plan.dilemmas()) {
            var n = d.network();
            String network = switch (n.kind()) {
                case "ring" -> "ring of degree " + n.degree();
                case "small-world" -> "small-world of degree " + n.degree() + ", rewire " + n.rewire();
                case "scale-free" -> "scale-free with m " + n.m();
                default -> n.kind();
            };
            out.printf("dilemma: %s (%s, %d rounds, %s network)%n", d.id(), d.game().kind(), d.rounds(), network);
        }
        if (!plan.individuals()) {
            out.printf("answers: %,d%n", plan.size() * plan.answersPerAgent());
            if (!plan.dilemmas().isEmpty()) {
                out.printf("moves: %,d%n", plan.size() * plan.movesPerAgent());
            }
        }
        out.printf("compare to: %s%s%n", plan.referenceName(), referenceNote(plan));
        for (var reference : plan.outcomes()) {
            int n = reference.outcomes().size();
            out.printf("value-behaviour reference: %s (%d outcome%s)%n", reference.source(), n, n == 1 ? "" : "s");
        }
        out.println("scenario as it would run:");
        out.print(plan.file().asRunYaml());
        return 0;
    }

    /** What is compared when the reference answered another instrument than the population's value instrument. */
    private static String referenceNote(RunPlan plan) {
        if (plan.reference() == null || plan.instruments().stream().anyMatch(i -> i.id().equals(plan.reference().instrument()))) {
            return "";
        }
        return " (its people answered " + plan.reference().instrument() + ": the ten values' structure is compared, and "
                + "the value means where the answer scales match; item-level comparisons are left out)";
    }
}
