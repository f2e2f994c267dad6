package org.valuesim.scenarios.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback stand-in for an OpenAI-compatible server (POST /v1/chat/completions with logprobs), answering after a
 * set delay with a Likert answer that depends only on the request's messages, so that answers differ between
 * prompts yet are the same wherever a prompt is asked: the answer's first token with its log-probabilities, and
 * "Answer: N" as the text (which every respondent's reader takes, the CAPS modules' and the paper protocol's too). It counts requests, and requests per distinct body.
 * {@code main(port, delayMillis)} runs it in a process of its own (the cluster benchmark).
 */
public final class OpenAiStandIn implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(256);
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Map<String, AtomicInteger> perPrompt = new ConcurrentHashMap<>();
    private final AtomicLong delayMillis;

    public OpenAiStandIn(int port, long delayMillis) throws IOException {
        this.delayMillis = new AtomicLong(delayMillis);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
        server.createContext("/v1/chat/completions", this::answer);
        server.setExecutor(threads);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port() + "/v1";
    }

    public int requests() {
        return requests.get();
    }

    /** Distinct prompts asked more than once. */
    public long askedTwice() {
        return perPrompt.values().stream().filter(n -> n.get() > 1).count();
    }

    public void delay(long millis) {
        delayMillis.set(millis);
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            JsonNode request = JSON.readTree(body);
            String messages = request.path("messages").toString();
            requests.incrementAndGet();
            perPrompt.computeIfAbsent(messages, k -> new AtomicInteger()).incrementAndGet();
            inFlight.incrementAndGet();
            try {
                Thread.sleep(delayMillis.get());
            } finally {
                inFlight.decrementAndGet();
            }
            int answer = 1 + Math.floorMod(messages.hashCode(), 6);
            int second = answer % 6 + 1;
            String reply = """
                    {"id":"c","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,
                     "message":{"role":"assistant","content":"Answer: %d"},
                     "logprobs":{"content":[{"token":"%d","logprob":-0.3,"bytes":[%d],"top_logprobs":[
                       {"token":"%d","logprob":-0.3,"bytes":[%d]},{"token":"%d","logprob":-1.5,"bytes":[%d]}]}]},
                     "finish_reason":"stop"}],"usage":{"prompt_tokens":150,"completion_tokens":1,"total_tokens":151}}"""
                    .formatted(answer, answer, 48 + answer, answer, 48 + answer, second, 48 + second);
            byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    /**
     * Runs the stand-in until killed: {@code OpenAiStandIn PORT DELAY_MS}. Each second in which it was asked, it
     * prints the requests it held in its delay (sampled every 10 ms: mean and most) and the requests it got, so the
     * cluster benchmark shows whether the clients kept their slots full.
     */
    public static void main(String[] args) throws Exception {
        // the JDK's server leaves Nagle's algorithm on: a response's body then waits for the client's delayed ACK of
        // its headers, about 40 ms on Linux, which real model servers do not add (read before the server is made)
        System.setProperty("sun.net.httpserver.nodelay", "true");
        try (OpenAiStandIn standIn = new OpenAiStandIn(Integer.parseInt(args[0]), Long.parseLong(args[1]))) {
            System.out.println("stand-in OpenAI server at " + standIn.baseUrl() + ", answering after " + args[1] + " ms");
            long started = System.nanoTime();
            int before = 0;
            while (true) {
                long sum = 0;
                int most = 0;
                for (int i = 0; i < 100; i++) {
                    Thread.sleep(10);
                    int now = standIn.inFlight.get();
                    sum += now;
                    most = Math.max(most, now);
                }
                int asked = standIn.requests();
                if (asked > before || most > 0) {
                    System.out.printf(java.util.Locale.ROOT, "%.0f s: in flight mean %.1f, most %d; %d requests%n",
                            (System.nanoTime() - started) / 1e9, sum / 100.0, most, asked - before);
                }
                before = asked;
            }
        }
    }
}
