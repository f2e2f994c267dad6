package org.valuesim.scenarios.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.valuesim.core.persona.Persona;
import org.valuesim.core.values.SchwartzValue;
import org.valuesim.populations.preset.PresetCatalog;
import org.valuesim.scenarios.catalog.InstrumentCatalog;
import org.valuesim.scenarios.run.Models;
import org.valuesim.scenarios.run.Planner;
import org.valuesim.scenarios.scenario.InputException;
import org.valuesim.scenarios.scenario.ScenarioLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "population", mixinStandardHelpOptions = true, description = "Draw and inspect populations.",
        subcommands = PopulationCommand.Sample.class)
final class PopulationCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a population command: sample");
    }

    @Command(name = "sample", mixinStandardHelpOptions = true,
            description = "Write a scenario's population, one JSON persona a line: id, dominant value (null for an "
                    + "unprimed persona), latent values where the strategy draws them, demographics, and for imported "
                    + "individuals their profile statements and backstory.")
    static final class Sample implements Callable<Integer> {

        @Parameters(paramLabel = "SCENARIO.yaml", description = "The scenario file.")
        Path scenario;

        @Option(names = "--out", required = true, paramLabel = "FILE.jsonl", description = "Must not exist yet.")
        Path out;

        @Option(names = "--seed", paramLabel = "N", description = "Overrides the scenario's seed.")
        Long seed;

        @Mixin
        SetOptions set;

        @Mixin
        CacheOptions cache;

        @Mixin
        DebugOption debug;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            var file = new ScenarioLoader().load(scenario, set.overrides());
            if (Files.exists(out)) {
                throw new InputException(out + ": exists; personas are never written over an existing file");
            }
            Planner.Population plan;
            Map<String, org.valuesim.core.llm.ModelAccounting> accounting;
            try (Models models = new Models(file, cache.mode())) {
                plan = new Planner(new PresetCatalog(), new InstrumentCatalog()).population(file, seed, models);
                accounting = models.accounting();
            }
            List<Persona> personas = plan.personas();
            ObjectMapper json = new ObjectMapper();
            if (out.toAbsolutePath().getParent() != null) {
                Files.createDirectories(out.toAbsolutePath().getParent());
            }
            try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW)) {
                for (Persona p : personas) {
                    Map<String, Object> line = new LinkedHashMap<>();
                    line.put("id", p.id());
                    line.put("strategy", plan.strategy());
                    line.put("dominant_value", p.dominant() == null ? null : p.dominant().id());
                    if (p.latent() != null) {
                        Map<String, Double> latent = new LinkedHashMap<>();
                        for (SchwartzValue v : SchwartzValue.inCircularOrder()) {
                            latent.put(v.id(), Math.round(p.latent().get(v) * 1e6) / 1e6);
                        }
                        line.put("latent_values", latent);
                    }
                    line.put("demographics", p.demographics());
                    if (!p.profile().isEmpty()) {
                        line.put("profile", p.profile().stream().map(s -> s.text()).toList());
                    }
                    if (p.backstory() != null) {
                        line.put("backstory", p.backstory());
                        line.put("backstory_coverage", Math.round(plan.backstories().get(p.id()).coverage() * 1e6) / 1e6);
                        line.put("backstory_attempts", plan.backstories().get(p.id()).attempts());
                    }
                    w.write(json.writeValueAsString(line));
                    w.write('\n');
                }
            }
            spec.commandLine().getOut().printf("wrote %,d personas (%s from %s, seed %d) to %s%n", personas.size(),
                    plan.strategy(), plan.source(), plan.seed(), out);
            accounting.forEach((model, a) -> spec.commandLine().getOut().printf(
                    "model %s: %,d requests, %,d model calls, %,d cache hits, %,d retries, %,d failed, %,d tokens in, %,d out%n",
                    model, a.requests(), a.modelCalls(), a.cacheHits(), a.retries(), a.failedRequests(), a.tokensIn(),
                    a.tokensOut()));
            return 0;
        }
    }
}
