package org.valuesim.bench;

import com.sun.net.httpserver.HttpServer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import org.valuesim.core.cache.CallCache;
import org.valuesim.core.cache.SqliteCallCache;
import org.valuesim.core.llm.CacheKey;
import org.valuesim.core.llm.GatewayConfig;
import org.valuesim.core.llm.Message;
import org.valuesim.core.llm.ModelGateway;
import org.valuesim.core.llm.ModelRequest;
import org.valuesim.core.llm.ModelResponse;
import org.valuesim.core.llm.OpenAiCompatibleBackend;
import org.valuesim.core.llm.Sampling;
import org.valuesim.core.llm.TokenLogprob;

/**
 * The model gateway's benchmark (BENCHMARKS.md): run with benchmarks/gateway.sh. Not a test: it prints
 * figures. A loopback HTTP server in this JVM answers every chat completion after 100 ms.
 */
public final class GatewayBenchmark {

    static final String ANSWER = "{\"id\":\"c\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\",\"choices\":[{"
            + "\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"4\"},\"logprobs\":{\"content\":[{\"token\":\"4\","
            + "\"logprob\":-0.4,\"bytes\":[52],\"top_logprobs\":[{\"token\":\"4\",\"logprob\":-0.4,\"bytes\":[52]},"
            + "{\"token\":\"5\",\"logprob\":-1.2,\"bytes\":[53]}]}]},\"finish_reason\":\"stop\"}],"
            + "\"usage\":{\"prompt_tokens\":150,\"completion_tokens\":1,\"total_tokens\":151}}";

    public static void main(String[] args) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4096);
        server.setExecutor(Executors.newFixedThreadPool(1200, r -> new Thread(r, "bench-server")));
        byte[] body = ANSWER.getBytes(StandardCharsets.UTF_8);
        server.createContext("/v1/chat/completions", exchange -> {
            exchange.getRequestBody().readAllBytes();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
        System.out.printf("java %s, %d cores%n", System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
        warm(base);
        for (int inFlight : new int[] {64, 256, 1024}) {
            throughput(base, inFlight, inFlight * 20);
        }
        server.stop(0);
        Path dir = Files.createTempDirectory(Path.of("target"), "bench");
        cacheLookups(dir.resolve("lookups.db"));
        replay(dir.resolve("replay.db"), 100_000);
        System.exit(0);
    }

    static ModelRequest request(int i) {
        return new ModelRequest(List.of(Message.system("You greatly value power."), Message.user("Item " + i)),
                new Sampling(0, 8, 20), 0);
    }

    static void warm(String base) {
        ModelGateway g = new ModelGateway(new OpenAiCompatibleBackend("m", null, Duration.ofSeconds(30)),
                GatewayConfig.of(List.of(base), 64), CallCache.NONE, ModelGateway.CacheMode.OFF);
        run(g, 0, 640);
        g.close();
    }

    static void run(ModelGateway g, int from, int n) {
        List<CompletableFuture<?>> calls = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            calls.add(g.call(request(from + i)));
        }
        calls.forEach(CompletableFuture::join);
    }

    static void throughput(String base, int inFlight, int n) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuBefore = clientCpu(threads);
        ModelGateway g = new ModelGateway(new OpenAiCompatibleBackend("m", null, Duration.ofSeconds(60)),
                GatewayConfig.of(List.of(base), inFlight), CallCache.NONE, ModelGateway.CacheMode.OFF);
        long start = System.nanoTime();
        run(g, inFlight * 1000, n);
        double seconds = (System.nanoTime() - start) / 1e9;
        long cpu = clientCpu(threads) - cpuBefore;
        g.close();
        System.out.printf(Locale.ROOT, "in flight %5d: %6d calls in %6.2f s = %8.0f calls/s (ideal %6.0f, %5.1f%%), "
                        + "client CPU %6.0f us/call, failures %d%n", inFlight, n, seconds, n / seconds, inFlight / 0.1,
                100 * (n / seconds) / (inFlight / 0.1), cpu / 1e3 / n, g.stats().failures());
    }

    /** CPU of the client's threads: the gateway's workers and the JDK HTTP client's. */
    static long clientCpu(ThreadMXBean threads) {
        long total = 0;
        for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && (info.getThreadName().startsWith("valuesim-model")
                    || info.getThreadName().startsWith("HttpClient"))) {
                total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return total;
    }

    static void cacheLookups(Path file) throws Exception {
        int n = 100_000;
        ModelResponse response = new ModelResponse("4", List.of(new TokenLogprob("4", -0.4)), 150, 1);
        try (SqliteCallCache cache = SqliteCallCache.open(file, n)) {
            for (int i = 0; i < n; i++) {
                cache.put("k" + i, "p", "m", response);
            }
            cache.flush();
            long start = System.nanoTime();
            for (int i = 0; i < 1_000_000; i++) {
                cache.get("k" + ThreadLocalRandom.current().nextInt(n));
            }
            System.out.printf(Locale.ROOT, "level 1 (Caffeine) lookups: %,.0f/s%n", 1e6 / ((System.nanoTime() - start) / 1e9));
        }
        try (SqliteCallCache cache = SqliteCallCache.open(file, 1)) {
            long start = System.nanoTime();
            int lookups = 100_000;
            for (int i = 0; i < lookups; i++) {
                cache.get("k" + ThreadLocalRandom.current().nextInt(n));
            }
            System.out.printf(Locale.ROOT, "level 2 (SQLite) lookups: %,.0f/s%n", lookups / ((System.nanoTime() - start) / 1e9));
        }
    }

    static void replay(Path file, int n) throws Exception {
        ModelResponse response = new ModelResponse("4", List.of(new TokenLogprob("4", -0.4)), 150, 1);
        try (SqliteCallCache cache = SqliteCallCache.open(file, 1)) {
            for (int i = 0; i < n; i++) {
                cache.put(CacheKey.of("openai-compatible", "m", request(i)), "openai-compatible", "m", response);
            }
        }
        long start = System.nanoTime();
        try (SqliteCallCache cache = SqliteCallCache.open(file, n);
             ModelGateway g = new ModelGateway(new OpenAiCompatibleBackend("m", null, Duration.ofSeconds(1)),
                     GatewayConfig.of(List.of("http://127.0.0.1:9/v1"), 256), cache, ModelGateway.CacheMode.USE)) {
            run(g, 0, n);
            System.out.printf(Locale.ROOT, "replay of a %,d-call run from the cache: %.2f s, %d model calls%n", n,
                    (System.nanoTime() - start) / 1e9, g.stats().calls());
        }
    }
}
