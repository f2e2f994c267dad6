package org.valuesim.core.llm.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback stand-in for an OpenAI-compatible server with the Batch API, as documented: {@code POST /v1/files}
 * (multipart/form-data with {@code purpose=batch} and a JSONL {@code file}), {@code POST /v1/batches}
 * ({@code input_file_id}, {@code endpoint}, {@code completion_window: 24h}), {@code GET /v1/batches/{id}} moving
 * through validating, in_progress, finalizing and completed (or failed, or expired), {@code GET /v1/batches} (the
 * list), and {@code GET /v1/files/{id}/content} for the output and error files, whose lines are
 * {@code {id, custom_id, response: {status_code, request_id, body}, error}}. Live calls go to
 * {@code POST /v1/chat/completions}. Every request line is checked (method, url, a body with model and messages).
 */
public final class OpenAiBatchStandIn extends StandInServer {

    /** What becomes of one request inside a batch. */
    public enum Fate { ANSWERED, SERVER_ERROR, EXPIRED }

    private static final Pattern BOUNDARY = Pattern.compile("boundary=(\\S+)");

    private final Function<JsonNode, String> answer;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> batches = new ConcurrentHashMap<>();
    private final Map<String, List<JsonNode>> inputs = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    public final AtomicInteger uploads = new AtomicInteger();
    public final AtomicInteger created = new AtomicInteger();
    public final AtomicInteger liveCalls = new AtomicInteger();
    public final List<Integer> linesPerBatch = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile Function<String, Fate> fate = id -> Fate.ANSWERED;
    private volatile boolean hold;
    private volatile String failValidation;
    private volatile String refuseUpload;

    /** @param answer the chat completion body for a request body, live or batched alike */
    public OpenAiBatchStandIn(Function<JsonNode, String> answer) throws IOException {
        this(answer, 0);
    }

    /** On a fixed loopback port (the benchmarks'). */
    public OpenAiBatchStandIn(Function<JsonNode, String> answer, int port) throws IOException {
        super(port);
        this.answer = answer;
    }

    /** Decides, per custom_id, what happens to a request inside a batch (an answer by default). */
    public void fate(Function<String, Fate> decide) {
        this.fate = decide;
    }

    /** While held, batches stay in_progress. */
    public void hold(boolean held) {
        this.hold = held;
    }

    /** Batches created from now on fail validation with this message. */
    public void failValidation(String message) {
        this.failValidation = message;
    }

    /** Uploads from now on are refused (HTTP 400) with this message. */
    public void refuseUpload(String message) {
        this.refuseUpload = message;
    }

    /** The request lines of every batch created, in order of creation. */
    public List<List<JsonNode>> batchInputs() {
        List<List<JsonNode>> out = new ArrayList<>();
        for (int i = 1; i <= ids.get(); i++) {
            List<JsonNode> lines = inputs.get("batch_" + i);
            if (lines != null) {
                out.add(lines);
            }
        }
        return out;
    }

