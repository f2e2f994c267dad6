package org.valuesim.core.llm.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A loopback stand-in for Anthropic's Messages API with Message Batches, as documented: {@code POST
 * /v1/messages/batches} with {@code requests: [{custom_id, params}]} (custom ids of 1-64 letters, digits, '-' and
 * '_', unique; params a Messages request), {@code GET /v1/messages/batches/{id}} with {@code processing_status}
 * in_progress, then ended with its {@code request_counts} and {@code results_url}, and the results JSONL there with
 * succeeded, errored, canceled and expired lines, in an order other than the requests'. Every call must carry
 * {@code x-api-key} and {@code anthropic-version}. Live calls go to {@code POST /v1/messages}.
 */
public final class AnthropicBatchStandIn extends StandInServer {

    /** What becomes of one request inside a batch. */
    public enum Fate { SUCCEEDED, ERRORED, EXPIRED, CANCELED }

    private final Function<JsonNode, String> answer;
    private final String key;
    private final Map<String, ObjectNode> batches = new ConcurrentHashMap<>();
    private final Map<String, List<JsonNode>> requests = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    public final AtomicInteger created = new AtomicInteger();
    public final AtomicInteger liveCalls = new AtomicInteger();
    public final List<JsonNode> livePosts = new CopyOnWriteArrayList<>();
    private volatile Function<String, Fate> fate = id -> Fate.SUCCEEDED;
    private volatile boolean hold;

    /**
     * @param answer the message body for a request's params, live or batched alike
     * @param key    the API key every call must carry
     */
    public AnthropicBatchStandIn(Function<JsonNode, String> answer, String key) throws IOException {
        this(answer, key, 0);
    }

    /** On a fixed loopback port (the benchmarks'). */
    public AnthropicBatchStandIn(Function<JsonNode, String> answer, String key, int port) throws IOException {
        super(port);
        this.answer = answer;
        this.key = key;
    }

    public void fate(Function<String, Fate> decide) {
        this.fate = decide;
    }

    public void hold(boolean held) {
        this.hold = held;
    }

    /** The requests of every batch created, in order. */
    public List<List<JsonNode>> batchRequests() {
        List<List<JsonNode>> out = new ArrayList<>();
        for (int i = 1; i <= ids.get(); i++) {
            List<JsonNode> r = requests.get("msgbatch_" + i);
            if (r != null) {
                out.add(r);
            }
        }
        return out;
    }

    @Override
    void handle(HttpExchange exchange) throws IOException {
        if (!key.equals(exchange.getRequestHeaders().getFirst("x-api-key"))
                || exchange.getRequestHeaders().getFirst("anthropic-version") == null) {
            throw new Refusal(401, "invalid x-api-key or missing anthropic-version");
        }
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        if (method.equals("POST") && path.equals("/v1/messages")) {
            liveCalls.incrementAndGet();
            JsonNode params = readJson(exchange);
            livePosts.add(params);
            send(exchange, 200, answer.apply(params));
        } else if (method.equals("POST") && path.equals("/v1/messages/batches")) {
            send(exchange, 200, json(create(readJson(exchange))));
        } else if (method.equals("GET") && path.matches("/v1/messages/batches/[^/]+/results")) {
            sendLines(exchange, results(path.split("/")[4]));
        } else if (method.equals("GET") && path.startsWith("/v1/messages/batches/")) {
            send(exchange, 200, json(advance(path.substring("/v1/messages/batches/".length()))));
        } else {
            throw new Refusal(404, "unknown endpoint " + method + " " + path);
        }
    }

    private ObjectNode create(JsonNode body) {
        JsonNode list = body.path("requests");
        if (!list.isArray() || list.isEmpty() || list.size() > 100_000) {
            throw new Refusal(400, "requests: an array of 1 to 100,000 requests");
        }
        Set<String> seen = new HashSet<>();
        List<JsonNode> accepted = new ArrayList<>();
        for (JsonNode r : list) {
            String id = r.path("custom_id").asText();
            JsonNode params = r.path("params");
            if (!id.matches("[a-zA-Z0-9_-]{1,64}") || !seen.add(id)) {
                throw new Refusal(400, "custom_id must be unique and match ^[a-zA-Z0-9_-]{1,64}$: " + id);
            }
            if (!params.has("model") || !params.has("max_tokens") || !params.path("messages").isArray()
                    || params.has("stream")) {
                throw new Refusal(400, "params must be a Messages request without stream: " + params);
            }
            accepted.add(r);
        }
        created.incrementAndGet();
        String id = "msgbatch_" + ids.incrementAndGet();
        requests.put(id, accepted);
        ObjectNode b = JSON.createObjectNode();
        b.put("id", id);
        b.put("type", "message_batch");
        b.put("processing_status", "in_progress");
        ObjectNode counts = b.putObject("request_counts");
        counts.put("processing", accepted.size());
        counts.put("succeeded", 0);
        counts.put("errored", 0);
        counts.put("canceled", 0);
        counts.put("expired", 0);
        b.putNull("ended_at");
        b.put("created_at", "2026-11-30T10:00:00Z");
        b.put("expires_at", "2026-12-01T10:00:00Z");
        b.putNull("archived_at");
        b.putNull("cancel_initiated_at");
        b.putNull("results_url");
        batches.put(id, b);
        return b;
    }

    private synchronized ObjectNode advance(String id) {
        ObjectNode b = batches.get(id);
        if (b == null) {
            throw new Refusal(404, "no batch " + id);
        }
        if (!hold && "in_progress".equals(b.path("processing_status").asText())) {
            Map<Fate, Integer> tally = new LinkedHashMap<>();
            for (JsonNode r : requests.get(id)) {
                tally.merge(fate.apply(r.path("custom_id").asText()), 1, Integer::sum);
            }
            ObjectNode counts = (ObjectNode) b.path("request_counts");
            counts.put("processing", 0);
            counts.put("succeeded", tally.getOrDefault(Fate.SUCCEEDED, 0));
            counts.put("errored", tally.getOrDefault(Fate.ERRORED, 0));
            counts.put("canceled", tally.getOrDefault(Fate.CANCELED, 0));
            counts.put("expired", tally.getOrDefault(Fate.EXPIRED, 0));
            b.put("processing_status", "ended");
            b.put("ended_at", "2026-11-30T11:00:00Z");
            b.put("results_url", baseUrl() + "/messages/batches/" + id + "/results");
        }
        return b;
    }

    /** The results in reverse request order: they are matched by custom_id, never by position. */
    private String results(String id) throws IOException {
        ObjectNode b = batches.get(id);
        if (b == null || !"ended".equals(b.path("processing_status").asText())) {
            throw new Refusal(400, "batch " + id + " has not ended");
        }
        List<JsonNode> list = new ArrayList<>(requests.get(id));
        java.util.Collections.reverse(list);
        StringBuilder lines = new StringBuilder();
        for (JsonNode r : list) {
            String customId = r.path("custom_id").asText();
            Map<String, Object> result = new LinkedHashMap<>();
            switch (fate.apply(customId)) {
                case SUCCEEDED -> {
                    result.put("type", "succeeded");
                    result.put("message", JSON.readTree(answer.apply(r.path("params"))));
                }
                case ERRORED -> {
                    result.put("type", "errored");
                    result.put("error", Map.of("type", "error", "error",
                            Map.of("type", "overloaded_error", "message", "Overloaded")));
                }
                case EXPIRED -> result.put("type", "expired");
                case CANCELED -> result.put("type", "canceled");
            }
            lines.append(json(Map.of("custom_id", customId, "result", result))).append('\n');
        }
        return lines.toString();
    }
}
