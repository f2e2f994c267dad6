package org.valuesim.scenarios.cli;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.valuesim.scenarios.cluster.GridConfig;
import org.valuesim.scenarios.cluster.Worker;
import org.valuesim.scenarios.run.Models;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "worker", mixinStandardHelpOptions = true,
        description = "Start a cluster member: it answers the runs that coordinators (valuesim run --cluster) send it, "
                + "with the API keys of its own environment and its own cache file. Runs until stopped (Ctrl-C).")
final class WorkerCommand implements Callable<Integer> {

    @Option(names = "--cluster", paramLabel = "NAME", required = true, description = "The cluster's name; members and "
            + "coordinators of other names are refused.")
    String cluster;

    @Option(names = "--port", paramLabel = "N", description = "Port to listen on (default 5701, or the next free one).")
    Integer port;

    @Option(names = "--join", paramLabel = "HOST:PORT", split = ",", description = "Members to join; leave out on the "
            + "first member.")
    List<String> join;

    @Option(names = "--interface", paramLabel = "ADDR", description = "The address to listen on and announce to the "
            + "others (this machine's address on the private network).")
    String networkInterface;

    @Option(names = "--kubernetes-service", paramLabel = "NAME", description = "Find the other members as the pods of "
            + "this (headless) Kubernetes service instead of --join.")
    String kubernetesService;

    @Option(names = "--cache", paramLabel = "FILE", defaultValue = Models.DEFAULT_CACHE, description = "This member's "
            + "model-call cache file (default ${DEFAULT-VALUE}).")
    Path cache;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "16", description = "Tasks this member answers at once "
            + "(default ${DEFAULT-VALUE}); model calls are bounded by each model's max-in-flight.")
    int threads;

    @Option(names = "--cached-calls", paramLabel = "N", defaultValue = "1000000", description = "Model calls the "
            + "cluster's cache keeps in this member's memory (default ${DEFAULT-VALUE}); all stay in its cache file.")
    int cachedCalls;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        OptionRanges.require("--threads", threads, 1, 4096, null);
        OptionRanges.require("--cached-calls", cachedCalls, 1, Integer.MAX_VALUE, null);
        if (port != null) {
            OptionRanges.require("--port", port, 1, 65535, null);
        }
        if (kubernetesService != null && join != null) {
            throw new org.valuesim.scenarios.scenario.InputException("--kubernetes-service finds the members itself: "
                    + "leave out --join");
        }
        var out = spec.commandLine().getOut();
        HazelcastInstance member = Worker.start(GridConfig.member(cluster, port, join == null ? List.of() : join,
                networkInterface, kubernetesService, cachedCalls, threads), cache);
        CountDownLatch stopped = new CountDownLatch(1);
        member.getLifecycleService().addLifecycleListener(e -> {
            if (e.getState() == LifecycleEvent.LifecycleState.SHUTDOWN) {
                stopped.countDown();
            }
        });
        member.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
                out.println("member joined: " + event.getMember().getAddress() + " (" + event.getMembers().size()
                        + " members)");
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                out.println("member left: " + event.getMember().getAddress() + " (" + event.getMembers().size()
                        + " members)");
            }
        });
        out.println("valuesim worker: member " + member.getCluster().getLocalMember().getAddress() + " of cluster '"
                + cluster + "' (" + member.getCluster().getMembers().size() + " members), cache " + cache
                + "; stop with Ctrl-C");
        stopped.await();
        return 0;
    }
}
