package org.valuesim.core.log;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.valuesim.core.parallel.GroupCommit;
import org.valuesim.core.respond.Answer;

/**
 * The durable response log of a run: every answer and dilemma move, with its provenance and raw text, appended as
 * one JSON line as it arrives. An append's future completes only once the line is forced to disk, and callers
 * count an answer as done only then. One writer thread groups the lines that arrive while it writes, or within
 * {@link #GATHER_MS} of its previous sync, and forces them with one sync (group commit), so the cost of a sync and of
 * waking the writer is shared by every answer of the batch.
 *
 * <p>Opening an existing log reads it back for a resumed run; a last line cut short by a crash is dropped (and cut
 * from the file), since its answer never counted as done. An answer that failed without any reply
 * ({@link Answer#gotNoReply()}: refused or timed-out calls, HTTP errors after every retry) is not read back, so the
 * resumed run asks it again: nothing was answered or paid for, and the interruption may have been that very outage.
 * Every other answer, including one that failed because its paid reply could not be read, is read back as logged.
 * When an answer appears twice (asked again after such a failure), its last line counts.
 */
public final class ResponseLog implements AutoCloseable {

    public static final String FILE = "response-log.jsonl";
    private static final int MAX_BATCH = 8192;
    /**
     * The least time between two syncs while lines keep coming: short, since an answer counts as done only once it
     * is on disk (a dilemma round waits for its moves), yet several answers a sync at a model-backed run's rates.
     */
    static final long GATHER_MS = 2;

    private final ObjectMapper json = new ObjectMapper();
    private final FileChannel channel;
    private final Map<String, Answer> logged;
    private final GroupCommit<Pending> queue = new GroupCommit<>(GATHER_MS);
    private final Thread writer;
    private volatile boolean closing;
    private volatile IOException failure;
    private long appended;
    private long readMillis;

    private record Pending(Answer answer, CompletableFuture<Void> done) {
    }

    private ResponseLog(Path file, Map<String, Answer> logged, long validLength) throws IOException {
        this.logged = logged;
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        channel.truncate(validLength);
        channel.position(validLength);
        this.writer = new Thread(this::drain, "valuesim-response-log");
        writer.setDaemon(true);
        writer.start();
    }

    /** Opens (creating it if needed) the log in a run folder, reading what an earlier, interrupted run logged. */
    public static ResponseLog open(Path dir) throws IOException {
        long started = System.nanoTime();
        Path file = dir.resolve(FILE);
        Map<String, Answer> logged = new HashMap<>();
        long valid = 0;
        int lines = 0;
        if (Files.exists(file)) {
            ObjectMapper json = new ObjectMapper();
            byte[] bytes = Files.readAllBytes(file);
            int start = 0;
            for (int end = 0; end < bytes.length; end++) {
                if (bytes[end] != '\n') {
                    continue;
                }
                String line = new String(bytes, start, end - start, StandardCharsets.UTF_8);
                try {
                    LogLine entry = json.readValue(line, LogLine.class);
                    Answer answer = entry.answer();
                    if (answer.gotNoReply()) {
                        logged.remove(entry.key());
                    } else {
                        logged.put(entry.key(), answer);
                    }
                } catch (JsonProcessingException e) {
                    throw new IOException(file + ":" + (lines + 1) + ": not a response-log line: "
                            + e.getOriginalMessage());
                }
                start = end + 1;
                valid = start;
                lines++;
            }
        }
        ResponseLog log = new ResponseLog(file, logged, valid);
        log.readMillis = (System.nanoTime() - started) / 1_000_000;
        return log;
    }

    /** How long reading back the earlier run's answers took. */
    public long readMillis() {
        return readMillis;
    }

    public static String key(int agent, String instrument, String item) {
        return agent + "\u0000" + instrument + "\u0000" + item;
    }

    /** The answer an earlier run logged for this agent and item, if any. */
    public Optional<Answer> logged(int agent, String instrument, String item) {
        return Optional.ofNullable(logged.get(key(agent, instrument, item)));
    }

    /** How many answers the log held when it was opened. */
    public int loggedCount() {
        return logged.size();
    }

    /** Appends the answer; the future completes once it is on disk, or fails if the log cannot be written. */
    public CompletableFuture<Void> append(Answer answer) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        IOException broken = failure;
        if (broken != null || closing) {
            done.completeExceptionally(broken != null ? broken : new IOException("the response log is closed"));
            return done;
        }
        queue.add(new Pending(answer, done));
        return done;
    }

    /** Lines written by this run (not counting those read back). */
    public synchronized long appended() {
        return appended;
    }

    private void drain() {
        List<Pending> batch = new ArrayList<>();
        while (true) {
            try {
                if (!queue.next(batch, MAX_BATCH, 50)) {
                    if (closing && queue.isEmpty()) {
                        return;
                    }
                    continue;
                }
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            batch.clear();
        }
    }

    private void write(List<Pending> batch) {
        try {
            if (failure != null) {
                throw failure;
            }
            // lines are written by this thread, so the threads that answer do not pay for them
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(batch.size() * 256);
            try (com.fasterxml.jackson.core.JsonGenerator generator = json.createGenerator(bytes)) {
                // lines end with a line break, not the generator's space between root values
                generator.setRootValueSeparator(null);
                for (Pending p : batch) {
                    LogLine.of(p.answer()).write(generator);
                    generator.writeRaw('\n');
                }
            }
            ByteBuffer buffer = ByteBuffer.wrap(bytes.toByteArray());
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(false);
            synchronized (this) {
                appended += batch.size();
            }
            batch.forEach(p -> p.done().complete(null));
        } catch (IOException e) {
            failure = e;
            batch.forEach(p -> p.done().completeExceptionally(e));
        }
    }

    /** Writes and syncs everything appended so far, then closes the file. */
    @Override
    public void close() throws IOException {
        closing = true;
        queue.hurry();
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Pending> rest = new ArrayList<>();
        queue.drainTo(rest);
        if (!rest.isEmpty()) {
            write(rest);
        }
        channel.close();
        if (failure != null) {
            throw failure;
        }
    }
}
