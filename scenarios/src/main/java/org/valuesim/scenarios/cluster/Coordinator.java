package org.valuesim.scenarios.cluster;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import org.valuesim.core.cluster.ShardedRespondent;
import org.valuesim.core.sim.ValueSimulation;
import org.valuesim.core.llm.ModelGateway;
import org.valuesim.core.respond.Respondent;
import org.valuesim.core.cost.Budget;
import org.valuesim.scenarios.run.Models;
import org.valuesim.scenarios.run.Placement;
import org.valuesim.scenarios.run.RunPlan;
import org.valuesim.scenarios.scenario.InputException;
import org.valuesim.scenarios.scenario.Scenario;

/**
 * The CLI as a cluster's coordinator. It joins as a Hazelcast client, not as a member: it owns no partition of the
 * cluster's cache, so its coming and going (or its crash) never moves data between members, it needs no port of
 * its own that members connect back to, and it connects in about a second where a member joins in several. It
 * plans, sends blocks of agents' questions to the members ({@link BlockScheduler}), acts as the barrier between
 * phases and rounds (the simulation waits for every block of a phase), gathers the answers in agent order and
 * writes the results folder itself.
 */
public final class Coordinator implements Placement, AutoCloseable {

    /** Blocks in flight per member at least: enough to keep it busy while a block's answers travel back. */
    static final int BLOCKS_PER_MEMBER = 4;
    /** Blocks in flight per member at most: a worker answers 16 tasks at once unless started with --threads. */
    static final int MOST_BLOCKS_PER_MEMBER = 16;
    /**
     * A study's runs going at once per member: while one run of a member's is planned, or its results are written,
     * on the coordinator, the other's blocks keep the member busy.
     */
    static final int RUNS_PER_MEMBER = 2;
    /** At most this many runs at once, whatever the members (each holds its population on the coordinator). */
    static final int MOST_RUNS_AT_ONCE = 16;
    /** How long a block that has not filled waits for more questions (a resumed run's blocks). */
    static final long LINGER_MILLIS = 200;

    private final HazelcastInstance client;
    private final String cluster;
    private final Integer blockSize;
    private final GridProgress progress;
    /**
     * The schedulers of the runs not yet closed: a run's end (normally sent when its respondent closes, which removes
     * it here) is sent at the latest on close.
     */
    private final List<BlockScheduler> schedulers = new CopyOnWriteArrayList<>();

    private Coordinator(HazelcastInstance client, String cluster, Integer blockSize, GridProgress progress) {
        this.client = client;
        this.cluster = cluster;
        this.blockSize = blockSize;
        this.progress = progress;
    }

    /**
     * Connects to the cluster through any of the addresses.
     *
     * @param blockSize     agents per block, or null to choose from the population's size
     * @param connectMillis how long to try before giving up
     * @throws InputException (one line, exit 2) when no member is reachable
     */
    public static Coordinator connect(String cluster, List<String> join, Integer blockSize, long connectMillis,
                                      GridProgress progress) throws InputException {
        try {
            return new Coordinator(HazelcastClient.newHazelcastClient(GridConfig.client(cluster, join, connectMillis)),
                    cluster, blockSize, progress);
        } catch (IllegalStateException e) {
            throw new InputException("no member of cluster '" + cluster + "' reachable at " + String.join(",", join)
                    + " within " + connectMillis / 1000 + " s: start members with valuesim worker --cluster " + cluster
                    + ", or check --join and --cluster");
        }
    }

    /** Members now in the cluster. */
    public int members() {
        return client.getCluster().getMembers().size();
    }

    @Override
    public int runsAtOnce() {
        return Math.min(MOST_RUNS_AT_ONCE, Math.max(2, RUNS_PER_MEMBER * members()));
    }

    /**
     * Agents per block: about 64 blocks per phase so that members share the work evenly, at most 1,000 agents, and
     * when the survey runs in windows smaller than the population, an even split of a window (blocks end at its
     * edges, see {@link ShardedRespondent}).
     */
    static int blockSize(int agents, int window) {
        int size = Math.max(1, Math.min(1000, (agents + 63) / 64));
        if (window >= agents) {
            return size;
        }
        int perWindow = (window + size - 1) / size;
        return (window + perWindow - 1) / perWindow;
    }

