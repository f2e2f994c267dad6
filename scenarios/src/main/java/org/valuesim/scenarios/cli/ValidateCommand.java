package org.valuesim.scenarios.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.valuesim.core.instrument.Instrument;
import org.valuesim.scenarios.run.RunPlan;
import org.valuesim.scenarios.scenario.StrictReader;
import org.valuesim.scenarios.study.PlannedRun;
import org.valuesim.scenarios.study.StudyPlan;
import org.valuesim.scenarios.study.StudyPlanner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check a scenario (or a study) and print what it would run, with its defaults filled in; writes "
                + "nothing.")
final class ValidateCommand implements Callable<Integer> {

    @Parameters(paramLabel = "SCENARIO.yaml", description = "The scenario file, or a study file.")
    Path scenario;

    @Mixin
    SetOptions set;

    @Mixin
    DebugOption debug;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (StrictReader.yaml().parse(scenario).root().has("base")) {
            return validateStudy();
        }
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
        out.printf("compare to: %s%s%n", plan.referenceName() == null ? "none" : plan.referenceName(), referenceNote(plan));
        for (var reference : plan.outcomes()) {
            int n = reference.outcomes().size();
            out.printf("value-behaviour reference: %s (%d outcome%s)%n", reference.source(), n, n == 1 ? "" : "s");
        }
        out.println("scenario as it would run:");
        out.print(plan.file().asRunYaml());
        return 0;
    }

    /** A study file: every condition and run planned and checked; prints the runs it would make. */
    private int validateStudy() throws Exception {
        StudyPlan plan = new StudyPlanner().plan(scenario, set.overrides());
        var out = spec.commandLine().getOut();
        out.printf("%s%s: valid study %s: %d conditions x %d replicates = %d runs (seed %d; replicate k runs with seed "
                + "+ k - 1)%n", scenario, set.asArguments(), plan.name(), plan.conditions().size(), plan.replicates(),
                plan.runs().size(), plan.seed());
        for (PlannedRun run : plan.runs()) {
            RunPlan p = run.plan();
            out.printf("%s: seed %d, %s, respondent %s%n", run.folder(), run.seed(), p.accuracy() != null
                    ? "accuracy of imported individuals (" + p.accuracy().folds() + " folds)" : p.individuals()
                    ? "imported individuals" : String.format("%,d personas (%s)", p.size(), p.strategy().id()),
                    p.file().scenario().respondent().kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        }
        if (plan.cache() != null) {
            out.printf("model-call cache shared by every run: %s%n", plan.cache());
        }
        return 0;
    }

    /** What is compared when the reference answered another instrument than the population's value instrument. */
    private static String referenceNote(RunPlan plan) {
        if (plan.reference() == null && plan.referenceName() != null) {
            return " (no value distribution: its questions' answer shares are compared where the run asks them, "
                    + "instruments: [" + org.valuesim.scenarios.run.Planner.CODEBOOK + "])";
        }
        if (plan.reference() == null || plan.instruments().stream().anyMatch(i -> i.id().equals(plan.reference().instrument()))) {
            return "";
        }
        return " (its people answered " + plan.reference().instrument() + ": the ten values' structure is compared, and "
                + "the value means where the answer scales match; item-level comparisons are left out)";
    }
}
