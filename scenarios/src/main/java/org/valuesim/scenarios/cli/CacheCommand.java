package org.valuesim.scenarios.cli;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Callable;
import org.valuesim.core.cache.SqliteCallCache;
import org.valuesim.scenarios.run.Models;
import org.valuesim.scenarios.scenario.InputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "cache", mixinStandardHelpOptions = true, description = "Inspect, export and clear the model-call cache.",
        subcommands = {CacheCommand.Stats.class, CacheCommand.Clear.class, CacheCommand.Export.class})
final class CacheCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a cache command: stats, clear or export");
    }

    /** The --cache option shared by the subcommands. */
    static final class CacheFile {
        @Option(names = "--cache", paramLabel = "FILE", defaultValue = Models.DEFAULT_CACHE,
                description = "The cache file (default ${DEFAULT-VALUE}).")
        Path file;

        SqliteCallCache open() throws Exception {
            if (!Files.isRegularFile(file)) {
                throw new InputException(file + ": no cache file here");
            }
            return SqliteCallCache.open(file, 1);
        }
    }

    @Command(name = "stats", mixinStandardHelpOptions = true, description = "Entries, models and file size.")
    static final class Stats implements Callable<Integer> {
        @Mixin
        CacheFile cache;
        @Mixin
        DebugOption debug;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            try (SqliteCallCache c = cache.open()) {
                var out = spec.commandLine().getOut();
                out.printf("%s: %,d entries, %,d bytes%n", cache.file, c.size(), Files.size(cache.file));
                c.countsByModel().forEach((model, n) -> out.printf("  %s: %,d%n", model, n));
            }
            return 0;
        }
    }

    @Command(name = "clear", mixinStandardHelpOptions = true, description = "Remove every entry.")
    static final class Clear implements Callable<Integer> {
        @Mixin
        CacheFile cache;
        @Mixin
        DebugOption debug;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            try (SqliteCallCache c = cache.open()) {
                long n = c.size();
                c.clear();
                spec.commandLine().getOut().printf("removed %,d entries from %s%n", n, cache.file);
            }
            return 0;
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write every entry as one JSON object a line (key, provider, model, response, created_at).")
    static final class Export implements Callable<Integer> {
        @Mixin
        CacheFile cache;
        @Option(names = "--out", required = true, paramLabel = "FILE.jsonl", description = "Must not exist yet.")
        Path out;
        @Mixin
        DebugOption debug;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (Files.exists(out)) {
                throw new InputException(out + ": exists; the export never writes over a file");
            }
            try (SqliteCallCache c = cache.open();
                 BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW)) {
                long n = c.export(w);
                spec.commandLine().getOut().printf("wrote %,d entries to %s%n", n, out);
            }
            return 0;
        }
    }
}
