package org.valuesim.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import org.valuesim.core.cache.SqliteCallCache;
import org.valuesim.core.llm.CacheKey;
import org.valuesim.core.llm.CallCache;
import org.valuesim.core.llm.GatewayConfig;
import org.valuesim.core.llm.Message;
import org.valuesim.core.llm.ModelGateway;
import org.valuesim.core.llm.ModelRequest;
import org.valuesim.core.llm.ModelResponse;
import org.valuesim.core.llm.ChatCompletionsBackend;
import org.valuesim.core.llm.ModelBackend;
import org.valuesim.core.llm.OpenAiCompatibleBackend;
import org.valuesim.core.llm.Sampling;
import org.valuesim.core.llm.TokenLogprob;

/**
 * The model gateway's benchmark (BENCHMARKS.md): run with benchmarks/gateway.sh. Not a test: it prints
 * figures. A stand-in server ({@link ChatStandIn}, best in its own JVM) answers every chat completion after 100 ms.
 */
public final class GatewayBenchmark {

    /** A live path under test: LangChain4j's or the lean one. */
    interface LivePath {
        ModelBackend make(Duration timeout);
    }

    static final Map<String, LivePath> PATHS = new LinkedHashMap<>();

    static {
        PATHS.put("LangChain4j", t -> new OpenAiCompatibleBackend("m", null, t));
        PATHS.put("lean", t -> new ChatCompletionsBackend("m", null, t));
    }

    /**
     * Usage: {@code GatewayBenchmark [BASE_URL]}. With a base URL (a {@link ChatStandIn} in its own JVM) both live
     * paths run alternately at 64, 256 and 1,024 calls in flight; without one, an in-process stand-in is started.
     */
    public static void main(String[] args) throws Exception {
        ChatStandIn server = args.length > 0 ? null : ChatStandIn.start(0, 100);
        String base = args.length > 0 ? args[0] : "http://127.0.0.1:" + server.port() + "/v1";
        System.out.printf("java %s, %d cores, stand-in %s%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), server == null ? "in its own process at " + base : "in this JVM");
        for (LivePath path : PATHS.values()) {
            warm(base, path);
        }
        for (int inFlight : new int[] {64, 256, 1024}) {
            for (var path : PATHS.entrySet()) {
                throughput(base, path.getKey(), path.getValue(), inFlight, inFlight * 20);
            }
        }
        if (server != null) {
            server.close();
        }
        Path dir = Files.createTempDirectory(Path.of("target"), "bench");
        cacheLookups(dir.resolve("lookups.db"));
        replay(dir.resolve("replay.db"), 100_000);
        System.exit(0);
    }

    static ModelRequest request(int i) {
        return new ModelRequest(List.of(Message.system("You greatly value power."), Message.user("Item " + i)),
                new Sampling(0, 8, 20), 0);
    }

    static void warm(String base, LivePath path) {
        ModelGateway g = new ModelGateway(path.make(Duration.ofSeconds(30)),
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

    static void throughput(String base, String name, LivePath path, int inFlight, int n) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpuBefore = clientCpu(threads);
        long processBefore = os.getProcessCpuTime();
        ModelGateway g = new ModelGateway(path.make(Duration.ofSeconds(60)),
                GatewayConfig.of(List.of(base), inFlight), CallCache.NONE, ModelGateway.CacheMode.OFF);
        long start = System.nanoTime();
        run(g, inFlight * 1000, n);
        double seconds = (System.nanoTime() - start) / 1e9;
        long cpu = clientCpu(threads) - cpuBefore;
        long process = os.getProcessCpuTime() - processBefore;
        g.close();
        System.out.printf(Locale.ROOT, "%-11s in flight %5d: %6d calls in %6.2f s = %8.0f calls/s (ideal %6.0f, %5.1f%%), "
                        + "gateway threads' CPU %6.0f us/call, this JVM's CPU %6.0f us/call, failures %d%n", name, inFlight,
                n, seconds, n / seconds, inFlight / 0.1, 100 * (n / seconds) / (inFlight / 0.1), cpu / 1e3 / n,
                process / 1e3 / n, g.stats().failures());
    }

    /**
     * CPU of the client's threads: the gateway's workers, the lean path's selector thread and the JDK HTTP client's
     * (LangChain4j's path). Work the gateway does on the calling thread (cache keys, and a call's start when a slot
     * is free) is not in it.
     */
    static long clientCpu(ThreadMXBean threads) {
        long total = 0;
        for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && (info.getThreadName().startsWith("valuesim-model")
                    || info.getThreadName().startsWith("valuesim-http")
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
