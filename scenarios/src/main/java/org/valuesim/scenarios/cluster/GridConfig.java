package org.valuesim.scenarios.cluster;

import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.EvictionConfig;
import com.hazelcast.config.EvictionPolicy;
import com.hazelcast.config.ExecutorConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MaxSizePolicy;
import com.hazelcast.config.NetworkConfig;
import java.util.List;

/**
 * How valuesim's members and coordinator are configured: discovery by TCP-IP on the addresses given (or Kubernetes),
 * never multicast or cloud auto-detection, no phone-home; failure detection within seconds; the task executor and
 * the model-call map.
 */
public final class GridConfig {

    /** The executor that runs blocks on members. */
    static final String EXECUTOR = "valuesim-blocks";
    /** Held so that its level stays set (loggers are only weakly kept). */
    private static final java.util.logging.Logger HAZELCAST_LOG = java.util.logging.Logger.getLogger("com.hazelcast");

    /** Hazelcast's default member port. */
    public static final int DEFAULT_PORT = 5701;

    private GridConfig() {
    }

    /**
     * A member's configuration.
     *
     * @param port              the port to listen on, or null for 5701 (or the next free one)
     * @param join              members to join ("host:port"), empty for the first member
     * @param networkInterface  the address to bind and announce, or null to let Hazelcast pick
     * @param kubernetesService the headless service whose pods are the members, or null for TCP-IP join
     * @param cachedCalls       model calls the cluster's map keeps per member (least recently used leave it first)
     * @param blockThreads      blocks a member answers at once
     */
    public static Config member(String cluster, Integer port, List<String> join, String networkInterface,
                                String kubernetesService, int cachedCalls, int blockThreads) {
        Config config = new Config();
        config.setClusterName(cluster);
        common(config.getProperties());
        config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        config.setProperty("hazelcast.max.no.heartbeat.seconds", "10");
        config.setProperty("hazelcast.shutdownhook.policy", "GRACEFUL");
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(port == null ? DEFAULT_PORT : port).setPortAutoIncrement(port == null);
        if (networkInterface != null) {
            network.getInterfaces().setEnabled(true).addInterface(networkInterface);
            config.setProperty("hazelcast.local.localAddress", networkInterface);
        }
        JoinConfig discovery = network.getJoin();
        discovery.getMulticastConfig().setEnabled(false);
        discovery.getAutoDetectionConfig().setEnabled(false);
        if (kubernetesService != null) {
            discovery.getKubernetesConfig().setEnabled(true).setProperty("service-name", kubernetesService);
        } else {
            discovery.getTcpIpConfig().setEnabled(true).setMembers(join.isEmpty()
                    ? List.of(networkInterface != null ? networkInterface : "127.0.0.1") : join);
        }
        config.addExecutorConfig(new ExecutorConfig(EXECUTOR).setPoolSize(blockThreads).setStatisticsEnabled(false));
        config.addMapConfig(new MapConfig(GridCalls.MAP).setBackupCount(1).setStatisticsEnabled(false)
                .setEvictionConfig(new EvictionConfig().setEvictionPolicy(EvictionPolicy.LRU)
                        .setMaxSizePolicy(MaxSizePolicy.PER_NODE).setSize(cachedCalls)));
        return config;
    }

    /**
     * The coordinator's configuration: a client of the cluster (see {@link Coordinator}).
     *
     * @param connectMillis how long to try the addresses before giving up
     */
    public static ClientConfig client(String cluster, List<String> join, long connectMillis) {
        ClientConfig config = new ClientConfig();
        config.setClusterName(cluster);
        common(config.getProperties());
        // the coordinator says what went wrong in its own words, once
        config.setProperty("hazelcast.logging.type", "none");
        // on Ctrl-C the run's own hook stops the run as interrupted; the client must not be gone before it
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        config.getNetworkConfig().setAddresses(join).setSmartRouting(true);
        config.getConnectionStrategyConfig().getConnectionRetryConfig().setClusterConnectTimeoutMillis(connectMillis)
                .setInitialBackoffMillis(200).setMaxBackoffMillis(2000);
        return config;
    }

    private static void common(java.util.Properties properties) {
        properties.setProperty("hazelcast.phone.home.enabled", "false");
        properties.setProperty("hazelcast.logging.type", "jdk");
        HAZELCAST_LOG.setLevel(java.util.logging.Level.WARNING);
    }
}
