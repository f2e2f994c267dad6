package org.valuesim.core.llm.batch;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.valuesim.core.llm.BatchJob;
import org.valuesim.core.llm.CallsStopped;
import org.valuesim.core.llm.Dispatcher;
import org.valuesim.core.llm.GatewayResult;
import org.valuesim.core.llm.ModelCallException;
import org.valuesim.core.llm.ModelGateway;
import org.valuesim.core.llm.ModelRequest;
import org.valuesim.core.llm.ModelResponse;
import org.valuesim.core.llm.WireCodec;

/**
 * A model's calls through its provider's batch API ({@code submit: batch}). Calls the cache cannot answer are
 * gathered; when the phase's barrier says every call of the phase is in flight ({@link #flush()}) they are submitted
 * as batches split at the provider's limits, in the order they were asked (persona-major, so one persona's prompts
 * sit together and a prompt cache can reuse their prefix). The batches are polled together; as each ends, its
 * results go into the model-call cache and answer their calls exactly as live responses would (the same codec reads
 * them). Calls that follow from those answers (repairs, CAPS coordinators) are gathered as they are asked and go as
 * the next batch once every result is in. A gathered call that no barrier flushes (a caller waiting on one call) is
 * submitted after a quiet period, so nothing waits forever.
 *
 * <p>Everything submitted is written to the run folder's {@link BatchJournal} first; a resumed run re-attaches to
 * open batches holding calls it still needs. Requests that fail, expire or are cancelled inside a batch are asked
 * again on the live path and recorded in the journal one by one. A batch the provider refuses stops the run
 * ({@link BatchRejected}).
 */
public final class BatchDispatcher implements Dispatcher, AutoCloseable {

    /** A call waiting for its batch. */
    private record Pending(String key, ModelRequest request, CompletableFuture<GatewayResult> future,
                           boolean followUp) {
    }

    /** One batch being watched: its members by custom id, with their budget reservations. */
    private static final class Job {
        final int part;
        final String batchId;
        final Map<String, Pending> members = new LinkedHashMap<>();
        final Map<String, Double> reserved = new LinkedHashMap<>();
        BatchState state;
        int retried;

        Job(int part, String batchId, int requests) {
            this.part = part;
            this.batchId = batchId;
            this.state = new BatchState(batchId, "submitted", false, false, "", requests, 0, 0, List.of());
        }
    }

    private final String model;
    private final ModelGateway gateway;
    private final WireCodec codec;
    private final BatchProtocol protocol;
    private final BatchJournal journal;
    private final BatchListener listener;
    private final Duration pollEvery;
    private final Duration quiet;
    private final Object lock = new Object();
    /** The gathered calls, in the order they were asked. */
    private List<Pending> pending = new ArrayList<>();
    /**
     * How many of the gathered calls are follow-ups: calls asked while an answer was being delivered (repairs, CAPS
     * coordinators), which go as the next batch at once. Answers are delivered only while a batch is collected, so
     * any there are when the worker looks again were asked during the batch it just ran.
     */
    private int followUps;
    private final List<BatchJob> jobs = Collections.synchronizedList(new ArrayList<>());
    private final Thread worker;
    private boolean flushRequested;
    /** True on a thread while it delivers a batch's answer: the calls it asks then follow from that answer. */
    private final ThreadLocal<Boolean> delivering = ThreadLocal.withInitial(() -> false);
    private long lastArrival;
    private volatile boolean closed;
    private volatile CallsStopped stopped;

    /**
     * @param model     the scenario's name of the model (in messages, the journal and file names)
     * @param pollEvery how often a batch's status is asked
     * @param quiet     how long gathered calls wait for a barrier before they are submitted anyway
     */
    public BatchDispatcher(String model, ModelGateway gateway, WireCodec codec, BatchProtocol protocol,
                           BatchJournal journal, BatchListener listener, Duration pollEvery, Duration quiet) {
        this.model = model;
        this.gateway = gateway;
        this.codec = codec;
        this.protocol = protocol;
        this.journal = journal;
        this.listener = listener;
        this.pollEvery = pollEvery;
        this.quiet = quiet;
        this.worker = new Thread(this::work, "valuesim-batch-" + model);
        worker.setDaemon(true);
        worker.start();
    }

