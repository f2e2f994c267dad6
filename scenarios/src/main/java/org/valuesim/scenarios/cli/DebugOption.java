package org.valuesim.scenarios.cli;

import picocli.CommandLine.Option;

/** --debug on every command: print stack traces of errors. */
final class DebugOption {

    @Option(names = "--debug", description = "Print the stack trace of an error.")
    boolean debug;
}