    @Override
    void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        if (method.equals("POST") && path.equals("/v1/chat/completions")) {
            liveCalls.incrementAndGet();
            send(exchange, 200, answer.apply(readJson(exchange)));
        } else if (method.equals("POST") && path.equals("/v1/files")) {
            send(exchange, 200, upload(exchange));
        } else if (method.equals("POST") && path.equals("/v1/batches")) {
            send(exchange, 200, create(readJson(exchange)));
        } else if (method.equals("GET") && path.equals("/v1/batches")) {
            ObjectNode list = JSON.createObjectNode();
            list.put("object", "list");
            list.putArray("data").addAll(batches.values());
            send(exchange, 200, json(list));
        } else if (method.equals("GET") && path.startsWith("/v1/batches/")) {
            send(exchange, 200, json(advance(path.substring("/v1/batches/".length()))));
        } else if (method.equals("GET") && path.matches("/v1/files/[^/]+/content")) {
            byte[] content = files.get(path.split("/")[3]);
            if (content == null) {
                throw new Refusal(404, "No such File object: " + path.split("/")[3]);
            }
            sendLines(exchange, new String(content, StandardCharsets.UTF_8));
        } else {
            throw new Refusal(404, "unknown endpoint " + method + " " + path);
        }
    }

    /** A multipart upload: the purpose field must say batch, the file part holds JSONL. */
    private String upload(HttpExchange exchange) throws IOException {
        if (refuseUpload != null) {
            throw new Refusal(400, refuseUpload);
        }
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        Matcher m = type == null ? null : BOUNDARY.matcher(type);
        if (m == null || !type.startsWith("multipart/form-data") || !m.find()) {
            throw new Refusal(400, "expected multipart/form-data with a boundary, got " + type);
        }
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String purpose = null;
        String file = null;
        String filename = null;
        for (String part : body.split("--" + Pattern.quote(m.group(1)))) {
            int split = part.indexOf("\r\n\r\n");
            if (split < 0) {
                continue;
            }
            String headers = part.substring(0, split);
            String content = part.substring(split + 4);
            content = content.endsWith("\r\n") ? content.substring(0, content.length() - 2) : content;
            if (headers.contains("name=\"purpose\"")) {
                purpose = content;
            } else if (headers.contains("name=\"file\"")) {
                Matcher f = Pattern.compile("filename=\"([^\"]+)\"").matcher(headers);
                filename = f.find() ? f.group(1) : null;
                file = content;
            }
        }
        if (!"batch".equals(purpose) || file == null || filename == null) {
            throw new Refusal(400, "expected purpose=batch and a file part with a filename");
        }
        uploads.incrementAndGet();
        String id = "file-" + ids.incrementAndGet();
        files.put(id, file.getBytes(StandardCharsets.UTF_8));
        ObjectNode f = JSON.createObjectNode();
        f.put("id", id);
        f.put("object", "file");
        f.put("bytes", file.length());
        f.put("created_at", 1_700_000_000);
        f.put("filename", filename);
        f.put("purpose", "batch");
        return json(f);
    }

    private String create(JsonNode request) throws IOException {
        String fileId = request.path("input_file_id").asText();
        if (!files.containsKey(fileId)) {
            throw new Refusal(400, "No such File object: " + fileId);
        }
        if (!"/v1/chat/completions".equals(request.path("endpoint").asText())
                || !"24h".equals(request.path("completion_window").asText())) {
            throw new Refusal(400, "endpoint must be /v1/chat/completions and completion_window 24h");
        }
        List<JsonNode> lines = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String line : new String(files.get(fileId), StandardCharsets.UTF_8).split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode l = JSON.readTree(line);
            if (!seen.add(l.path("custom_id").asText()) || !"POST".equals(l.path("method").asText())
                    || !"/v1/chat/completions".equals(l.path("url").asText()) || !l.path("body").has("model")
                    || !l.path("body").path("messages").isArray() || l.path("body").has("stream")) {
                throw new Refusal(400, "bad request line: " + line);
            }
            lines.add(l);
        }
        created.incrementAndGet();
        String id = "batch_" + ids.incrementAndGet();
        inputs.put(id, lines);
        linesPerBatch.add(lines.size());
        ObjectNode b = JSON.createObjectNode();
        b.put("id", id);
        b.put("object", "batch");
        b.put("endpoint", "/v1/chat/completions");
        b.putNull("errors");
        b.put("input_file_id", fileId);
        b.put("completion_window", "24h");
        b.put("status", "validating");
        b.putNull("output_file_id");
        b.putNull("error_file_id");
        b.put("created_at", 1_700_000_000);
        ObjectNode counts = b.putObject("request_counts");
        counts.put("total", 0);
        counts.put("completed", 0);
        counts.put("failed", 0);
        b.set("metadata", JSON.createObjectNode());
        if (failValidation != null) {
            b.put("status", "failed");
            ObjectNode errors = b.putObject("errors");
            errors.put("object", "list");
            ObjectNode error = errors.putArray("data").addObject();
            error.put("code", "invalid_request");
            error.put("message", failValidation);
            error.put("line", 1);
        }
        batches.put(id, b);
        return json(b);
    }

    /** Each poll moves a batch one step: validating, in_progress, finalizing, then completed or expired. */
    private synchronized ObjectNode advance(String id) throws IOException {
        ObjectNode b = batches.get(id);
        if (b == null) {
            throw new Refusal(404, "No such batch: " + id);
        }
        List<JsonNode> lines = inputs.get(id);
        switch (b.path("status").asText()) {
            case "validating" -> {
                b.put("status", "in_progress");
                ((ObjectNode) b.path("request_counts")).put("total", lines.size());
            }
            case "in_progress" -> {
                if (!hold) {
                    b.put("status", "finalizing");
                }
            }
            case "finalizing" -> finish(b, lines);
            default -> { }
        }
        return b;
    }

    private void finish(ObjectNode b, List<JsonNode> lines) throws IOException {
        StringBuilder output = new StringBuilder();
        StringBuilder errors = new StringBuilder();
        int done = 0;
        int failed = 0;
        boolean expired = false;
        for (JsonNode line : lines) {
            String customId = line.path("custom_id").asText();
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("id", "batch_req_" + ids.incrementAndGet());
            out.put("custom_id", customId);
            switch (fate.apply(customId)) {
                case ANSWERED -> {
                    out.put("response", Map.of("status_code", 200, "request_id", "req_" + done,
                            "body", JSON.readTree(answer.apply(line.path("body")))));
                    out.put("error", null);
                    output.append(json(out)).append('\n');
                    done++;
                }
                case SERVER_ERROR -> {
                    out.put("response", Map.of("status_code", 500, "request_id", "req_x",
                            "body", Map.of("error", Map.of("message", "The server had an error", "type", "server_error"))));
                    out.put("error", null);
                    errors.append(json(out)).append('\n');
                    failed++;
                }
                case EXPIRED -> {
                    out.put("response", null);
                    out.put("error", Map.of("code", "batch_expired",
                            "message", "This request could not be executed before the completion window expired."));
                    errors.append(json(out)).append('\n');
                    failed++;
                    expired = true;
                }
            }
        }
        b.put("status", expired ? "expired" : "completed");
        if (output.length() > 0) {
            String fileId = "file-" + ids.incrementAndGet();
            files.put(fileId, output.toString().getBytes(StandardCharsets.UTF_8));
            b.put("output_file_id", fileId);
        }
        if (errors.length() > 0) {
            String fileId = "file-" + ids.incrementAndGet();
            files.put(fileId, errors.toString().getBytes(StandardCharsets.UTF_8));
            b.put("error_file_id", fileId);
        }
        ObjectNode counts = (ObjectNode) b.path("request_counts");
        counts.put("completed", done);
        counts.put("failed", failed);
    }
}