    @Override
    public CompletableFuture<GatewayResult> dispatch(String key, ModelRequest request) {
        CallsStopped stop = stopped;
        if (stop != null) {
            return CompletableFuture.failedFuture(stop);
        }
        Pending p = new Pending(key, request, new CompletableFuture<>(), delivering.get());
        synchronized (lock) {
            pending.add(p);
            if (p.followUp()) {
                followUps++;
            }
            lastArrival = System.nanoTime();
            lock.notifyAll();
        }
        return p.future();
    }

    /** Every call of the phase is in flight: submit what is gathered now. */
    public void flush() {
        synchronized (lock) {
            if (!pending.isEmpty()) {
                flushRequested = true;
                lock.notifyAll();
            }
        }
    }

    /** Each batch of this run as the manifest lists it: part, id, requests, status and counts. */
    public List<BatchJob> jobs() {
        synchronized (jobs) {
            return List.copyOf(jobs);
        }
    }

    private void work() {
        while (!closed) {
            List<Pending> taken;
            synchronized (lock) {
                try {
                    while (!closed && !due()) {
                        long waitMs = pending.isEmpty() ? 0
                                : Math.max(1, quiet.toMillis() - (System.nanoTime() - lastArrival) / 1_000_000);
                        lock.wait(waitMs);
                    }
                } catch (InterruptedException e) {
                    return;
                }
                if (closed) {
                    return;
                }
                if (flushRequested || System.nanoTime() - lastArrival >= quiet.toNanos()) {
                    taken = pending;
                    pending = new ArrayList<>();
                    followUps = 0;
                } else {
                    // only the follow-ups go now: calls the simulation asked meanwhile (the next round, once the last
                    // answer of this one came) wait for their barrier, so a round is never split by how fast the
                    // simulation thread ran
                    taken = takeFollowUps();
                }
                flushRequested = false;
            }
            try {
                cycle(taken);
            } catch (CallsStopped stop) {
                stop(stop, taken);
            } catch (IOException | RuntimeException e) {
                stop(new BatchRejected("model " + model + ": the " + protocol.name() + " batch could not be run: "
                        + e.getMessage(), e), taken);
            }
        }
    }

    private boolean due() {
        return !pending.isEmpty() && (flushRequested || followUps > 0
                || System.nanoTime() - lastArrival >= quiet.toNanos());
    }

    /** Takes the gathered follow-ups, in the order they were asked; the other calls stay gathered, in theirs. */
    private List<Pending> takeFollowUps() {
        List<Pending> taken = new ArrayList<>(followUps);
        List<Pending> others = new ArrayList<>(pending.size() - followUps);
        for (Pending p : pending) {
            (p.followUp() ? taken : others).add(p);
        }
        pending = others;
        followUps = 0;
        return taken;
    }

    /** Stops every call not yet answered, this cycle's and any gathered since: the run must stop. */
    private void stop(CallsStopped stop, List<Pending> taken) {
        stopped = stop;
        List<Pending> all = new ArrayList<>(taken);
        synchronized (lock) {
            all.addAll(pending);
            pending.clear();
            followUps = 0;
        }
        all.forEach(p -> p.future().completeExceptionally(stop));
    }

    /** One round trip: budget, re-attachment, submission, polling, results, live retries. */
    private void cycle(List<Pending> taken) throws IOException {
        Map<String, Pending> waiting = new LinkedHashMap<>();
        Map<String, Double> reserved = new LinkedHashMap<>();
        for (Pending p : taken) {
            try {
                reserved.put(p.key(), gateway.reserveBatched(p.request()));
                waiting.put(p.key(), p);
            } catch (CallsStopped overBudget) {
                // what fits is submitted and answered; the rest stops the run
                taken.stream().filter(t -> !waiting.containsKey(t.key()))
                        .forEach(t -> t.future().completeExceptionally(overBudget));
                stopped = overBudget;
                break;
            }
        }
        List<Job> watched = reattach(waiting, reserved);
        watched.addAll(submit(waiting, reserved));
        watch(watched);
        for (Job job : watched) {
            collect(job);
        }
        if (stopped != null) {
            throw stopped;
        }
    }

