package org.valuesim.core.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.valuesim.core.llm.ModelResponse;
import org.valuesim.core.llm.TokenLogprob;

class SqliteCallCacheTest {

    @TempDir
    Path dir;

    static ModelResponse response(int i) {
        return new ModelResponse("answer " + i, List.of(new TokenLogprob(" " + i, -0.5)), 100, 2);
    }

    @Test
    void aResponseIsStoredAsJacksonsSerializationOfTheRecord() throws Exception {
        var jackson = new com.fasterxml.jackson.databind.ObjectMapper();
        List<ModelResponse> responses = List.of(
                new ModelResponse("4", List.of(new TokenLogprob("4", -0.4), new TokenLogprob(" 5", Math.PI / -7),
                        new TokenLogprob(null, -1e-300)), 150, 1, 64, 0),
                new ModelResponse(null, List.of(), 0, 0),
                new ModelResponse("I \"think\"\n\u00dcber \ud83d\ude00 \u0001", List.of(), Long.MAX_VALUE, 3, 2, 1));
        for (ModelResponse r : responses) {
            assertEquals(jackson.writeValueAsString(r), SqliteCallCache.json(r));
            assertEquals(r, jackson.readValue(SqliteCallCache.json(r), ModelResponse.class));
        }
    }

    @Test
    void entriesSurviveReopeningAndCanBeExportedAndCleared() throws Exception {
        Path file = dir.resolve("cache.db");
        try (SqliteCallCache cache = SqliteCallCache.open(file, 10)) {
            for (int i = 0; i < 1000; i++) {
                cache.put("k" + i, "p", "m", response(i));
            }
        }
        try (SqliteCallCache cache = SqliteCallCache.open(file, 10)) {
            assertEquals(1000, cache.size());
            assertEquals(response(777), cache.get("k777").orElseThrow());
            assertTrue(cache.get("nope").isEmpty());
            StringWriter out = new StringWriter();
            assertEquals(1000, cache.export(out));
            assertTrue(out.toString().startsWith("{\"key\":\"k0\",\"provider\":\"p\",\"model\":\"m\",\"response\":{\"text\":"
                    + "\"answer 0\""), out.toString().substring(0, 120));
            cache.clear();
            assertEquals(0, cache.size());
            assertTrue(cache.get("k1").isEmpty());
        }
    }

    /** Writes entries in a child JVM, which is killed with SIGKILL once it says they are flushed. */
    public static void main(String[] args) throws Exception {
        SqliteCallCache cache = SqliteCallCache.open(Path.of(args[0]), 10);
        for (int i = 0; i < Integer.parseInt(args[1]); i++) {
            cache.put("k" + i, "p", "m", response(i));
        }
        cache.flush();
        System.out.println("flushed");
        System.out.flush();
        for (int i = 0; ; i++) {
            // keeps writing until killed: the rows in flight then may be lost, the flushed ones may not
            cache.put("extra" + i, "p", "m", response(i));
            Thread.sleep(1);
        }
    }

    @Test
    void flushedEntriesSurviveAKilledProcess() throws Exception {
        Path file = dir.resolve("killed.db");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Djava.io.tmpdir=" + dir,
                SqliteCallCacheTest.class.getName(), file.toString(), "500").redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream()))) {
            String line;
            while ((line = out.readLine()) != null && !line.equals("flushed")) {
                // wait for the child to say its entries are committed
            }
            Thread.sleep(200);
            new ProcessBuilder("kill", "-9", Long.toString(child.pid())).start().waitFor();
            assertTrue(child.waitFor(10, TimeUnit.SECONDS));
            assertEquals(137, child.exitValue(), "killed by SIGKILL");
        }
        try (SqliteCallCache cache = SqliteCallCache.open(file, 10)) {
            for (int i = 0; i < 500; i++) {
                assertEquals(response(i), cache.get("k" + i).orElseThrow(), "entry " + i);
            }
        }
    }
}
