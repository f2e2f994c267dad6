package org.valuesim.core.llm.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The OpenAI Batch API: the requests as a JSONL file of {@code /v1/chat/completions} calls uploaded to
 * {@code POST /files} (multipart, {@code purpose=batch}), a batch created with {@code POST /batches}
 * ({@code input_file_id}, {@code endpoint}, {@code completion_window: 24h}), polled at {@code GET /batches/{id}}
 * until it is completed, failed, expired or cancelled, then the output and error files read from
 * {@code GET /files/{id}/content}, lines matched by {@code custom_id}. At most 50,000 requests and 200 MB per batch.
 */
public final class OpenAiBatchProtocol implements BatchProtocol {

    static final int MAX_REQUESTS = 50_000;
    static final long MAX_BYTES = 200_000_000L;
    static final String ENDPOINT = "/v1/chat/completions";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final BatchHttp http;
    private final int maxRequests;
    private final long maxBytes;

    /**
     * @param baseUrl the model's base URL (https://api.openai.com/v1)
     * @param apiKey  the key, or null for a server that needs none
     */
    public OpenAiBatchProtocol(String baseUrl, String apiKey, int attempts, Duration backoff) {
        this(baseUrl, apiKey, attempts, backoff, MAX_REQUESTS, MAX_BYTES);
    }

    /** With other limits (tests split small batches). */
    OpenAiBatchProtocol(String baseUrl, String apiKey, int attempts, Duration backoff, int maxRequests, long maxBytes) {
        this.maxRequests = maxRequests;
        this.maxBytes = maxBytes;
        this.base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        Map<String, String> headers = new LinkedHashMap<>();
        if (apiKey != null) {
            headers.put("Authorization", "Bearer " + apiKey);
        }
        this.http = new BatchHttp(headers, attempts, backoff);
    }

    @Override
    public String name() {
        return "OpenAI Batch";
    }

    @Override
    public int maxRequests() {
        return maxRequests;
    }

    @Override
    public long maxBytes() {
        return maxBytes;
    }

    @Override
    public byte[] line(String customId, String requestBody) {
        ObjectNode line = JSON.createObjectNode();
        line.put("custom_id", customId);
        line.put("method", "POST");
        line.put("url", ENDPOINT);
        line.set("body", BatchBodies.withoutStream(requestBody));
        return BatchBodies.jsonLine(line);
    }

    @Override
    public String submit(Path lines, int requests, Consumer<String> uploaded) throws IOException {
        String boundary = "valuesim-" + UUID.randomUUID();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nbatch\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + lines.getFileName() + "\"\r\nContent-Type: application/jsonl\r\n\r\n";
        String tail = "\r\n--" + boundary + "--\r\n";
        JsonNode file = http.post(base + "/files", new BatchHttp.Body("multipart/form-data; boundary=" + boundary,
                HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofString(head),
                        HttpRequest.BodyPublishers.ofFile(lines), HttpRequest.BodyPublishers.ofString(tail))));
        String fileId = file.path("id").asText(null);
        if (fileId == null) {
            throw new IOException("the upload's answer names no file id: " + file);
        }
        uploaded.accept(fileId);
        ObjectNode create = JSON.createObjectNode();
        create.put("input_file_id", fileId);
        create.put("endpoint", ENDPOINT);
        create.put("completion_window", "24h");
        return BatchHttp.batchId(http.postJson(base + "/batches", JSON.writeValueAsString(create)));
    }

    @Override
    public BatchState poll(String batchId) throws IOException {
        JsonNode b = http.getJson(base + "/batches/" + URLEncoder.encode(batchId, StandardCharsets.UTF_8));
        String status = b.path("status").asText("unknown");
        boolean ended = switch (status) {
            case "completed", "failed", "expired", "cancelled" -> true;
            default -> false;
        };
        List<String> messages = new ArrayList<>();
        for (JsonNode e : b.path("errors").path("data")) {
            messages.add((e.hasNonNull("line") ? "line " + e.path("line").asInt() + ": " : "")
                    + e.path("message").asText(e.path("code").asText()));
        }
        List<String> files = new ArrayList<>();
        for (String field : List.of("output_file_id", "error_file_id")) {
            if (b.hasNonNull(field)) {
                files.add(b.path(field).asText());
            }
        }
        JsonNode counts = b.path("request_counts");
        return new BatchState(batchId, status, ended, "failed".equals(status), String.join("; ", messages),
                counts.path("total").asLong(), counts.path("completed").asLong(), counts.path("failed").asLong(), files);
    }

    @Override
    public void results(BatchState ended, Consumer<BatchOutcome> each) throws IOException {
        for (String fileId : ended.results()) {
            http.results(base + "/files/" + URLEncoder.encode(fileId, StandardCharsets.UTF_8) + "/content",
                    OpenAiBatchProtocol::outcome, each);
        }
    }

    /** An output or error file line: a 200 response's body, or the error it carries. */
    static BatchOutcome outcome(JsonNode line) throws IOException {
        String id = line.path("custom_id").asText();
        JsonNode response = line.path("response");
        if (response.path("status_code").asInt() == 200 && response.path("body").isObject()) {
            return new BatchOutcome(id, JSON.writeValueAsString(response.path("body")), null);
        }
        JsonNode error = line.path("error");
        String why = error.isObject() ? error.path("code").asText("error") + ": " + error.path("message").asText()
                : "HTTP " + response.path("status_code").asInt() + ": "
                        + response.path("body").path("error").path("message").asText(response.path("body").toString());
        return new BatchOutcome(id, null, why);
    }

    @Override
    public Optional<String> createdFrom(String inputFileId) throws IOException {
        JsonNode list = http.getJson(base + "/batches?limit=100");
        for (JsonNode b : list.path("data")) {
            if (inputFileId.equals(b.path("input_file_id").asText())) {
                return Optional.of(b.path("id").asText());
            }
        }
        return Optional.empty();
    }
}