    /** Open batches of an earlier, interrupted invocation that hold calls still needed. */
    private List<Job> reattach(Map<String, Pending> waiting, Map<String, Double> reserved) throws IOException {
        List<Job> found = new ArrayList<>();
        for (BatchJournal.Part part : journal.parts(model)) {
            if (!part.open()) {
                continue;
            }
            List<String> ids = journal.readIds(model, part.number());
            if (ids.stream().noneMatch(waiting::containsKey)) {
                continue;
            }
            String batchId = part.batchId();
            if (batchId == null && part.inputFileId() != null) {
                batchId = protocol.createdFrom(part.inputFileId()).orElse(null);
                if (batchId != null) {
                    journal.record("submitted", model, part.number(), Map.of("batch_id", batchId, "recovered", true));
                }
            }
            if (batchId == null) {
                // never created: its calls are submitted again below
                journal.record("abandoned", model, part.number(), Map.of("reason", "no batch was created"));
                continue;
            }
            Job job = new Job(part.number(), batchId, ids.size());
            for (String id : ids) {
                Pending p = waiting.remove(id);
                if (p != null) {
                    job.members.put(id, p);
                    // an earlier invocation submitted (and pays for) this call: nothing more is reserved
                    gateway.releaseBatched(reserved.remove(id));
                    job.reserved.put(id, 0.0);
                }
            }
            journal.record("reattached", model, part.number(), Map.of("batch_id", batchId,
                    "needed", job.members.size()));
            found.add(job);
        }
        return found;
    }

    /** The waiting calls as new batches, split at the provider's limits, each journaled before it is sent. */
    private List<Job> submit(Map<String, Pending> waiting, Map<String, Double> reserved) throws IOException {
        List<Job> submitted = new ArrayList<>();
        List<Pending> part = new ArrayList<>();
        List<byte[]> lines = new ArrayList<>();
        long bytes = 0;
        for (Pending p : waiting.values()) {
            byte[] line = protocol.line(p.key(), codec.requestBody(p.request()));
            if (!part.isEmpty() && (part.size() == protocol.maxRequests() || bytes + line.length > protocol.maxBytes())) {
                submitted.add(submitPart(part, lines, reserved));
                part = new ArrayList<>();
                lines = new ArrayList<>();
                bytes = 0;
            }
            part.add(p);
            lines.add(line);
            bytes += line.length;
        }
        if (!part.isEmpty()) {
            submitted.add(submitPart(part, lines, reserved));
        }
        return submitted;
    }

