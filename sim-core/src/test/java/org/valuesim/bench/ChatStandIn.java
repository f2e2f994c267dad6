package org.valuesim.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * The stand-in model server of the gateway benchmarks (benchmarks/gateway.sh), meant to run in its own JVM so that
 * its CPU is not the client's: an OpenAI-compatible chat completions endpoint that answers every request after a
 * fixed delay with the first token's top log-probabilities over the six PVQ-21 options.
 *
 * <p>It is one thread around a {@link Selector}: HTTP/1.1 keep-alive connections with TCP_NODELAY, requests read as
 * they arrive (split across reads or several in one), each answer queued with its due time and written by the same
 * loop when due. Its predecessors cost the client's two cores too much: the JDK's {@code HttpServer} about 0.38 ms of
 * CPU per call, a thread per connection (a blocking read, a sleep, one write) 87 to 123 us at 1,024 connections
 * (BENCHMARKS.md, "The whole client process" and "The stand-in"). A real model server runs on another machine.
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

    static final String BAD_REQUEST = "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";

    /** A request head longer than this without its blank line is refused (400) rather than buffered on. */
    static final int MAX_HEAD = 64 * 1024;

    private final ServerSocketChannel server;
    private final int port;
    private final Selector selector;
    private final long delayNanos;
    private final ByteBuffer ok;
    private final ByteBuffer badRequest;
    private final ByteBuffer input = ByteBuffer.allocate(64 * 1024);
    /** Answers not yet due, oldest first: with one fixed delay, the order of arrival is the order of due times. */
    private final ArrayDeque<Due> due = new ArrayDeque<>();
    private final Thread loop;
    private volatile boolean closing;

    private record Due(long atNanos, Connection connection) {
    }

    private ChatStandIn(ServerSocketChannel server, Selector selector, long delayMs) {
        this.server = server;
        this.port = server.socket().getLocalPort();
        this.selector = selector;
        this.delayNanos = TimeUnit.MILLISECONDS.toNanos(delayMs);
        byte[] body = ANSWER.getBytes(StandardCharsets.UTF_8);
        byte[] head = ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        this.ok = direct(head, body);
        this.badRequest = direct(BAD_REQUEST.getBytes(StandardCharsets.US_ASCII));
        this.loop = new Thread(this::run, "stand-in");
        loop.setDaemon(true);
    }

    private static ByteBuffer direct(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        ByteBuffer buffer = ByteBuffer.allocateDirect(length);
        for (byte[] part : parts) {
            buffer.put(part);
        }
        return buffer.flip().asReadOnlyBuffer();
    }

    /** Starts the server on a loopback port (0: any free one). */
    public static ChatStandIn start(int port, long delayMs) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open();
        try {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 4096);
            server.configureBlocking(false);
            Selector selector = Selector.open();
            server.register(selector, SelectionKey.OP_ACCEPT);
            ChatStandIn standIn = new ChatStandIn(server, selector, delayMs);
            standIn.loop.start();
            return standIn;
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    public int port() {
        return port;
    }

    /** Stops the loop and closes the port and every connection. */
    @Override
    public void close() throws IOException {
        closing = true;
        selector.wakeup();
        try {
            loop.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try (selector; server) {
            while (!closing) {
                Due next = due.peek();
                if (next == null) {
                    selector.select();
                } else {
                    // rounded up, so that no answer leaves before its due time
                    long waitMs = TimeUnit.NANOSECONDS.toMillis(next.atNanos - System.nanoTime() + 999_999);
                    if (waitMs > 0) {
                        selector.select(waitMs);
                    } else {
                        selector.selectNow();
                    }
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    handle(key);
                }
                selector.selectedKeys().clear();
                answerDue();
            }
            for (SelectionKey key : selector.keys()) {
                key.channel().close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void handle(SelectionKey key) {
        if (!key.isValid()) {
            return;
        }
        if (key.isAcceptable()) {
            accept();
            return;
        }
        Connection connection = (Connection) key.attachment();
        try {
            if (key.isWritable()) {
                connection.flush();
            }
            if (key.isValid() && key.isReadable()) {
                connection.read();
            }
        } catch (IOException | RuntimeException e) {
            connection.close(); // the client went away: nothing to answer
        }
    }

    private void accept() {
        while (true) {
            SocketChannel channel;
            try {
                channel = server.accept();
            } catch (IOException e) {
                return; // a connection that failed before it was accepted; the next select offers the rest
            }
            if (channel == null) {
                return;
            }
            try {
                channel.configureBlocking(false);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                Connection connection = new Connection(channel);
                connection.key = channel.register(selector, SelectionKey.OP_READ, connection);
            } catch (IOException e) {
                try {
                    channel.close(); // reset before it was set up
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        }
    }

    private void answerDue() {
        long now = System.nanoTime();
        for (Due next = due.peek(); next != null && next.atNanos - now <= 0; next = due.peek()) {
            due.poll();
            Connection connection = next.connection;
            connection.queued--;
            if (connection.open) {
                connection.owed++;
                try {
                    connection.flush();
                } catch (IOException e) {
                    connection.close();
                }
            }
        }
    }

    /** One client connection: the request being read, the answers queued and the answer being written. */
    private final class Connection {
        private final SocketChannel channel;
        private SelectionKey key;
        private boolean open = true;
        /** The request's head read so far, up to and including its blank line. */
        private byte[] head = new byte[1024];
        private int headLength;
        /** Bytes of the current request's body still to read (and ignore); -1 while reading its head. */
        private long bodyLeft = -1;
        /** Answers in the due queue. */
        private int queued;
        /** Answers due but not yet begun. */
        private int owed;
        /** The answer being written, null when none. */
        private ByteBuffer writing;
        private boolean inputEnded;
        private boolean refused;

        private Connection(SocketChannel channel) {
            this.channel = channel;
        }

        void read() throws IOException {
            input.clear();
            int n = channel.read(input);
            if (n < 0) {
                inputEnded = true;
                interest();
                closeIfDone();
                return;
            }
            if (refused) {
                return; // what follows a malformed request is read and dropped until the client closes
            }
            input.flip();
            byte[] bytes = input.array();
            int at = input.position();
            int end = input.limit();
            while (at < end && !refused) {
                if (bodyLeft >= 0) {
                    int skipped = (int) Math.min(bodyLeft, end - at);
                    at += skipped;
                    bodyLeft -= skipped;
                    if (bodyLeft == 0) {
                        bodyLeft = -1;
                        queue();
                    }
                } else {
                    at = readHead(bytes, at, end);
                }
            }
        }

        /** Takes head bytes up to its blank line (then parses it) or to {@code end}; returns where it stopped. */
        private int readHead(byte[] bytes, int at, int end) {
            while (at < end) {
                byte b = bytes[at++];
                if (headLength == 0 && (b == '\r' || b == '\n')) {
                    continue; // empty lines before a request line are allowed (RFC 9112, 2.2)
                }
                if (headLength == head.length) {
                    if (head.length >= MAX_HEAD) {
                        refuse();
                        return end;
                    }
                    head = Arrays.copyOf(head, Math.min(MAX_HEAD, 2 * head.length));
                }
                head[headLength++] = b;
                if (b == '\n' && headLength >= 4 && head[headLength - 2] == '\r' && head[headLength - 3] == '\n'
                        && head[headLength - 4] == '\r') {
                    long length = contentLength();
                    headLength = 0;
                    if (length < 0) {
                        refuse();
                        return end;
                    }
                    if (length == 0) {
                        queue();
                    } else {
                        bodyLeft = length;
                    }
                    return at;
                }
            }
            return at;
        }

        /**
         * The body's length from the head's Content-Length (0 without one, as for any request without a body); -1 if
         * the request line or a header is malformed, the length is not a number or repeated unequal, or the body is
         * chunked (which this stand-in does not read).
         */
        private long contentLength() {
            int lineEnd = lineEnd(0);
            if (lineEnd <= 0 || indexOf((byte) ' ', 0, lineEnd) < 0) {
                return -1;
            }
            long length = 0;
            boolean seen = false;
            for (int line = lineEnd + 2; line < headLength - 2; line = lineEnd + 2) {
                lineEnd = lineEnd(line);
                int colon = indexOf((byte) ':', line, lineEnd);
                if (colon <= line) {
                    return -1;
                }
                if (named("content-length", line, colon)) {
                    long value = number(colon + 1, lineEnd);
                    if (value < 0 || (seen && value != length)) {
                        return -1;
                    }
                    length = value;
                    seen = true;
                } else if (named("transfer-encoding", line, colon)) {
                    return -1;
                }
            }
            return length;
        }

        private int lineEnd(int from) {
            for (int i = from; i + 1 < headLength; i++) {
                if (head[i] == '\r' && head[i + 1] == '\n') {
                    return i;
                }
            }
            return -1;
        }

        private int indexOf(byte b, int from, int to) {
            for (int i = from; i < to; i++) {
                if (head[i] == b) {
                    return i;
                }
            }
            return -1;
        }

        private boolean named(String name, int from, int to) {
            if (to - from != name.length()) {
                return false;
            }
            for (int i = 0; i < name.length(); i++) {
                int c = head[from + i];
                if ((c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c) != name.charAt(i)) {
                    return false;
                }
            }
            return true;
        }

        /** The decimal number between optional blanks, or -1. */
        private long number(int from, int to) {
            while (from < to && (head[from] == ' ' || head[from] == '\t')) {
                from++;
            }
            while (to > from && (head[to - 1] == ' ' || head[to - 1] == '\t')) {
                to--;
            }
            if (from == to || to - from > 18) {
                return -1;
            }
            long value = 0;
            for (int i = from; i < to; i++) {
                if (head[i] < '0' || head[i] > '9') {
                    return -1;
                }
                value = 10 * value + (head[i] - '0');
            }
            return value;
        }

        private void queue() {
            queued++;
            due.add(new Due(System.nanoTime() + delayNanos, this));
        }

        /**
         * Malformed input: a 400 if no answer is owed before it (else the connection just closes), then the end of
         * output; the rest of the input is dropped until the client closes, so that unread input does not reset the
         * connection before the client has read the 400.
         */
        private void refuse() {
            refused = true;
            if (queued == 0 && owed == 0 && writing == null) {
                writing = badRequest.duplicate();
                try {
                    flush();
                    return;
                } catch (IOException e) {
                    // gone already
                }
            }
            close();
        }

        /** Writes what is due until done or the socket's buffer is full (then waits for OP_WRITE). */
        void flush() throws IOException {
            while (true) {
                if (writing == null) {
                    if (owed == 0) {
                        break;
                    }
                    owed--;
                    writing = ok.duplicate();
                }
                channel.write(writing);
                if (writing.hasRemaining()) {
                    interest();
                    return;
                }
                writing = null;
            }
            interest();
            if (refused) {
                channel.shutdownOutput();
            }
            closeIfDone();
        }

        private void interest() {
            int ops = (inputEnded ? 0 : SelectionKey.OP_READ) | (writing != null ? SelectionKey.OP_WRITE : 0);
            if (open && key.interestOps() != ops) {
                key.interestOps(ops);
            }
        }

        private void closeIfDone() {
            if (inputEnded && queued == 0 && owed == 0 && writing == null) {
                close();
            }
        }

        void close() {
            if (open) {
                open = false;
                key.cancel();
                try {
                    channel.close();
                } catch (IOException e) {
                    // closing anyway
                }
            }
        }
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        long delay = args.length > 1 ? Long.parseLong(args[1]) : 100;
        ChatStandIn standIn = start(port, delay);
        System.out.println("stand-in on " + standIn.port());
        Thread.currentThread().join();
    }
}
