package org.valuesim.scenarios.cli;

import java.util.List;
import org.valuesim.scenarios.cluster.Coordinator;
import org.valuesim.scenarios.cluster.GridProgress;
import org.valuesim.scenarios.scenario.InputException;
import picocli.CommandLine.Option;

/** --cluster and --join on the commands that can run on a cluster (run, study): the CLI becomes the coordinator. */
final class ClusterOptions {

    @Option(names = "--cluster", paramLabel = "NAME", description = "Run on the cluster of this name (members started "
            + "with valuesim worker --cluster NAME); this machine coordinates and writes the results folder.")
    String cluster;

    @Option(names = "--join", paramLabel = "HOST:PORT", split = ",", description = "Addresses of cluster members "
            + "(one is enough; default 127.0.0.1:5701).")
    List<String> join;

    @Option(names = "--shard-size", paramLabel = "N", description = "Agents per task sent to a member (default: about "
            + "1/64 of the population, at most 1000).")
    Integer shardSize;

    @Option(names = "--connect-timeout", paramLabel = "SECONDS", defaultValue = "15",
            description = "How long to try the members before giving up (default 15).")
    int connectSeconds;

    boolean clustered() throws InputException {
        if (cluster == null && (join != null || shardSize != null)) {
            throw new InputException((join != null ? "--join" : "--shard-size") + " is for a cluster run: give --cluster NAME");
        }
        return cluster != null;
    }

    /** Connects as the coordinator; one line and exit 2 when no member is reachable. */
    Coordinator connect(GridProgress progress) throws InputException {
        if (shardSize != null) {
            OptionRanges.require("--shard-size", shardSize, 1, 1_000_000, null);
        }
        OptionRanges.require("--connect-timeout", connectSeconds, 1, 3600, null);
        List<String> addresses = join == null || join.isEmpty() ? List.of("127.0.0.1:5701") : join;
        return Coordinator.connect(cluster, addresses, shardSize, connectSeconds * 1000L, progress);
    }
}
