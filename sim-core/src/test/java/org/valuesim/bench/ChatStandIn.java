package org.valuesim.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The stand-in model server of the gateway benchmarks (benchmarks/gateway.sh), meant to run in its own JVM so that
 * its CPU is not the client's: an OpenAI-compatible chat completions endpoint that answers every request after a
 * fixed delay with the first token's top log-probabilities over the six PVQ-21 options. A request is read at once
 * and answered from a timer, so calls in flight cost no thread each.
 *
 * <p>Usage: {@code ChatStandIn PORT [DELAY_MS]} (default 100); prints {@code stand-in on PORT} when ready and runs
 * until killed.
 */
public final class ChatStandIn {

    static final String ANSWER = "{\"id\":\"c\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\",\"choices\":[{"
            + "\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"4\"},\"logprobs\":{\"content\":[{\"token\":\"4\","
            + "\"logprob\":-0.4,\"bytes\":[52],\"top_logprobs\":[{\"token\":\"4\",\"logprob\":-0.4,\"bytes\":[52]},"
            + "{\"token\":\"5\",\"logprob\":-1.2,\"bytes\":[53]},{\"token\":\"3\",\"logprob\":-1.9,\"bytes\":[51]},"
            + "{\"token\":\"6\",\"logprob\":-2.6,\"bytes\":[54]},{\"token\":\"2\",\"logprob\":-3.4,\"bytes\":[50]},"
            + "{\"token\":\"1\",\"logprob\":-4.8,\"bytes\":[49]}]}]},\"finish_reason\":\"stop\"}],"
            + "\"usage\":{\"prompt_tokens\":150,\"completion_tokens\":1,\"total_tokens\":151}}";

    private ChatStandIn() {
    }

    /** Starts the server on a loopback port (0: any free one). */
    public static HttpServer start(int port, long delayMs) throws IOException {
        // the JDK server closes idle connections beyond 200 by default: a client with more in flight would see resets
        System.setProperty("sun.net.httpserver.maxIdleConnections", "100000");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 4096);
        ScheduledExecutorService timer = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "stand-in-timer");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "stand-in");
            t.setDaemon(true);
            return t;
        }));
        byte[] body = ANSWER.getBytes(StandardCharsets.UTF_8);
        server.createContext("/v1/chat/completions", exchange -> {
            exchange.getRequestBody().readAllBytes();
            timer.schedule(() -> answer(exchange, body), delayMs, TimeUnit.MILLISECONDS);
        });
        server.start();
        return server;
    }

    private static void answer(HttpExchange exchange, byte[] body) {
        try (exchange) {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        } catch (IOException e) {
            // the client went away: nothing to answer
        }
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        long delay = args.length > 1 ? Long.parseLong(args[1]) : 100;
        HttpServer server = start(port, delay);
        System.out.println("stand-in on " + server.getAddress().getPort());
        Thread.currentThread().join();
    }
}
