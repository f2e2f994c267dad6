package org.valuesim.core.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The selector client against a loopback server of a thread per connection that echoes each request's body after
 * {@code delayMillis} (a body "silent" gets no answer): many calls in flight on one selector thread, each with its own
 * answer, connections kept and reused, timeouts, and a close with calls in flight.
 */
class SelectorHttpClientTest {

    ServerSocket server;
    final AtomicInteger connections = new AtomicInteger();
    volatile long delayMillis;

    @BeforeEach
    void start() throws IOException {
        server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        Thread accepting = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    connections.incrementAndGet();
                    Thread serving = new Thread(() -> serve(s));
                    serving.setDaemon(true);
                    serving.start();
                } catch (IOException e) {
                    return;
                }
            }
        });
        accepting.setDaemon(true);
        accepting.start();
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    private void serve(Socket s) {
        try (s) {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            for (String body = body(in); body != null; body = body(in)) {
                if (body.equals("silent")) {
                    continue;
                }
                Thread.sleep(delayMillis);
                byte[] answer = ("echo " + body).getBytes(StandardCharsets.UTF_8);
                if (body.equals("to the end")) {
                    // no length: the body ends with the connection, as an HTTP/1.0 server may send it
                    out.write("HTTP/1.0 200 OK\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.write(answer);
                    return;
                }
                out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + answer.length + "\r\n"
                        + (body.equals("close") ? "Connection: close\r\n" : "") + "\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.write(answer);
                out.flush();
                if (body.equals("close")) {
                    return;
                }
            }
        } catch (IOException | InterruptedException e) {
            // the client went away
        }
    }

    /** One request's body, or null when the connection ended. */
    private static String body(InputStream in) throws IOException {
        int length = 0;
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); ; b = in.read()) {
            if (b < 0) {
                return null;
            }
            if (b == '\r') {
                continue;
            }
            if (b != '\n') {
                line.append((char) b);
                continue;
            }
            if (line.isEmpty()) {
                break;
            }
            if (line.toString().toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
            line.setLength(0);
        }
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    private SelectorHttpClient.Endpoint endpoint(SelectorHttpClient client) {
        return client.endpoint(URI.create("http://127.0.0.1:" + server.getLocalPort() + "/v1/chat/completions"),
                Map.of("Content-Type", "application/json"));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void manyCallsInFlightEachGetTheirOwnAnswerAndTheConnectionsAreKept() throws Exception {
        delayMillis = 50;
        try (SelectorHttpClient client = new SelectorHttpClient(Duration.ofSeconds(5), Duration.ofSeconds(5))) {
            SelectorHttpClient.Endpoint endpoint = endpoint(client);
            for (int wave = 0; wave < 2; wave++) {
                List<CompletableFuture<Http1Client.Response>> calls = new ArrayList<>();
                for (int i = 0; i < 64; i++) {
                    calls.add(client.post(endpoint, bytes("call " + wave + "." + i)));
                }
                for (int i = 0; i < 64; i++) {
                    assertEquals(new Http1Client.Response(200, "echo call " + wave + "." + i, null),
                            calls.get(i).get(20, TimeUnit.SECONDS));
                }
            }
            assertEquals(64, connections.get(), "one connection per call in flight, kept for the second wave");
        }
    }

    /**
     * Answers that end their connection (Connection: close, a body read to the end) are read whole, and the next call
     * opens a new connection.
     */
    @Test
    void answersThatEndTheirConnectionAreReadAndTheNextCallConnectsAgain() throws Exception {
        try (SelectorHttpClient client = new SelectorHttpClient(Duration.ofSeconds(5), Duration.ofSeconds(5))) {
            SelectorHttpClient.Endpoint endpoint = endpoint(client);
            List<String> bodies = new ArrayList<>();
            for (String body : List.of("close", "to the end", "kept", "kept again")) {
                bodies.add(client.post(endpoint, bytes(body)).get(20, TimeUnit.SECONDS).body());
            }
            assertEquals(List.of("echo close", "echo to the end", "echo kept", "echo kept again"), bodies);
            assertEquals(3, connections.get(), "one each for the two that ended theirs, one kept for the last two");
        }
    }

    @Test
    void aCallWithoutAnswerTimesOutAndOthersGoOn() throws Exception {
        try (SelectorHttpClient client = new SelectorHttpClient(Duration.ofSeconds(5), Duration.ofMillis(300))) {
            SelectorHttpClient.Endpoint endpoint = endpoint(client);
            CompletableFuture<Http1Client.Response> silent = client.post(endpoint, bytes("silent"));
            assertEquals("echo x", client.post(endpoint, bytes("x")).get(20, TimeUnit.SECONDS).body());
            ExecutionException late = assertThrows(ExecutionException.class, () -> silent.get(20, TimeUnit.SECONDS));
            assertInstanceOf(HttpTimeoutException.class, late.getCause());
        }
    }

    @Test
    void closingFailsTheCallsInFlightAndRefusesNewOnes() throws Exception {
        SelectorHttpClient client = new SelectorHttpClient(Duration.ofSeconds(5), Duration.ofSeconds(30));
        SelectorHttpClient.Endpoint endpoint = endpoint(client);
        CompletableFuture<Http1Client.Response> waiting = client.post(endpoint, bytes("silent"));
        assertEquals("echo x", client.post(endpoint, bytes("x")).get(20, TimeUnit.SECONDS).body());
        client.close();
        ExecutionException closed = assertThrows(ExecutionException.class, () -> waiting.get(20, TimeUnit.SECONDS));
        assertEquals("the HTTP client is closed", closed.getCause().getMessage());
        ExecutionException refused = assertThrows(ExecutionException.class,
                () -> client.post(endpoint, bytes("y")).get(20, TimeUnit.SECONDS));
        assertTrue(refused.getCause() instanceof IOException, refused.toString());
    }
}
