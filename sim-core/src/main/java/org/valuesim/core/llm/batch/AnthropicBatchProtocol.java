package org.valuesim.core.llm.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Anthropic's Message Batches: {@code POST /messages/batches} with {@code requests: [{custom_id, params}]}, polled at
 * {@code GET /messages/batches/{id}} until its {@code processing_status} is {@code ended}, then the JSONL at its
 * {@code results_url} read line by line: {@code succeeded} (the message), {@code errored}, {@code canceled} or
 * {@code expired}, matched by {@code custom_id}. At most 100,000 requests and 256 MB per batch.
 */
public final class AnthropicBatchProtocol implements BatchProtocol {

    static final int MAX_REQUESTS = 100_000;
    static final long MAX_BYTES = 256_000_000L;
    static final String VERSION = "2023-06-01";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] OPEN = "{\"requests\":[".getBytes(StandardCharsets.UTF_8);
    private static final byte[] CLOSE = "]}".getBytes(StandardCharsets.UTF_8);

    private final String base;
    private final BatchHttp http;
    private final int maxRequests;
    private final long maxBytes;

    /** @param baseUrl the model's base URL (https://api.anthropic.com/v1/) */
    public AnthropicBatchProtocol(String baseUrl, String apiKey, int attempts, Duration backoff) {
        this(baseUrl, apiKey, attempts, backoff, MAX_REQUESTS, MAX_BYTES);
    }

    /** With other limits (tests split small batches). */
    AnthropicBatchProtocol(String baseUrl, String apiKey, int attempts, Duration backoff, int maxRequests,
                           long maxBytes) {
        this.maxRequests = maxRequests;
        this.maxBytes = maxBytes;
        this.base = baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
        this.http = new BatchHttp(Map.of("x-api-key", apiKey, "anthropic-version", VERSION), attempts, backoff);
    }

    @Override
    public String name() {
        return "Anthropic Message Batches";
    }

    @Override
    public int maxRequests() {
        return maxRequests;
    }

    @Override
    public long maxBytes() {
        return maxBytes - OPEN.length - CLOSE.length;
    }

    @Override
    public byte[] line(String customId, String requestBody) {
        ObjectNode request = JSON.createObjectNode();
        request.put("custom_id", customId);
        request.set("params", BatchBodies.withoutStream(requestBody));
        return BatchBodies.jsonLine(request);
    }

    /** The lines become the request list: each newline a comma, the last one a space, streamed from the file. */
    @Override
    public String submit(Path lines, int requests, Consumer<String> uploaded) throws IOException {
        long size = Files.size(lines);
        HttpRequest.BodyPublisher list = HttpRequest.BodyPublishers.fromPublisher(
                HttpRequest.BodyPublishers.ofInputStream(() -> {
                    try {
                        return new CommaSeparated(Files.newInputStream(lines), size);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }), size);
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofByteArray(OPEN),
                list, HttpRequest.BodyPublishers.ofByteArray(CLOSE));
        return BatchHttp.batchId(http.post(base + "messages/batches", new BatchHttp.Body("application/json", body)));
    }

    @Override
    public BatchState poll(String batchId) throws IOException {
        JsonNode b = http.getJson(base + "messages/batches/" + URLEncoder.encode(batchId, StandardCharsets.UTF_8));
        String status = b.path("processing_status").asText("unknown");
        JsonNode c = b.path("request_counts");
        long failed = c.path("errored").asLong() + c.path("canceled").asLong() + c.path("expired").asLong();
        long succeeded = c.path("succeeded").asLong();
        return new BatchState(batchId, status, "ended".equals(status), false, "",
                succeeded + failed + c.path("processing").asLong(), succeeded, failed,
                b.hasNonNull("results_url") ? List.of(b.path("results_url").asText()) : List.of());
    }

    @Override
    public void results(BatchState ended, Consumer<BatchOutcome> each) throws IOException {
        if (ended.results().isEmpty()) {
            throw new IOException("batch " + ended.id() + " ended without a results_url");
        }
        http.results(ended.results().get(0), AnthropicBatchProtocol::outcome, each);
    }

    /** A results line: the message of a succeeded request, or why the request has none. */
    static BatchOutcome outcome(JsonNode line) throws IOException {
        String id = line.path("custom_id").asText();
        JsonNode result = line.path("result");
        String type = result.path("type").asText("unknown");
        if ("succeeded".equals(type) && result.path("message").isObject()) {
            return new BatchOutcome(id, JSON.writeValueAsString(result.path("message")), null);
        }
        JsonNode error = result.path("error").path("error");
        String why = "errored".equals(type) ? "errored: " + error.path("type").asText("error") + ": "
                + error.path("message").asText() : type;
        return new BatchOutcome(id, null, why);
    }

    /** The lines file with each line break turned into a comma and the last into a space (same length). */
    private static final class CommaSeparated extends FilterInputStream {
        private final long size;
        private long position;

        CommaSeparated(InputStream in, long size) {
            super(in);
            this.size = size;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                b = swap(b, position++);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            for (int i = 0; i < n; i++) {
                buffer[offset + i] = (byte) swap(buffer[offset + i], position++);
            }
            return n;
        }

        private int swap(int b, long at) {
            return b == '\n' ? (at == size - 1 ? ' ' : ',') : b;
        }
    }
}
