package org.valuesim.core.llm.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * What the loopback stand-ins of the providers share: a JDK HTTP server on 127.0.0.1, JSON in and out, and errors
 * in the providers' shape ({"error": {"type", "message"}}).
 */
abstract class StandInServer implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    /** A request the stand-in refuses, with the HTTP status and message a provider would give. */
    static final class Refusal extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;

        Refusal(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(16);

    StandInServer() throws IOException {
        this(0);
    }

    /** @param port a fixed loopback port (0 for any free one) */
    StandInServer(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/", exchange -> {
            try {
                handle(exchange);
            } catch (Refusal r) {
                send(exchange, r.status, "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":"
                        + JSON.writeValueAsString(r.getMessage()) + "}}");
            } catch (RuntimeException e) {
                send(exchange, 500, "{\"error\":{\"message\":" + JSON.writeValueAsString(String.valueOf(e)) + "}}");
            } finally {
                exchange.close();
            }
        });
        server.setExecutor(threads);
        server.start();
    }

    /** The base URL a scenario gives (http://127.0.0.1:port/v1). */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    public int port() {
        return server.getAddress().getPort();
    }

    abstract void handle(HttpExchange exchange) throws IOException;

    static JsonNode readJson(HttpExchange exchange) throws IOException {
        return JSON.readTree(exchange.getRequestBody().readAllBytes());
    }

    static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    static void sendLines(HttpExchange exchange, String lines) throws IOException {
        byte[] bytes = lines.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/binary");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
