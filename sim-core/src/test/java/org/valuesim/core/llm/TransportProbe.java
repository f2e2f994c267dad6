package org.valuesim.core.llm;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Issue #17's probe (BENCHMARKS.md): the CPU per call of the lean path's transport alone, (a) {@link Http1Client} on
 * one blocking thread per call in flight against (b) one selector thread driving as many non-blocking keep-alive
 * connections; both post the same body and parse the response with {@link ChatCompletionsBackend#read}. Not a test.
 * Usage: {@code TransportProbe BASE_URL IN_FLIGHT CALLS blocking|selector|gateway}; prints this JVM's CPU per call over the
 * second half of the calls; {@code gateway} runs the whole live path (ModelGateway over the lean backend) instead.
 */
public final class TransportProbe {

    public static void main(String[] args) throws Exception {
        String base = args[0];
        int inFlight = Integer.parseInt(args[1]);
        int calls = Integer.parseInt(args[2]);
        String mode = args[3];
        ChatCompletionsBackend backend = new ChatCompletionsBackend("stand-in", null, Duration.ofSeconds(60));
        String system = "You are taking part in a survey. You are a person whose values, from most to least important to "
                + "you, are: power, achievement, hedonism, stimulation, self-direction, universalism, benevolence, "
                + "tradition, conformity, security. Answer every question as this person, honestly.";
        String user = "Here we briefly describe some people. Please read each description and think about how much each "
                + "person is or is not like you.\n\nThinking up new ideas and being creative is important to him. He "
                + "likes to do things in his own original way.\n\nHow much like you is this person?\n1. Not like me at "
                + "all\n2. Not like me\n3. A little like me\n4. Somewhat like me\n5. Like me\n6. Very much like me\n\n"
                + "Answer with the number of your choice only.";
        byte[] body = backend.body(new ModelRequest(List.of(Message.system(system), Message.user(user)),
                new Sampling(0, 1, 20), 0));
        URI uri = URI.create(base + "/chat/completions");
        Map<String, String> headers = Map.of("Authorization", "Bearer none", "Content-Type", "application/json",
                "Accept", "application/json", "User-Agent", "valuesim");
        AtomicLong next = new AtomicLong();
        Transport transport = switch (mode) {
            case "blocking" -> new Blocking(uri, headers, inFlight);
            case "selector" -> new SelectorLoop(uri, headers);
            default -> {
                // the whole live path: ModelGateway over the lean backend, distinct requests of the same size
                ModelGateway gateway = new ModelGateway(backend, GatewayConfig.of(List.of(base), inFlight),
                        CallCache.NONE, ModelGateway.CacheMode.OFF);
                yield b -> gateway.call(new ModelRequest(List.of(Message.system(system),
                        Message.user(user + " " + next.incrementAndGet())), new Sampling(0, 1, 20), 0))
                        .thenApply(GatewayResult::response);
            }
        };
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Semaphore slots = new Semaphore(inFlight);
        AtomicLong failures = new AtomicLong();
        int half = calls / 2;
        long cpu0 = 0;
        long wall0 = 0;
        for (int i = 0; i < calls; i++) {
            if (i == half) {
                slots.acquire(inFlight);
                slots.release(inFlight);
                cpu0 = os.getProcessCpuTime();
                wall0 = System.nanoTime();
            }
            slots.acquire();
            transport.post(body).whenComplete((r, e) -> {
                if (e != null) {
                    failures.incrementAndGet();
                }
                slots.release();
            });
        }
        slots.acquire(inFlight);
        long cpu = os.getProcessCpuTime() - cpu0;
        double seconds = (System.nanoTime() - wall0) / 1e9;
        int n = calls - half;
        System.out.printf(Locale.ROOT, "%-8s in flight %5d: %d calls in %.2f s = %.0f calls/s (%.1f%% of ideal), this "
                        + "JVM's CPU %.0f us/call, failures %d; a body of %d bytes%n", mode, inFlight, n, seconds, n / seconds,
                100 * n / seconds / (inFlight * 10.0), cpu / 1e3 / n, failures.get(), body.length);
        System.exit(0);
    }

    interface Transport {
        CompletableFuture<ModelResponse> post(byte[] body);
    }

    /** Today's path: a fixed pool of blocking workers, each posting with Http1Client and parsing. */
    static final class Blocking implements Transport {
        final Http1Client http = new Http1Client(Duration.ofSeconds(10), Duration.ofSeconds(60));
        final Http1Client.Endpoint endpoint;
        final ExecutorService workers;

        Blocking(URI uri, Map<String, String> headers, int n) {
            endpoint = http.endpoint(uri, headers);
            workers = Executors.newFixedThreadPool(n, r -> {
                Thread t = new Thread(r, "valuesim-model");
                t.setDaemon(true);
                return t;
            });
        }

        @Override
        public CompletableFuture<ModelResponse> post(byte[] body) {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    return ChatCompletionsBackend.read(http.post(endpoint, body).body());
                } catch (IOException | ModelCallException e) {
                    throw new IllegalStateException(e);
                }
            }, workers);
        }
    }

    /** One selector thread: requests queued to it, woken only when it sleeps, responses parsed on it. */
    static final class SelectorLoop implements Transport {
        final Selector selector;
        final InetSocketAddress address;
        final byte[] head;
        final ConcurrentLinkedQueue<Call> queue = new ConcurrentLinkedQueue<>();
        final ArrayDeque<Conn> idle = new ArrayDeque<>();
        final AtomicBoolean sleeping = new AtomicBoolean();

        record Call(byte[] request, CompletableFuture<ModelResponse> result) {
        }

        static final class Conn {
            final SocketChannel channel;
            final ByteBuffer in = ByteBuffer.allocate(16 * 1024);
            ByteBuffer out;
            Call call;
            SelectionKey key;

            Conn(SocketChannel channel) {
                this.channel = channel;
            }
        }

        SelectorLoop(URI uri, Map<String, String> headers) throws IOException {
            selector = Selector.open();
            address = new InetSocketAddress(uri.getHost(), uri.getPort());
            StringBuilder h = new StringBuilder("POST ").append(uri.getRawPath()).append(" HTTP/1.1\r\nHost: ")
                    .append(uri.getHost()).append(':').append(uri.getPort()).append("\r\n");
            headers.forEach((k, v) -> h.append(k).append(": ").append(v).append("\r\n"));
            head = h.append("Content-Length: ").toString().getBytes(StandardCharsets.US_ASCII);
            Thread t = new Thread(this::loop, "valuesim-http");
            t.setDaemon(true);
            t.start();
        }

        @Override
        public CompletableFuture<ModelResponse> post(byte[] body) {
            byte[] length = (body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            byte[] request = new byte[head.length + length.length + body.length];
            System.arraycopy(head, 0, request, 0, head.length);
            System.arraycopy(length, 0, request, head.length, length.length);
            System.arraycopy(body, 0, request, head.length + length.length, body.length);
            CompletableFuture<ModelResponse> result = new CompletableFuture<>();
            queue.add(new Call(request, result));
            if (sleeping.get() && sleeping.compareAndSet(true, false)) {
                selector.wakeup();
            }
            return result;
        }

        void loop() {
            try {
                while (true) {
                    for (Call c = queue.poll(); c != null; c = queue.poll()) {
                        start(c);
                    }
                    sleeping.set(true);
                    if (queue.isEmpty()) {
                        selector.select();
                    } else {
                        selector.selectNow();
                    }
                    sleeping.set(false);
                    for (SelectionKey k : selector.selectedKeys()) {
                        Conn c = (Conn) k.attachment();
                        try {
                            if (k.isConnectable()) {
                                c.channel.finishConnect();
                                k.interestOps(SelectionKey.OP_WRITE);
                            } else if (k.isWritable()) {
                                write(c);
                            } else if (k.isReadable()) {
                                read(c);
                            }
                        } catch (IOException | RuntimeException | ModelCallException e) {
                            k.cancel();
                            c.channel.close();
                            c.call.result().completeExceptionally(e);
                        }
                    }
                    selector.selectedKeys().clear();
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        void start(Call call) throws IOException {
            Conn c = idle.poll();
            if (c == null) {
                SocketChannel ch = SocketChannel.open();
                ch.configureBlocking(false);
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                c = new Conn(ch);
                c.call = call;
                c.out = ByteBuffer.wrap(call.request());
                c.key = ch.register(selector, ch.connect(address) ? SelectionKey.OP_WRITE : SelectionKey.OP_CONNECT, c);
                return;
            }
            c.call = call;
            c.out = ByteBuffer.wrap(call.request());
            c.key.interestOps(SelectionKey.OP_WRITE);
            write(c);
        }

        void write(Conn c) throws IOException {
            c.channel.write(c.out);
            if (!c.out.hasRemaining()) {
                c.key.interestOps(SelectionKey.OP_READ);
            }
        }

        void read(Conn c) throws IOException, ModelCallException {
            if (c.channel.read(c.in) < 0) {
                throw new IOException("closed");
            }
            byte[] a = c.in.array();
            int end = c.in.position();
            int headEnd = -1;
            for (int i = 3; i < end; i++) {
                if (a[i] == '\n' && a[i - 1] == '\r' && a[i - 2] == '\n' && a[i - 3] == '\r') {
                    headEnd = i + 1;
                    break;
                }
            }
            if (headEnd < 0) {
                return;
            }
            String headers = new String(a, 0, headEnd, StandardCharsets.ISO_8859_1);
            int at = headers.toLowerCase(Locale.ROOT).indexOf("content-length:");
            int eol = headers.indexOf('\r', at);
            int length = Integer.parseInt(headers.substring(at + 15, eol).trim());
            if (end < headEnd + length) {
                return;
            }
            String body = new String(a, headEnd, length, StandardCharsets.UTF_8);
            c.in.clear();
            Call call = c.call;
            c.call = null;
            idle.push(c);
            call.result().complete(ChatCompletionsBackend.read(body));
        }
    }
}
