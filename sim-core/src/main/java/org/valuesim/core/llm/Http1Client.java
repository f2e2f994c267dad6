package org.valuesim.core.llm;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The blocking HTTP/1.1 client of the lean chat completions path ({@code https}, and every call where the gateway
 * keeps a worker per call: a rate limit, a cluster member): a POST over a pooled keep-alive connection, one
 * connection per call in flight; plain {@code http} without those goes through {@link SelectorHttpClient}. The JDK's
 * HttpClient, under LangChain4j, spent about 0.3 ms of CPU per call on its selector, executors and futures
 * (BENCHMARKS.md, "Model gateway"). Plain {@code http} and {@code https} (the JDK's TLS, with host name checks),
 * responses with a Content-Length, chunked, or up to the connection's close; no proxy, no compression, as the JDK
 * client was used before. A connection idle longer than {@link #MAX_IDLE} is closed rather than reused (servers drop
 * idle connections after a few seconds: uvicorn, under vLLM, after 5); one found closed before any byte of its
 * response arrived is replaced once, since the server never read that request.
 */
final class Http1Client implements AutoCloseable {

    /** A status, its body, and the Retry-After header (null when absent). */
    record Response(int status, String body, String retryAfter) {
    }

    static final long MAX_IDLE = Duration.ofSeconds(2).toNanos();

    private static final int BUFFER = 16 * 1024;

    private final int connectTimeoutMs;
    private final int readTimeoutMs;
    /** Every endpoint made, so that {@link #close} finds their idle connections. */
    private final Queue<Endpoint> endpoints = new ConcurrentLinkedQueue<>();

    Http1Client(Duration connectTimeout, Duration readTimeout) {
        this.connectTimeoutMs = (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis());
        this.readTimeoutMs = (int) Math.min(Integer.MAX_VALUE, readTimeout.toMillis());
    }

    /**
     * Where a caller posts, with the headers it sends every time: the head of its requests up to the Content-Length
     * value, made once, and its idle connections. A caller keeps it ({@link #endpoint}) and posts to it call after call.
     */
    static final class Endpoint {
        private final URI uri;
        private final byte[] head;
        private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();

        private Endpoint(URI uri, byte[] head) {
            this.uri = uri;
            this.head = head;
        }
    }

    /** One open connection and what it last did. */
    private static final class Connection {
        final Socket socket;
        final InputStream in;
        final OutputStream out;
        final byte[] buffer = new byte[BUFFER];
        long lastUsed;
        boolean reused;

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a socket that failed: nothing more to do
            }
        }
    }

    /** Thrown when a reused connection turns out closed before any byte of the response: the request was not read. */
    private static final class Stale extends IOException {
        private static final long serialVersionUID = 1L;

        Stale(IOException cause) {
            super("the server had closed the idle connection", cause);
        }
    }

    /** The endpoint for POSTs to {@code uri} with these headers; its connections are closed with this client. */
    Endpoint endpoint(URI uri, Map<String, String> headers) {
        Endpoint endpoint = new Endpoint(uri, head(uri, headers));
        endpoints.add(endpoint);
        return endpoint;
    }

    /** POSTs a body and reads the whole response; an error status is a response, not an exception. */
    Response post(Endpoint endpoint, byte[] body) throws IOException {
        byte[] request = request(endpoint.head, body);
        try {
            return exchange(endpoint, request);
        } catch (Stale stale) {
            // the server closed its idle connections: those left in the pool are as stale
            closeIdle(endpoint);
            return exchange(endpoint, request);
        }
    }

    /** Closes every idle connection (those in use are closed by their calls). */
    @Override
    public void close() {
        endpoints.forEach(Http1Client::closeIdle);
    }

    private static void closeIdle(Endpoint endpoint) {
        for (Connection c = endpoint.idle.poll(); c != null; c = endpoint.idle.poll()) {
            c.close();
        }
    }

    private Response exchange(Endpoint endpoint, byte[] request) throws IOException {
        Connection c = take(endpoint);
        try {
            try {
                c.out.write(request);
                c.out.flush();
            } catch (java.net.SocketException e) {
                throw c.reused ? new Stale(e) : e;
            }
            Response response = read(c);
            if (!c.socket.isClosed()) {
                c.lastUsed = System.nanoTime();
                c.reused = true;
                endpoint.idle.push(c);
            }
            return response;
        } catch (SocketTimeoutException e) {
            c.close();
            throw new HttpTimeoutException("request timed out");
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** An idle connection of the endpoint that is young enough, or a new one. */
    private Connection take(Endpoint endpoint) throws IOException {
        long now = System.nanoTime();
        for (Connection c = endpoint.idle.poll(); c != null; c = endpoint.idle.poll()) {
            if (now - c.lastUsed < MAX_IDLE && !c.socket.isClosed()) {
                return c;
            }
            c.close();
        }
        return open(endpoint.uri);
    }

    private Connection open(URI uri) throws IOException {
        boolean tls = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            try {
                socket.connect(new InetSocketAddress(uri.getHost(), port), connectTimeoutMs);
            } catch (SocketTimeoutException e) {
                throw new HttpConnectTimeoutException("connect timed out");
            }
            socket.setSoTimeout(readTimeoutMs);
            if (tls) {
                SSLSocket ssl = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault())
                        .createSocket(socket, uri.getHost(), port, true);
                SSLParameters parameters = ssl.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                ssl.setSSLParameters(parameters);
                ssl.startHandshake();
                return new Connection(ssl);
            }
            return new Connection(socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** The head and the body in one array: one write, one segment, where two writes made two of each. */
    static byte[] request(byte[] head, byte[] body) {
        byte[] length = (body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] request = Arrays.copyOf(head, head.length + length.length + body.length);
        System.arraycopy(length, 0, request, head.length, length.length);
        System.arraycopy(body, 0, request, head.length + length.length, body.length);
        return request;
    }

    /** The head of an endpoint's requests up to the Content-Length value. */
    static byte[] head(URI uri, Map<String, String> headers) {
        StringBuilder h = new StringBuilder(256).append("POST ").append(uri.getRawPath());
        if (uri.getRawQuery() != null) {
            h.append('?').append(uri.getRawQuery());
        }
        h.append(" HTTP/1.1\r\nHost: ").append(uri.getHost());
        if (uri.getPort() > 0) {
            h.append(':').append(uri.getPort());
        }
        h.append("\r\n");
        headers.forEach((name, value) -> h.append(name).append(": ").append(value).append("\r\n"));
        h.append("Content-Length: ");
        return h.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Reads one response; closes the connection when the response ends it. On a reused connection, the end of the
     * stream or a reset before the response's first byte means the server had closed the connection without reading
     * the request: {@link Stale}, asked again once on a new connection.
     */
    private static Response read(Connection c) throws IOException {
        HttpResponseReader reader = new HttpResponseReader();
        while (true) {
            int n;
            try {
                n = c.in.read(c.buffer);
            } catch (java.net.SocketException e) {
                throw c.reused && !reader.started() ? new Stale(e) : e;
            }
            if (n < 0) {
                try {
                    reader.end();
                } catch (EOFException e) {
                    throw c.reused && !reader.started() ? new Stale(e) : e;
                }
                break;
            }
            if (reader.feed(c.buffer, 0, n)) {
                break;
            }
        }
        if (reader.closeAfter()) {
            c.socket.close();
        }
        return reader.response();
    }
}