    private Job submitPart(List<Pending> members, List<byte[]> lines, Map<String, Double> reserved) throws IOException {
        int number = journal.nextPart(model);
        journal.writeIds(model, number, members.stream().map(Pending::key).toList());
        long bytes = lines.stream().mapToLong(l -> l.length).sum();
        journal.record("submitting", model, number, Map.of("requests", members.size(), "bytes", bytes,
                "protocol", protocol.name()));
        listener.batch(new BatchProgress(model, number, "", "uploading", members.size(), 0, 0));
        Path file = journal.lines(model, number);
        try (OutputStream out = Files.newOutputStream(file)) {
            for (byte[] line : lines) {
                out.write(line);
            }
        }
        String batchId;
        try {
            batchId = protocol.submit(file, members.size(), fileId -> {
                try {
                    journal.record("uploaded", model, number, Map.of("input_file_id", fileId));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        } catch (BatchHttp.Refused refused) {
            journal.record("rejected", model, number, Map.of("message", refused.getMessage()));
            throw new BatchRejected("model " + model + ": the provider refused batch " + number + " (" + members.size()
                    + " requests, " + protocol.name() + "): " + refused.getMessage(), refused);
        }
        journal.record("submitted", model, number, Map.of("batch_id", batchId));
        Files.deleteIfExists(file);
        gateway.countBatch();
        Job job = new Job(number, batchId, members.size());
        for (Pending p : members) {
            job.members.put(p.key(), p);
            job.reserved.put(p.key(), reserved.get(p.key()));
        }
        listener.batch(new BatchProgress(model, number, batchId, "submitted", members.size(), 0, 0));
        return job;
    }

    /** Polls every batch until all have ended; a batch the provider fails as a whole stops the run. */
    private void watch(List<Job> watched) throws IOException {
        while (true) {
            boolean open = false;
            for (Job job : watched) {
                if (job.state.ended()) {
                    continue;
                }
                job.state = protocol.poll(job.batchId);
                listener.batch(new BatchProgress(model, job.part, job.batchId, job.state.status(), job.state.total(),
                        job.state.succeeded(), job.state.failed()));
                if (job.state.rejected()) {
                    journal.record("rejected", model, job.part, Map.of("batch_id", job.batchId, "message",
                            job.state.message()));
                    throw new BatchRejected("model " + model + ": the provider failed batch " + job.batchId + ": "
                            + job.state.message(), null);
                }
                if (job.state.ended()) {
                    journal.record("ended", model, job.part, Map.of("batch_id", job.batchId, "status",
                            job.state.status(), "succeeded", job.state.succeeded(), "failed", job.state.failed()));
                } else {
                    open = true;
                }
            }
            if (!open) {
                return;
            }
            try {
                Thread.sleep(pollEvery.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the batches", e);
            }
        }
    }

    /**
     * Reads an ended batch's results: each answer into the cache and to its call; every request without one
     * (errored, expired, cancelled, unreadable, missing) asked again live; then waits until all are answered.
     */
    private void collect(Job job) throws IOException {
        listener.batch(new BatchProgress(model, job.part, job.batchId, "collecting", job.state.total(),
                job.state.succeeded(), job.state.failed()));
        List<CompletableFuture<Void>> retries = new ArrayList<>();
        IOException[] broken = new IOException[1];
        protocol.results(job.state, outcome -> {
            Pending p = job.members.remove(outcome.customId());
            if (p == null) {
                return; // answered already (a resumed run's log holds it), or not ours
            }
            double reservation = job.reserved.getOrDefault(p.key(), 0.0);
            String why = outcome.failure();
            if (outcome.ok()) {
                try {
                    ModelResponse response = codec.parse(p.request(), outcome.responseBody());
                    deliver(p, gateway.answeredInBatch(p.key(), p.request(), response, reservation));
                    return;
                } catch (ModelCallException unreadable) {
                    why = unreadable.getMessage();
                }
            }
            try {
                retries.add(retryLive(job, p, reservation, why));
            } catch (IOException e) {
                broken[0] = e;
            }
        });
        if (broken[0] != null) {
            throw broken[0];
        }
        for (Pending p : new ArrayList<>(job.members.values())) {
            retries.add(retryLive(job, p, job.reserved.getOrDefault(p.key(), 0.0), "missing from the batch's results"));
        }
        job.members.clear();
        CompletableFuture.allOf(retries.toArray(CompletableFuture[]::new)).join();
        journal.record("collected", model, job.part, Map.of("batch_id", job.batchId, "retried_live", job.retried));
        jobs.add(new BatchJob(job.part, job.batchId, job.state.status(), job.state.total(), job.state.succeeded(),
                job.state.failed(), job.retried));
        listener.batch(new BatchProgress(model, job.part, job.batchId, "collected", job.state.total(),
                job.state.succeeded(), job.state.failed()));
    }

    /** A request that failed inside its batch, asked again live; its record names the batch's reason. */
    private CompletableFuture<Void> retryLive(Job job, Pending p, double reservation, String why) throws IOException {
        job.retried++;
        gateway.releaseBatched(reservation);
        gateway.countBatchRetry();
        journal.record("retried", model, job.part, Map.of("batch_id", job.batchId, "custom_id", p.key(),
                "reason", why));
        return gateway.live(p.key(), p.request()).handle((r, e) -> {
            if (e != null) {
                p.future().completeExceptionally(e);
            } else {
                String failure = r.ok() ? "" : "in batch " + job.batchId + ": " + why + "; asked live: " + r.failure();
                deliver(p, new GatewayResult(r.response(), r.key(), false, r.attempts() + 1, r.latencyMs(), failure));
            }
            return null;
        });
    }

    /** Completes a call; what its callbacks ask meanwhile is a follow-up. */
    private void deliver(Pending p, GatewayResult result) {
        delivering.set(true);
        try {
            p.future().complete(result);
        } finally {
            delivering.set(false);
        }
    }

    @Override
    public void close() {
        closed = true;
        synchronized (lock) {
            lock.notifyAll();
        }
        worker.interrupt();
    }
}
