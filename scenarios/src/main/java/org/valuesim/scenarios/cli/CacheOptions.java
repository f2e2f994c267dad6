package org.valuesim.scenarios.cli;

import org.valuesim.core.llm.ModelGateway;
import org.valuesim.scenarios.scenario.InputException;
import picocli.CommandLine.Option;

/** --no-cache and --refresh-cache, on every command that may call a model. */
final class CacheOptions {

    @Option(names = "--no-cache", description = "Neither read nor write the model-call cache.")
    boolean noCache;

    @Option(names = "--refresh-cache", description = "Ask the model again and overwrite cached answers.")
    boolean refreshCache;

    ModelGateway.CacheMode mode() throws InputException {
        if (noCache && refreshCache) {
            throw new InputException("--no-cache and --refresh-cache: choose one (--refresh-cache writes the cache, "
                    + "--no-cache does not touch it)");
        }
        return noCache ? ModelGateway.CacheMode.OFF
                : refreshCache ? ModelGateway.CacheMode.REFRESH : ModelGateway.CacheMode.USE;
    }
}