    /**
     * Refuses what a cluster does not run, before anything is written: a model with {@code submit: batch}. Its calls
     * are answered by the provider's batch service, not by the members, and the batch journal that lets a resumed
     * run re-attach to batches already paid lives in the run folder on the coordinator's machine, which members
     * cannot write; so such a run runs without --cluster (it gains nothing from members).
     */
    public static void check(RunPlan plan) throws InputException {
        var models = plan.file().scenario().models();
        if (models == null) {
            return;
        }
        for (var model : models.entrySet()) {
            if (model.getValue().submit() == Scenario.Submit.BATCH) {
                throw plan.file().error("/models/" + model.getKey() + "/submit", "submit: batch does not run on a "
                        + "cluster (the provider answers batches, and their journal stays in the run folder on this "
                        + "machine): run it without --cluster, or set submit: live");
            }
        }
    }

    @Override
    public Respondent place(RunPlan plan, ModelGateway.CacheMode mode, Models models, Respondent local, int agents)
            throws InputException {
        check(plan);
        RunSpec spec = new RunSpec(UUID.randomUUID().toString(), plan.file().path().toAbsolutePath().toString(),
                plan.file().asRunYaml(), plan.seed(), mode.name(), models.budget() != null);
        if (spec.ledger()) {
            // the run's budget-usd with what a resumed run spent before; without one there is nothing to check, and
            // the cost reaches this machine with each block's figures
            Budget budget = models.budget();
            GridBudget.open(client.getMap(GridBudget.MAP), spec.runId(), budget.limit(), budget.spent());
        }
        prepare(spec);
        int window = ValueSimulation.surveyWindow(local, agents);
        int size = blockSize != null ? blockSize : blockSize(agents, window);
        BlockScheduler scheduler = new BlockScheduler(client, spec,
                blocksPerMember(maxInFlight(plan), (long) size * Math.max(1, plan.answersPerAgent())), progress,
                models::madeElsewhere, schedulers::remove);
        schedulers.add(scheduler);
        return new ShardedRespondent(local, agents, size, window, (int) plan.answersPerAgent(), scheduler,
                LINGER_MILLIS);
    }

    /**
     * Blocks sent to a member before its first comes back: enough that their questions fill twice the model's
     * calls in flight (so the member's slots stay full while a block's answers travel back and the next arrive), at
     * least {@link #BLOCKS_PER_MEMBER}, at most {@link #MOST_BLOCKS_PER_MEMBER}. Small blocks of a model with many
     * calls in flight (a small population against a large server) need more than a few.
     *
     * @param inFlight       the model's max-in-flight (0 without a model)
     * @param blockQuestions the questions of a survey block
     */
    static int blocksPerMember(int inFlight, long blockQuestions) {
        long wanted = (2L * inFlight + Math.max(1, blockQuestions) - 1) / Math.max(1, blockQuestions);
        return (int) Math.max(BLOCKS_PER_MEMBER, Math.min(MOST_BLOCKS_PER_MEMBER, wanted));
    }

    /** The largest max-in-flight among the scenario's models, 0 without models. */
    private static int maxInFlight(RunPlan plan) {
        var models = plan.file().scenario().models();
        return models == null ? 0 : models.values().stream().mapToInt(Models::maxInFlight).max().orElse(0);
    }

    /** Sets the run up on every member, so that one that cannot answer it is named before anything is written. */
    private void prepare(RunSpec spec) throws InputException {
        Map<Member, Future<String>> answers = client.getExecutorService(GridConfig.EXECUTOR)
                .submitToAllMembers(RunTask.prepare(spec));
        if (answers.isEmpty()) {
            throw new InputException("cluster '" + cluster + "' has no member");
        }
        for (Map.Entry<Member, Future<String>> e : answers.entrySet()) {
            String problem;
            try {
                problem = e.getValue().get();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new InputException("interrupted while the members set the run up");
            } catch (java.util.concurrent.ExecutionException failed) {
                problem = String.valueOf(failed.getCause());
            }
            if (problem != null) {
                throw new InputException("member " + e.getKey().getAddress() + " cannot answer this run: " + problem);
            }
        }
    }

    @Override
    public void close() {
        try {
            schedulers.forEach(BlockScheduler::close);
        } catch (RuntimeException e) {
            // the members close idle runs themselves
        }
        client.shutdown();
    }
}
