package org.valuesim.scenarios.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.ExecutionCallback;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.core.MemberLeftException;
import com.hazelcast.spi.exception.TargetDisconnectedException;
import com.hazelcast.spi.exception.TargetNotMemberException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.valuesim.core.cluster.Block;
import org.valuesim.core.cluster.BlockRunner;
import org.valuesim.core.cluster.PersonaCodec;
import org.valuesim.core.llm.BudgetExceeded;
import org.valuesim.core.llm.CallsStopped;
import org.valuesim.core.llm.GatewayStats;
import org.valuesim.core.log.AnswerLines;
import org.valuesim.core.respond.Answer;

/**
 * Sends blocks to the cluster's members, a few at a time per member, in the order they are ready: a member that
 * finishes one gets the next, so fast members take more and a member that joins late takes work at once. A block
 * whose member left the cluster (killed, disconnected) goes back to the head of the queue and runs on another;
 * its model calls already made are in the cluster's cache, so they are not asked again.
 */
final class BlockScheduler implements BlockRunner, MembershipListener {

    private final HazelcastInstance client;
    private final IExecutorService executor;
    private final RunSpec spec;
    private final int perMember;
    private final GridProgress progress;
    /** Adds each model's figures counted on the members to the run's models (its manifest, cost and notes). */
    private final BiConsumer<String, GatewayStats.Tally> counted;
    /** Told once, when the run is closed (its coordinator then forgets it). */
    private final Consumer<BlockScheduler> onClose;
    private final Deque<Queued> queue = new ArrayDeque<>();
    private final Map<UUID, Integer> busy = new HashMap<>();
    private final Set<UUID> lost = new HashSet<>();
    private final AtomicBoolean clusterLost = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final UUID membership;
    private final UUID lifecycle;

    private record Queued(BlockTask task, CompletableFuture<List<Answer>> done) {
    }

    BlockScheduler(HazelcastInstance client, RunSpec spec, int perMember, GridProgress progress,
                   BiConsumer<String, GatewayStats.Tally> counted, Consumer<BlockScheduler> onClose) {
        this.client = client;
        this.executor = client.getExecutorService(GridConfig.EXECUTOR);
        this.spec = spec;
        this.perMember = perMember;
        this.progress = progress;
        this.counted = counted;
        this.onClose = onClose;
        this.membership = client.getCluster().addMembershipListener(this);
        this.lifecycle = client.getLifecycleService().addLifecycleListener(event -> {
            if (!client.getLifecycleService().isRunning()) {
                failQueued();
            }
        });
        progress.members(client.getCluster().getMembers().size());
    }

    /** The coordinator left the cluster for good: what is still queued cannot be answered. */
    private void failQueued() {
        loseCluster();
        List<Queued> left;
        synchronized (this) {
            left = new ArrayList<>(queue);
            queue.clear();
        }
        left.forEach(q -> q.done().completeExceptionally(
                new IllegalStateException("the coordinator lost its connection to the cluster")));
    }

    @Override
    public CompletableFuture<List<Answer>> run(Block block) {
        CompletableFuture<List<Answer>> done = new CompletableFuture<>();
        BlockTask task = new BlockTask(spec, PersonaCodec.write(block.personas()), block.questions());
        synchronized (this) {
            queue.addLast(new Queued(task, done));
        }
        pump();
        return done;
    }

    /** Sends queued blocks to members with room, the least busy first. */
    private void pump() {
        List<Runnable> sends = new ArrayList<>();
        synchronized (this) {
            while (!queue.isEmpty()) {
                Member target = null;
                int least = perMember;
                for (Member m : client.getCluster().getMembers()) {
                    int load = busy.getOrDefault(m.getUuid(), 0);
                    if (!lost.contains(m.getUuid()) && load < least) {
                        target = m;
                        least = load;
                    }
                }
                if (target == null) {
                    break;
                }
                Queued next = queue.removeFirst();
                busy.merge(target.getUuid(), 1, Integer::sum);
                Member member = target;
                sends.add(() -> send(next, member));
            }
        }
        sends.forEach(Runnable::run);
    }

    private void send(Queued queued, Member member) {
        try {
            executor.submitToMember(queued.task(), member, new ExecutionCallback<BlockAnswers>() {
                @Override
                public void onResponse(BlockAnswers response) {
                    finished(member);
                    response.models().forEach(counted);
                    progress.blockDone(response.calls());
                    if (response.stopped() != null) {
                        // the run stops as on one machine: no answer of the block is recorded, a resumed run asks
                        // them again (those the member had made come from the cluster's cache)
                        queued.done().completeExceptionally(response.budget() ? new BudgetExceeded(response.stopped())
                                : new CallsStopped(response.stopped()));
                        pump();
                        return;
                    }
                    try {
                        queued.done().complete(response.answers().stream().map(AnswerLines::read).toList());
                    } catch (RuntimeException e) {
                        queued.done().completeExceptionally(e);
                    }
                    pump();
                }

                @Override
                public void onFailure(Throwable t) {
                    failed(queued, member, t);
                }
            });
        } catch (RuntimeException e) {
            failed(queued, member, e);
        }
    }

    private void failed(Queued queued, Member member, Throwable t) {
        boolean gone = memberGone(t) || !client.getCluster().getMembers().contains(member);
        synchronized (this) {
            busy.merge(member.getUuid(), -1, Integer::sum);
            if (gone && client.getLifecycleService().isRunning()) {
                lost.add(member.getUuid());
                queue.addFirst(queued);
            }
        }
        if (!client.getLifecycleService().isRunning()) {
            loseCluster();
        }
        if (!gone || !client.getLifecycleService().isRunning()) {
            queued.done().completeExceptionally(gone
                    ? new IllegalStateException("the coordinator lost its connection to the cluster") : t);
        }
        pump();
    }

    private void loseCluster() {
        if (clusterLost.compareAndSet(false, true)) {
            progress.clusterLost();
        }
    }

    private synchronized void finished(Member member) {
        busy.merge(member.getUuid(), -1, Integer::sum);
    }

    private static boolean memberGone(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof MemberLeftException || c instanceof TargetDisconnectedException
                    || c instanceof TargetNotMemberException || c instanceof HazelcastInstanceNotActiveException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void memberAdded(MembershipEvent event) {
        progress.members(event.getMembers().size());
        pump();
    }

    @Override
    public void memberRemoved(MembershipEvent event) {
        progress.members(event.getMembers().size());
        synchronized (this) {
            lost.add(event.getMember().getUuid());
        }
        pump();
    }

    /**
     * The run is over: each member closes it (its cache written); waits a little for each, not for one that left.
     * Once only; the members close a run left open (its coordinator killed) when it has been idle for an hour.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        onClose.accept(this);
        if (!client.getLifecycleService().isRunning()) {
            return;
        }
        client.getCluster().removeMembershipListener(membership);
        client.getLifecycleService().removeLifecycleListener(lifecycle);
        Map<Member, Future<String>> ends;
        try {
            if (spec.ledger()) {
                client.getMap(GridBudget.MAP).delete(spec.runId());
            }
            ends = executor.submitToAllMembers(RunTask.end(spec));
        } catch (RuntimeException e) {
            return;
        }
        for (Future<String> end : ends.values()) {
            try {
                end.get(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                // that member closes the run when it goes idle
            }
        }
    }
}
