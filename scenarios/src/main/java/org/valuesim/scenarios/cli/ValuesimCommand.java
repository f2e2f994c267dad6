package org.valuesim.scenarios.cli;

import java.io.PrintWriter;
import java.util.List;
import org.valuesim.scenarios.run.Version;
import org.valuesim.scenarios.scenario.InputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The valuesim command line: the scenarios module's entry point. */
@Command(name = "valuesim", mixinStandardHelpOptions = true, versionProvider = ValuesimCommand.VersionProvider.class,
        description = "Simulate populations of value-driven personas and measure how human-like they are.")
public final class ValuesimCommand implements Runnable {

    /**
     * The commands, in the order the help lists them. picocli reads a command's options from its class (reflection,
     * one object per option) when it is added, and reading all of them cost about 0.15 s of CPU at every start, so a
     * command line that names one of them gets only that one (see {@link #commandLine}).
     */
    private static final List<Class<?>> COMMANDS = List.of(RunCommand.class, StudyCommand.class,
            ValidateCommand.class, ReportCommand.class, CompareCommand.class, BenchCommand.class,
            PopulationCommand.class, CacheCommand.class, EstimateCommand.class, CheckModelCommand.class,
            PresetCommand.class, WorkerCommand.class, CommandLine.HelpCommand.class);

    /** Exit code for bad input (scenario, data, codebook, options). */
    public static final int BAD_INPUT = 2;
    /** Exit code for a run that failed. */
    public static final int FAILED = 1;
    /** Exit code for a run that budget-usd stopped (resumable). */
    public static final int BUDGET = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command");
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code = execute(args, out, err);
        // autoflush covers println only: a command's last print (validate's scenario) would be lost on exit
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs the command line with the given streams and returns the exit code. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = commandLine(args);
        cli.setOut(out);
        cli.setErr(err);
        // a mistyped command line is bad input like any other: one line (the usage is one --help away), exit 2
        cli.setParameterExceptionHandler((e, args2) -> {
            CommandLine command = e.getCommandLine();
            String message = e.getMessage().strip().replace('\n', ' ').replace(" is not an int", " is not a whole number")
                    .replace(" is not a long", " is not a whole number");
            command.getErr().println("error: " + message + " (see " + command.getCommandSpec().qualifiedName()
                    + " --help)");
            return BAD_INPUT;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            boolean debug = parseResult.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--debug"))
                    || parseResult.hasMatchedOption("--debug");
            if (debug) {
                e.printStackTrace(commandLine.getErr());
            }
            if (e instanceof InputException) {
                commandLine.getErr().println("error: " + e.getMessage());
                return BAD_INPUT;
            }
            if (e instanceof org.valuesim.scenarios.run.RunFailure) {
                commandLine.getErr().println("error: " + e.getMessage());
                return FAILED;
            }
            commandLine.getErr().println("error: the run failed: " + describe(e));
            return FAILED;
        });
        return cli.execute(args);
    }

    /**
     * valuesim with the command that the first argument names, or with all of them when it names none (no arguments,
     * an option, a typo, or help, which lists them): what a command prints and does does not depend on its siblings.
     */
    static CommandLine commandLine(String[] args) {
        CommandLine cli = new CommandLine(new ValuesimCommand());
        String first = args.length == 0 ? "" : args[0];
        List<Class<?>> named = COMMANDS.stream().filter(c -> c != CommandLine.HelpCommand.class
                && c.getAnnotation(Command.class).name().equals(first)).toList();
        for (Class<?> command : named.isEmpty() ? COMMANDS : named) {
            cli.addSubcommand(command);
        }
        return cli;
    }

    private static String describe(Throwable e) {
        StringBuilder s = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            s.append(": ").append(c.getMessage());
        }
        return s.toString().replace('\n', ' ');
    }

    /** --version: valuesim's, MASON's and the JVM's. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"valuesim " + Version.valuesim(), "MASON " + Version.mason(),
                    "Java " + System.getProperty("java.version")};
        }
    }
}
