package org.valuesim.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The stand-in model server of the gateway benchmarks (benchmarks/gateway.sh), meant to run in its own JVM so that
 * its CPU is not the client's: an OpenAI-compatible chat completions endpoint that answers every request after a
 * fixed delay with the first token's top log-probabilities over the six PVQ-21 options.
 *
 * <p>It is a plain HTTP/1.1 keep-alive server with one thread per connection (a request read, a sleep, one write):
 * the JDK's {@code HttpServer} it replaces spent about 0.38 ms of CPU per call on its selector and executors
 * (BENCHMARKS.md, "The whole client process"), half of this machine's two cores at 2,500 calls/s, so
 * the client's figures measured the stand-in as much as the client. A real model server runs on another machine.
 *
 * <p>Usage: {@code ChatStandIn PORT [DELAY_MS]} (default 100); prints {@code stand-in on PORT} when ready and runs
 * until killed.
 */
public final class ChatStandIn implements AutoCloseable {

    static final String ANSWER = "{\"id\":\"c\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\",\"choices\":[{"
            + "\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"4\"},\"logprobs\":{\"content\":[{\"token\":\"4\","
            + "\"logprob\":-0.4,\"bytes\":[52],\"top_logprobs\":[{\"token\":\"4\",\"logprob\":-0.4,\"bytes\":[52]},"
            + "{\"token\":\"5\",\"logprob\":-1.2,\"bytes\":[53]},{\"token\":\"3\",\"logprob\":-1.9,\"bytes\":[51]},"
            + "{\"token\":\"6\",\"logprob\":-2.6,\"bytes\":[54]},{\"token\":\"2\",\"logprob\":-3.4,\"bytes\":[50]},"
            + "{\"token\":\"1\",\"logprob\":-4.8,\"bytes\":[49]}]}]},\"finish_reason\":\"stop\"}],"
            + "\"usage\":{\"prompt_tokens\":150,\"completion_tokens\":1,\"total_tokens\":151}}";

    private final ServerSocket server;
    private final long delayMs;
    private final byte[] ok;

    private ChatStandIn(ServerSocket server, long delayMs) {
        this.server = server;
        this.delayMs = delayMs;
        byte[] body = ANSWER.getBytes(StandardCharsets.UTF_8);
        byte[] head = ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        this.ok = new byte[head.length + body.length];
        System.arraycopy(head, 0, ok, 0, head.length);
        System.arraycopy(body, 0, ok, head.length, body.length);
    }

    /** Starts the server on a loopback port (0: any free one). */
    public static ChatStandIn start(int port, long delayMs) throws IOException {
        ChatStandIn standIn = new ChatStandIn(new ServerSocket(port, 4096, InetAddress.getLoopbackAddress()), delayMs);
        Thread acceptor = new Thread(standIn::accept, "stand-in-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        return standIn;
    }

    public int port() {
        return server.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread t = new Thread(() -> serve(socket), "stand-in");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                // closed, or a connection that failed before it was accepted
            }
        }
    }

    /** Answers the connection's requests one after another until the client closes it. */
    private void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            OutputStream out = socket.getOutputStream();
            while (true) {
                long length = -1;
                String line = line(in);
                if (line == null) {
                    return;
                }
                for (line = line(in); line != null && !line.isEmpty(); line = line(in)) {
                    if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                        length = Long.parseLong(line.substring(15).trim());
                    }
                }
                if (line == null || length < 0) {
                    return;
                }
                in.skipNBytes(length);
                Thread.sleep(delayMs);
                out.write(ok);
            }
        } catch (IOException | InterruptedException e) {
            // the client went away: nothing to answer
        }
    }

    /** A line without its CRLF, or null at the end of the stream. */
    private static String line(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder(64);
        for (int ch = in.read(); ch != '\n'; ch = in.read()) {
            if (ch < 0) {
                return null;
            }
            if (ch != '\r') {
                b.append((char) ch);
            }
        }
        return b.toString();
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        long delay = args.length > 1 ? Long.parseLong(args[1]) : 100;
        ChatStandIn standIn = start(port, delay);
        System.out.println("stand-in on " + standIn.port());
        Thread.currentThread().join();
    }
}
