package org.valuesim.core.llm.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The run folder's record of its batches ({@code batches.jsonl}, one event a line, each synced to disk before the
 * step it records goes on): a part's custom ids are written ({@code batches/<model>-<n>.ids}) before its upload, its
 * input file id as soon as the provider names it, its batch id before the first poll, then its end and collection.
 * A resumed run reads it back and re-attaches to every batch it finds open instead of submitting the same calls
 * again. Requests that failed inside a batch are recorded one by one with their reason and the live retry's outcome
 * (custom id = the call's cache key = {@code prompt_hash} in responses.csv).
 */
public final class BatchJournal {

    public static final String FILE = "batches.jsonl";
    public static final String FOLDER = "batches";

    /** What became of a part, in order. */
    public enum State { SUBMITTING, UPLOADED, SUBMITTED, ENDED, COLLECTED, REJECTED, ABANDONED }

    /**
     * A part of a model's calls submitted as one batch, as the journal last recorded it.
     *
     * @param inputFileId the uploaded input file (OpenAI), or null
     * @param batchId     the provider's batch id, or null before it was created
     */
    public record Part(String model, int number, int requests, String inputFileId, String batchId, State state) {

        /** Submitted (or maybe submitted) and not yet collected: a resumed run re-attaches to it. */
        public boolean open() {
            return state == State.SUBMITTING || state == State.UPLOADED || state == State.SUBMITTED
                    || state == State.ENDED;
        }
    }

    private final Path dir;
    private final ObjectMapper json = new ObjectMapper();

    /** @param runDir the run's results folder */
    public BatchJournal(Path runDir) {
        this.dir = runDir;
    }

    synchronized void record(String event, String model, int part, Map<String, Object> fields) throws IOException {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("event", event);
        line.put("model", model);
        line.put("part", part);
        line.putAll(fields);
        line.put("at", Instant.now().toString());
        append(dir.resolve(FILE), (json.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Every part of a model the journal knows, by number. */
    public synchronized List<Part> parts(String model) throws IOException {
        Path file = dir.resolve(FILE);
        Map<Integer, Part> parts = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return List.of();
        }
        for (String text : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            JsonNode e;
            try {
                e = json.readTree(text);
            } catch (IOException cut) {
                continue; // a line cut by a crash: the step after it never happened
            }
            if (!model.equals(e.path("model").asText())) {
                continue;
            }
            int n = e.path("part").asInt();
            Part was = parts.get(n);
            String event = e.path("event").asText();
            Part now = switch (event) {
                case "submitting" -> new Part(model, n, e.path("requests").asInt(), null, null, State.SUBMITTING);
                case "uploaded" -> with(was, e.path("input_file_id").asText(), null, State.UPLOADED);
                case "submitted" -> with(was, null, e.path("batch_id").asText(), State.SUBMITTED);
                case "ended" -> with(was, null, null, State.ENDED);
                case "collected" -> with(was, null, null, State.COLLECTED);
                case "rejected" -> with(was, null, null, State.REJECTED);
                case "abandoned" -> with(was, null, null, State.ABANDONED);
                default -> was;
            };
            if (now != null) {
                parts.put(n, now);
            }
        }
        return new ArrayList<>(parts.values());
    }

    private static Part with(Part was, String inputFileId, String batchId, State state) {
        if (was == null) {
            return null;
        }
        return new Part(was.model(), was.number(), was.requests(), inputFileId != null ? inputFileId : was.inputFileId(),
                batchId != null ? batchId : was.batchId(), state);
    }

    /** The number the model's next part takes: one more than any it had, in this run or the one resumed. */
    synchronized int nextPart(String model) throws IOException {
        return parts(model).stream().mapToInt(Part::number).max().orElse(0) + 1;
    }

    Path ids(String model, int part) {
        return dir.resolve(FOLDER).resolve(safe(model) + "-" + part + ".ids");
    }

    Path lines(String model, int part) {
        return dir.resolve(FOLDER).resolve(safe(model) + "-" + part + ".jsonl");
    }

    /** Writes a part's custom ids, synced, before anything is sent. */
    void writeIds(String model, int part, List<String> customIds) throws IOException {
        Files.createDirectories(dir.resolve(FOLDER));
        Path file = ids(model, part);
        Files.deleteIfExists(file);
        append(file, (String.join("\n", customIds) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    List<String> readIds(String model, int part) throws IOException {
        Path file = ids(model, part);
        return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .filter(s -> !s.isBlank()).toList() : List.of();
    }

    private static void append(Path file, byte[] bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
    }

    private static String safe(String model) {
        return model.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
