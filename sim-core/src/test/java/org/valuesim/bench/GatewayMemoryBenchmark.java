package org.valuesim.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.valuesim.core.cache.SqliteCallCache;
import org.valuesim.core.llm.GatewayConfig;
import org.valuesim.core.llm.GatewayResult;
import org.valuesim.core.llm.Message;
import org.valuesim.core.llm.ModelBackend;
import org.valuesim.core.llm.ModelGateway;
import org.valuesim.core.llm.ModelRequest;
import org.valuesim.core.llm.ModelResponse;
import org.valuesim.core.llm.Sampling;
import org.valuesim.core.llm.TokenLogprob;

/**
 * Heap a gateway holds after a run of distinct prompts (every agent-round of a model-backed dilemma is one):
 * an in-process backend answers at once with 20 first-token log-probabilities, through an SQLite cache
 * whose memory level keeps 10,000 entries. Prints the heap in use after a full GC, before and after the run,
 * with the gateway still reachable.
 */
public final class GatewayMemoryBenchmark {

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        ModelBackend backend = new ModelBackend() {
            @Override
            public String provider() {
                return "in-process";
            }

            @Override
            public String model() {
                return "m";
            }

            @Override
            public ModelResponse call(ModelRequest request, String baseUrl) {
                List<TokenLogprob> top = new ArrayList<>();
                for (int t = 0; t < 20; t++) {
                    top.add(new TokenLogprob(Integer.toString(t), -0.1 * (t + 1)));
                }
                return new ModelResponse("7", top, 120, 1);
            }
        };
        Path dir = Files.createTempDirectory(Path.of("target"), "gateway-memory");
        try (SqliteCallCache cache = SqliteCallCache.open(dir.resolve("cache.db"), 10_000)) {
            ModelGateway gateway = new ModelGateway(backend, new GatewayConfig(List.of("http://in-process"), 64, 3,
                    Duration.ofMillis(1), Duration.ofMillis(5), 2, Duration.ofMinutes(1)), cache, ModelGateway.CacheMode.USE);
            long before = usedAfterGc();
            long start = System.nanoTime();
            List<CompletableFuture<GatewayResult>> batch = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                batch.add(gateway.call(new ModelRequest(List.of(Message.user("agent " + i + ", round 1: your move?")),
                        new Sampling(0, 4, 20), 0)));
                if (batch.size() == 1_000) {
                    batch.forEach(CompletableFuture::join);
                    batch.clear();
                }
            }
            batch.forEach(CompletableFuture::join);
            cache.flush();
            double seconds = (System.nanoTime() - start) / 1e9;
            long after = usedAfterGc();
            System.out.printf("%,d distinct calls in %.2f s; heap in use %,d KB before, %,d KB after: %,d bytes per call%n",
                    calls, seconds, before / 1024, after / 1024, (after - before) / calls);
            gateway.close();
        }
    }

    private static long usedAfterGc() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
