package org.valuesim.core.llm;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The non-blocking HTTP/1.1 client of the lean chat completions path over plain {@code http}: one selector thread
 * drives every keep-alive connection, one per call in flight, so that a thousand calls in flight cost a thousand
 * sockets and no thread each (BENCHMARKS.md, "The asynchronous live path"). It frames responses as
 * {@link Http1Client} does (the same {@link HttpResponseReader}), keeps its rules for idle connections (closed after
 * {@link Http1Client#MAX_IDLE}; one found closed before any byte of its response is replaced once, since the server
 * never read that request) and its timeouts (the connect timeout, then the read timeout as the longest wait for the
 * next byte). Responses complete their futures on the selector thread: a caller moves its own work elsewhere.
 * {@code https} stays with {@link Http1Client}.
 */
final class SelectorHttpClient implements AutoCloseable {

    /** How often the selector thread looks for calls past their deadline and idle connections past their age. */
    private static final long SWEEP_MILLIS = 50;
    /** How long a host name's address is kept before it is looked up again. */
    private static final long RESOLVED_FOR = TimeUnit.SECONDS.toNanos(30);

    private final long connectTimeoutNanos;
    private final long readTimeoutNanos;
    private final Queue<Exchange> submitted = new ConcurrentLinkedQueue<>();
    /** Every endpoint made, so that the selector thread finds their idle connections (to age and to close). */
    private final Queue<Endpoint> endpoints = new ConcurrentLinkedQueue<>();
    /** Whether the selector thread may be asleep in select: a submitter then wakes it (a system call, so only then). */
    private final AtomicBoolean sleeping = new AtomicBoolean();
    private final Object startLock = new Object();
    private volatile Selector selector;
    private volatile boolean closed;
    private Thread thread;

    // the selector thread's own
    private final ByteBuffer readBuffer = ByteBuffer.allocate(64 * 1024);
    private final Set<Connection> busy = new HashSet<>();


    SelectorHttpClient(Duration connectTimeout, Duration readTimeout) {
        this.connectTimeoutNanos = connectTimeout.toNanos();
        this.readTimeoutNanos = readTimeout.toNanos();
    }

    /** Where a caller posts, with the head of its requests made once; its idle connections are the selector's. */
    static final class Endpoint {
        private final String host;
        private final int port;
        private final byte[] head;
        private final ArrayDeque<Connection> idle = new ArrayDeque<>();
        private volatile InetSocketAddress address;
        private volatile long resolvedAt;

        private Endpoint(URI uri, byte[] head) {
            this.host = uri.getHost();
            this.port = uri.getPort() > 0 ? uri.getPort() : 80;
            this.head = head;
        }

        /** Looked up on the caller's thread, so that a slow name server never holds up the selector. */
        private InetSocketAddress address() {
            InetSocketAddress a = address;
            long now = System.nanoTime();
            if (a == null || now - resolvedAt > RESOLVED_FOR) {
                a = new InetSocketAddress(host, port);
                address = a;
                resolvedAt = now;
            }
            return a;
        }
    }

    /** One request and its response to come. */
    private record Exchange(Endpoint endpoint, InetSocketAddress address, byte[] request,
                            CompletableFuture<Http1Client.Response> result) {
    }

    /** One open connection, and the exchange it carries (null while idle). */
    private static final class Connection {
        final SocketChannel channel;
        final Endpoint endpoint;
        final SelectionKey key;
        Exchange exchange;
        ByteBuffer out;
        HttpResponseReader reader;
        boolean connected;
        boolean reused;
        long deadline;
        long lastUsed;

        Connection(SocketChannel channel, Endpoint endpoint, Selector selector) throws IOException {
            this.channel = channel;
            this.endpoint = endpoint;
            this.key = channel.register(selector, 0, this);
        }

        void close() {
            key.cancel();
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing a connection that failed: nothing more to do
            }
        }
    }

    /** The endpoint for POSTs to an {@code http} URI with these headers; its connections close with this client. */
    Endpoint endpoint(URI uri, Map<String, String> headers) {
        Endpoint endpoint = new Endpoint(uri, Http1Client.head(uri, headers));
        endpoints.add(endpoint);
        return endpoint;
    }

    /** POSTs a body; the future completes on the selector thread, an error status as a response, not a failure. */
    CompletableFuture<Http1Client.Response> post(Endpoint endpoint, byte[] body) {
        CompletableFuture<Http1Client.Response> result = new CompletableFuture<>();
        Exchange exchange = new Exchange(endpoint, endpoint.address(), Http1Client.request(endpoint.head, body),
                result);
        Selector s = selector == null ? start() : selector;
        submitted.add(exchange);
        if (closed) {
            if (submitted.remove(exchange)) {
                result.completeExceptionally(new IOException("the HTTP client is closed"));
            }
        } else if (sleeping.get() && sleeping.compareAndSet(true, false)) {
            s.wakeup();
        }
        return result;
    }

    /** Fails the calls in flight and closes every connection. */
    @Override
    public void close() {
        Thread t;
        synchronized (startLock) {
            closed = true;
            t = thread;
        }
        if (t != null && t != Thread.currentThread()) {
            selector.wakeup();
            try {
                t.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private Selector start() {
        synchronized (startLock) {
            if (selector == null && !closed) {
                try {
                    Selector s = Selector.open();
                    thread = new Thread(() -> loop(s), "valuesim-http");
                    thread.setDaemon(true);
                    selector = s;
                    thread.start();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException("cannot open a selector", e);
                }
            }
            return selector;
        }
    }

    private void loop(Selector s) {
        long nextSweep = System.nanoTime();
        Throwable broken = null;
        try {
            while (!closed) {
                for (Exchange x = submitted.poll(); x != null; x = submitted.poll()) {
                    begin(x, s);
                }
                sleeping.set(true);
                if (submitted.isEmpty()) {
                    s.select(SWEEP_MILLIS);
                } else {
                    s.selectNow();
                }
                sleeping.set(false);
                Set<SelectionKey> ready = s.selectedKeys();
                for (SelectionKey key : ready) {
                    ready((Connection) key.attachment(), key);
                }
                ready.clear();
                long now = System.nanoTime();
                if (now - nextSweep >= 0) {
                    sweep(now);
                    nextSweep = now + TimeUnit.MILLISECONDS.toNanos(SWEEP_MILLIS);
                }
            }
        } catch (IOException | RuntimeException e) {
            broken = e;
        } finally {
            closed = true;
            IOException why = new IOException("the HTTP client is closed", broken);
            for (Connection c : new ArrayList<>(busy)) {
                fail(c, why);
            }
            for (Endpoint e : endpoints) {
                closeIdle(e);
            }
            for (Exchange x = submitted.poll(); x != null; x = submitted.poll()) {
                complete(x, null, why);
            }
            try {
                s.close();
            } catch (IOException ignored) {
                // the client is done either way
            }
        }
    }

    /** Puts an exchange on an idle connection of its endpoint that is young enough, or on a new one. */
    private void begin(Exchange x, Selector s) {
        Endpoint e = x.endpoint();
        long now = System.nanoTime();
        Connection c;
        for (c = e.idle.pollFirst(); c != null; c = e.idle.pollFirst()) {
            if (now - c.lastUsed < Http1Client.MAX_IDLE && c.channel.isOpen()) {
                break;
            }
            c.close();
        }
        if (c == null) {
            try {
                c = open(x, s);
            } catch (IOException | RuntimeException failure) {
                complete(x, null, failure);
                return;
            }
        }
        c.exchange = x;
        c.out = ByteBuffer.wrap(x.request());
        c.reader = new HttpResponseReader();
        busy.add(c);
        if (c.connected) {
            c.deadline = now + readTimeoutNanos;
            try {
                write(c);
            } catch (IOException failure) {
                failed(c, failure);
            }
        } else {
            c.deadline = now + connectTimeoutNanos;
        }
    }

    private Connection open(Exchange x, Selector s) throws IOException {
        SocketChannel channel = SocketChannel.open();
        try {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            Connection c = new Connection(channel, x.endpoint(), s);
            try {
                c.connected = channel.connect(x.address());
            } catch (UnresolvedAddressException unknown) {
                throw new UnknownHostException(x.endpoint().host);
            }
            c.key.interestOps(c.connected ? SelectionKey.OP_WRITE : SelectionKey.OP_CONNECT);
            return c;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private void ready(Connection c, SelectionKey key) {
        if (!key.isValid() || c.exchange == null) {
            return;
        }
        try {
            if (key.isConnectable()) {
                if (!c.channel.finishConnect()) {
                    return; // not yet: the selector says again when it is
                }
                c.connected = true;
                c.deadline = System.nanoTime() + readTimeoutNanos;
                write(c);
            } else if (key.isWritable()) {
                write(c);
            } else if (key.isReadable()) {
                read(c);
            }
        } catch (IOException | RuntimeException failure) {
            failed(c, failure);
        }
    }

    private static void write(Connection c) throws IOException {
        c.channel.write(c.out);
        c.key.interestOps(c.out.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
    }

    private void read(Connection c) throws IOException {
        readBuffer.clear();
        int n = c.channel.read(readBuffer);
        if (n < 0) {
            c.reader.end(); // a body read to the connection's end completes; anything else throws
            finish(c);
        } else if (n > 0) {
            c.deadline = System.nanoTime() + readTimeoutNanos;
            if (c.reader.feed(readBuffer.array(), 0, n)) {
                finish(c);
            }
        }
    }

    /** The response is whole: the connection goes back to its endpoint's idle ones (or closes), the caller gets it. */
    private void finish(Connection c) {
        Exchange x = c.exchange;
        HttpResponseReader reader = c.reader;
        busy.remove(c);
        c.exchange = null;
        c.out = null;
        c.reader = null;
        if (reader.closeAfter() || !c.channel.isOpen()) {
            c.close();
        } else {
            c.key.interestOps(0);
            c.reused = true;
            c.lastUsed = System.nanoTime();
            c.endpoint.idle.addFirst(c);
        }
        complete(x, reader.response(), null);
    }

    /**
     * A failed exchange: on a kept connection before any byte of a response, the server had closed it without
     * reading the request, and the request goes once more on a new connection (the endpoint's other idle connections
     * are as old, and are closed too); anything else fails the call.
     */
    private void failed(Connection c, Throwable failure) {
        Exchange x = c.exchange;
        boolean stale = c.reused && !c.reader.started() && failure instanceof IOException;
        if (!stale) {
            fail(c, failure);
            return;
        }
        busy.remove(c);
        c.exchange = null;
        c.close();
        closeIdle(c.endpoint);
        begin(x, c.key.selector());
    }

    private void fail(Connection c, Throwable failure) {
        Exchange x = c.exchange;
        busy.remove(c);
        c.exchange = null;
        c.close();
        complete(x, null, failure);
    }

    /** Fails the calls past their deadline and closes the idle connections past their age. */
    private void sweep(long now) {
        List<Connection> late = null;
        for (Connection c : busy) {
            if (now - c.deadline >= 0) {
                (late == null ? late = new ArrayList<>() : late).add(c);
            }
        }
        if (late != null) {
            for (Connection c : late) {
                fail(c, c.connected ? new HttpTimeoutException("request timed out")
                        : new HttpConnectTimeoutException("connect timed out"));
            }
        }
        for (Endpoint e : endpoints) {
            // the oldest are last
            for (Connection c = e.idle.peekLast(); c != null && now - c.lastUsed >= Http1Client.MAX_IDLE;
                    c = e.idle.peekLast()) {
                e.idle.pollLast().close();
            }
        }
    }

    private static void closeIdle(Endpoint e) {
        for (Connection c = e.idle.poll(); c != null; c = e.idle.poll()) {
            c.close();
        }
    }

    /** Completes a caller's future; what its dependents do (or an executor refusing them) never reaches the loop. */
    private static void complete(Exchange x, Http1Client.Response response, Throwable failure) {
        try {
            if (failure == null) {
                x.result().complete(response);
            } else {
                x.result().completeExceptionally(failure);
            }
        } catch (RuntimeException ignored) {
            // a dependent's failure is the caller's to see through its own future
        }
    }
}
