package org.valuesim.scenarios.cli;

import java.io.Console;
import java.util.concurrent.atomic.AtomicLong;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.valuesim.core.llm.batch.BatchListener;
import org.valuesim.core.llm.batch.BatchProgress;
import org.valuesim.core.sim.AgentAnswers;
import org.valuesim.core.sim.PhaseListener;

/**
 * The run's progress bar on stderr: agents done (then agent moves in dilemma rounds), answers per second, ETA; while
 * batches are out, each batch's status and counts. Without a terminal, batch status changes are printed as lines.
 */
final class ProgressDisplay implements PhaseListener, BatchListener, AutoCloseable {

    private final ProgressBar bar;
    private final AtomicLong answers = new AtomicLong();
    private final AtomicLong cached = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong tokens = new AtomicLong();
    private final long started = System.nanoTime();
    private final Map<String, BatchProgress> batches = new TreeMap<>();
    /** The cluster's line (members, shards, calls/s), or null for a run on this machine. */
    private final java.util.function.Supplier<String> cluster;

    private ProgressDisplay(long agents, long moves, java.util.function.Supplier<String> cluster) {
        this.cluster = cluster;
        this.bar = new ProgressBarBuilder().setTaskName(moves == 0 ? "agents" : "agents+moves").setInitialMax(agents + moves)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).continuousUpdate().build();
    }

    /**
     * A progress bar when stderr is a terminal and the user did not ask for quiet; without a terminal, a line for
     * each change of a batch's status; with --quiet, nothing.
     */
    static PhaseListener create(long agents, long moves, boolean quiet, java.io.PrintWriter err) {
        return create(agents, moves, quiet, err, null);
    }

    /** @param cluster the cluster's part of the bar's message, or null for a run on this machine */
    static PhaseListener create(long agents, long moves, boolean quiet, java.io.PrintWriter err,
                                java.util.function.Supplier<String> cluster) {
        if (quiet) {
            return PhaseListener.NONE;
        }
        return isTerminal() ? new ProgressDisplay(agents, moves, cluster) : new BatchLines(err);
    }

    private String withCluster(String message) {
        return cluster == null ? message : message + " | " + cluster.get();
    }

    @Override
    public void batch(BatchProgress progress) {
        String text;
        synchronized (batches) {
            batches.put(progress.model() + "#" + progress.part(), progress);
            text = String.join("; ", batches.values().stream().filter(b -> !"collected".equals(b.status()))
                    .map(ProgressDisplay::describe).toList());
        }
        bar.setExtraMessage(text.isEmpty() ? "batches collected" : "batches: " + text);
    }

    /** One batch in a few words: model, part, status, answered of total, failed. */
    static String describe(BatchProgress b) {
        return String.format(Locale.ROOT, "%s #%d %s %,d/%,d answered%s", b.model(), b.part(), b.status(),
                b.succeeded(), b.total(), b.failed() > 0 ? String.format(Locale.ROOT, ", %,d failed", b.failed()) : "");
    }

    /** Without a terminal: a line on stderr whenever a batch's status changes (its id once known). */
    static final class BatchLines implements PhaseListener, BatchListener {
        private final Map<String, String> last = new java.util.HashMap<>();
        private final java.io.PrintWriter err;

        BatchLines(java.io.PrintWriter err) {
            this.err = err;
        }

        @Override
        public void agentDone(AgentAnswers answers) {
        }

        @Override
        public synchronized void batch(BatchProgress b) {
            String key = b.model() + "#" + b.part();
            if (b.status().equals(last.put(key, b.status()))) {
                return;
            }
            err.println("batch " + describe(b) + (b.batchId().isEmpty() ? "" : " (" + b.batchId() + ")"));
            err.flush();
        }
    }

    @Override
    public void roundDone(org.valuesim.core.dilemma.RoundResult round) {
        long failedMoves = round.moves().stream().filter(m -> !m.answer().isOk()).count();
        bar.stepBy(round.moves().size());
        bar.setExtraMessage(withCluster(String.format(java.util.Locale.ROOT, "%s round %d/%d: cooperation %.2f, %,d failed "
                + "moves", round.dilemma(), round.round(), round.rounds(), round.moves().stream()
                .mapToDouble(m -> m.cooperation()).filter(c -> !Double.isNaN(c)).average().orElse(Double.NaN), failedMoves)));
    }

    @Override
    public void agentDone(AgentAnswers done) {
        for (var a : done.answers()) {
            cached.addAndGet(a.provenance().cacheHit() ? 1 : 0);
            failed.addAndGet(a.isOk() ? 0 : 1);
            tokens.addAndGet(a.provenance().tokensIn() + a.provenance().tokensOut());
        }
        long total = answers.addAndGet(done.answers().size());
        double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
        bar.step();
        bar.setExtraMessage(withCluster(String.format(java.util.Locale.ROOT, "%,.0f answers/s, %.0f%% cached, %,d failed, "
                + "%,d tokens", total / seconds, 100.0 * cached.get() / Math.max(1, total), failed.get(), tokens.get())));
    }

    @Override
    public void close() {
        bar.close();
    }

    static void closeIfOpen(PhaseListener listener) {
        if (listener instanceof ProgressDisplay display) {
            display.close();
        }
    }

    /** On JDK 22+ System.console() is not null for redirected streams; Console.isTerminal() tells. */
    static boolean isTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
