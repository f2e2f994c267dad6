package org.valuesim.scenarios.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.valuesim.core.values.SchwartzValue;
import org.valuesim.core.values.ValueOutcomes;
import org.valuesim.core.values.ValueStatistics;
import org.valuesim.populations.preset.Preset;
import org.valuesim.populations.preset.PresetBuilder;
import org.valuesim.populations.preset.PresetCatalog;
import org.valuesim.populations.survey.AnswerTable;
import org.valuesim.populations.survey.Codebook;
import org.valuesim.populations.survey.DataException;
import org.valuesim.populations.survey.OutcomeReferences;
import org.valuesim.populations.survey.SurveyReader;
import org.valuesim.scenarios.catalog.PresetFiles;
import org.valuesim.scenarios.catalog.SurveyFiles;
import org.valuesim.scenarios.scenario.InputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "preset", mixinStandardHelpOptions = true,
        description = "List, show and build human value presets.",
        subcommands = {PresetCommand.ListPresets.class, PresetCommand.ShowPreset.class, PresetCommand.BuildPreset.class})
final class PresetCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a preset command: list, show or build");
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the built-in presets.")
    static final class ListPresets implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PresetCatalog catalog = new PresetCatalog();
            for (String name : catalog.builtInNames()) {
                Preset p = catalog.builtIn(name).orElseThrow();
                spec.commandLine().getOut().printf("%-20s %s (%s, %,d respondents)%n", name, p.description(),
                        p.instrument(), p.respondents());
            }
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Print what a preset holds.")
    static final class ShowPreset implements Callable<Integer> {
        @Parameters(paramLabel = "NAME", description = "A built-in preset name or a preset .json file.")
        String name;

        @Mixin
        DebugOption debug;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PresetCatalog catalog = new PresetCatalog();
            Preset p;
            if (name.endsWith(".json")) {
                p = PresetFiles.read(Path.of(name));
            } else {
                p = catalog.builtIn(name).orElseThrow(() -> new InputException("unknown preset '" + name
                        + "'; built-in presets: " + String.join(", ", catalog.builtInNames())));
            }
            PrintWriter out = spec.commandLine().getOut();
            out.printf("%s: %s%n", p.name(), p.description());
            out.printf("source: %s%n", p.source());
            if (p.survey() != null) {
                out.printf("questions: %d with the answer shares of the file's people (instrument %s)%n",
                        p.survey().items().size(), p.survey().id());
            }
            if (!p.hasValues()) {
                out.printf("%,d respondents; no value distribution (its value-keyed questions, if any, cannot model the "
                        + "ten values: each needs two)%n", p.respondents());
                printDemographics(out, p);
                return 0;
            }
            out.printf("instrument: %s (%d items), %,d respondents%n", p.instrument(), p.items().size(), p.respondents());
            out.printf("%n%-16s %12s %10s %12s %10s %14s%n", "value", "latent mean", "latent sd", "human mean",
                    "human sd", "centred mean");
            ValueStatistics latent = p.latent();
            ValueStatistics raw = p.reference().raw();
            for (SchwartzValue v : SchwartzValue.inCircularOrder()) {
                int i = v.ordinal();
                out.printf(java.util.Locale.ROOT, "%-16s %12.3f %10.3f %12.3f %10.3f %14.3f%n", v.id(), latent.means()[i],
                        latent.sds()[i], raw.means()[i], raw.sds()[i], p.reference().centred().means()[i]);
            }
            out.printf("%ndominant value (lead of at least %s scale points): none %.1f%%", p.dominance().margin(),
                    100 * p.dominance().none());
            p.dominance().shares().forEach((v, share) -> out.printf(java.util.Locale.ROOT, ", %s %.1f%%", v, 100 * share));
            out.println();
            printDemographics(out, p);
            if (p.outcomes() != null) {
                printOutcomes(out, p.outcomes());
            }
            out.printf("%ncentred value correlations (human):%n%-16s", "");
            for (SchwartzValue v : SchwartzValue.inCircularOrder()) {
                out.printf("%7s", v.code());
            }
            out.println();
            double[][] c = p.reference().centred().correlation();
            for (SchwartzValue v : SchwartzValue.inCircularOrder()) {
                out.printf("%-16s", v.id());
                for (double x : c[v.ordinal()]) {
                    out.printf(java.util.Locale.ROOT, "%7.2f", x);
                }
                out.println();
            }
            return 0;
        }
    }

    private static void printDemographics(PrintWriter out, Preset p) {
        if (p.demographics() != null) {
            out.printf("demographics (%d cells%s):%n", p.demographics().cells().size(),
                    p.hasValues() ? " drawn jointly with values" : "");
            p.demographics().marginals().forEach((attribute, shares) -> {
                out.printf("  %s:", attribute);
                shares.forEach((c, share) -> out.printf(java.util.Locale.ROOT, " %s %.1f%%", c, 100 * share));
                out.println();
            });
        }
    }

    /** The value-behaviour reference a preset carries: each outcome's correlations with the centred values. */
    private static void printOutcomes(PrintWriter out, ValueOutcomes outcomes) {
        out.printf("%noutcomes: correlation with each centred value (%s)%n%-24s", outcomes.source(), "");
        for (SchwartzValue v : SchwartzValue.inCircularOrder()) {
            out.printf("%7s", v.code());
        }
        out.printf("%8s%n", "n");
        outcomes.outcomes().forEach((name, profile) -> {
            out.printf("%-24s", name.length() > 23 ? name.substring(0, 22) + "~" : name);
            for (double r : profile.r()) {
                out.printf(java.util.Locale.ROOT, "%7.2f", r);
            }
            out.printf(java.util.Locale.ROOT, "%8d%n", profile.fewest());
        });
    }

    @Command(name = "build", mixinStandardHelpOptions = true,
            description = "Build a preset from an individual-level survey file and its codebook; writes DIR/<name>.json "
                    + "(or one DIR/<name>-<group>.json per group).")
    static final class BuildPreset implements Callable<Integer> {
        @Option(names = "--data", required = true, paramLabel = "FILE.csv", description = "Survey answers, one row per respondent.")
        Path data;

        @Option(names = "--codebook", required = true, paramLabel = "CODEBOOK.yaml",
                description = "Which column is which item, the answer coding and the missing codes.")
        Path codebook;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write the preset into.")
        Path out;

        @Option(names = "--group", paramLabel = "COLUMN",
                description = "One preset per value of this column (e.g. country), named <name>-<value>.")
        String group;

        @Mixin
        DebugOption debug;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            java.util.List<Preset> presets = new java.util.ArrayList<>();
            java.util.Map<String, String> noValues = new java.util.HashMap<>();
            var err = spec.commandLine().getErr();
            SurveyFiles survey = SurveyFiles.read(data, codebook, group);
            Codebook book = survey.codebook();
            AnswerTable table = survey.table();
            requireTwoItemsPerValue(survey);
            try {
                double[][] outcomes = book.behaviourItems().isEmpty() ? null
                        : new SurveyReader().readOutcomes(data, book);
                if (group == null) {
                    presets.add(withOutcomes(new PresetBuilder().build(book, table), book, table, outcomes, null));
                    noValues.put(book.name(), whyNoValues(presets.get(0), book, table));
                } else {
                    for (String g : new java.util.TreeSet<>(table.groups())) {
                        String name = book.name() + "-" + g.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
                        try {
                            presets.add(withOutcomes(new PresetBuilder().build(book, table.group(g), name), book,
                                    table, outcomes, g));
                            noValues.put(name, whyNoValues(presets.get(presets.size() - 1), book, table.group(g)));
                        } catch (DataException e) {
                            err.println("skipped group '" + g + "': " + e.getMessage());
                        }
                    }
                    if (presets.isEmpty()) {
                        throw new DataException("no group of column " + group + " has enough respondents");
                    }
                }
            } catch (DataException e) {
                throw new InputException(data + ": " + e.getMessage(), e);
            }
            Files.createDirectories(out);
            for (Preset preset : presets) {
                Path file = out.resolve(preset.name() + ".json");
                new PresetCatalog().write(preset, file);
                spec.commandLine().getOut().printf("wrote %s (%,d respondents%s)%n", file, preset.respondents(),
                        preset.survey() == null ? "" : "; " + preset.survey().items().size() + " questions with their "
                                + "answer shares" + (preset.hasValues() ? "" : "; no value distribution: "
                                + noValues.get(preset.name())));
            }
            return 0;
        }

        /** Why a preset from a codebook with questions has no value part (the value model's own complaint), or null. */
        private static String whyNoValues(Preset preset, Codebook book, AnswerTable people) {
            if (preset.hasValues()) {
                return null;
            }
            try {
                new PresetBuilder().values(book, people);
                throw new IllegalStateException("the value part of " + preset.name() + " was left out, yet it builds");
            } catch (DataException e) {
                return e.getMessage();
            }
        }

        /**
         * The preset with the correlations of the codebook's outcome items (group: behaviours) with the centred values,
         * over the same respondents (one group's when grouped); unchanged when the codebook marks none.
         */
        private Preset withOutcomes(Preset preset, Codebook book, AnswerTable table, double[][] outcomes, String group)
                throws DataException {
            if (book.isMixed()) {
                ValueOutcomes own = !preset.hasValues() ? null : OutcomeReferences.fromQuestions(source(preset),
                        group == null ? table : table.group(group));
                return own == null ? preset : preset.withOutcomes(own);
            }
            if (outcomes == null) {
                return preset;
            }
            java.util.List<Integer> rows = java.util.stream.IntStream.range(0, table.groups().size())
                    .filter(r -> group == null || table.groups().get(r).equals(group)).boxed().toList();
            AnswerTable answers = group == null ? table : table.group(group);
            double[][] own = rows.stream().map(r -> outcomes[r]).toArray(double[][]::new);
            java.util.List<String> names = book.behaviourItems().values().stream().map(Codebook.CodebookItem::item)
                    .toList();
            return preset.withOutcomes(OutcomeReferences.fromSurvey(source(preset), answers, names, own));
        }

        private String source(Preset preset) {
            return preset.name() + " (" + data.getFileName() + ")";
        }

        /**
         * A value's true-score variance is its items' mean covariance: every value needs two items (a codebook with
         * questions is checked as its preset is built, and may have no value-keyed question at all).
         */
        private static void requireTwoItemsPerValue(SurveyFiles survey) throws InputException {
            if (survey.codebook().isMixed()) {
                return;
            }
            for (SchwartzValue value : SchwartzValue.inCircularOrder()) {
                java.util.List<String> columns = survey.codebook().valueItems().entrySet().stream()
                        .filter(e -> SchwartzValue.find(e.getValue().value()).orElseThrow() == value)
                        .map(java.util.Map.Entry::getKey).toList();
                if (columns.size() < 2) {
                    throw survey.sources().error("/items", "a preset needs at least two items of every value; "
                            + value.id() + " has " + (columns.isEmpty() ? "none" : "one (" + columns.get(0) + ")"));
                }
            }
        }
    }
}
