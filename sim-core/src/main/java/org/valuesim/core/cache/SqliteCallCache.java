package org.valuesim.core.cache;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.valuesim.core.llm.CallCache;
import org.valuesim.core.llm.ModelResponse;
import org.valuesim.core.llm.TokenLogprob;
import org.valuesim.core.parallel.GroupCommit;

/**
 * The two-level model-call cache: Caffeine in memory (bounded), then an SQLite file in WAL mode.
 * Writes go through one background thread that commits them in batches (at most one every {@link #GATHER_MS}
 * milliseconds while rows keep coming, of up to {@link #BATCH} rows), so callers never wait for the disk; a
 * committed row survives a killed process.
 * The file is plain SQLite: {@code sqlite3 cache.db 'select key, provider, model from calls'}.
 */
public final class SqliteCallCache implements CallCache {

    static final int BATCH = 512;
    /**
     * The least time between two commits while rows keep coming: nothing waits for a row to reach the disk (the
     * memory level answers), so the writer gathers them rather than waking and committing for every few.
     */
    static final long GATHER_MS = 20;

    /** A response waiting for the writer, which also writes its JSON, so the callers' threads do not. */
    private record Pending(String key, String provider, String model, ModelResponse response) {
    }

    private static final com.fasterxml.jackson.core.JsonFactory JSON_FACTORY = new com.fasterxml.jackson.core.JsonFactory();

    private final ObjectMapper json = new ObjectMapper();
    private final Cache<String, ModelResponse> memory;
    private final Connection reader;
    /** The key lookup on the reader, guarded by the reader's lock. */
    private PreparedStatement lookup;
    private final Connection writer;
    private final GroupCommit<Pending> pending = new GroupCommit<>(GATHER_MS);
    private final AtomicLong queued = new AtomicLong();
    private final AtomicLong committed = new AtomicLong();
    private final Thread writerThread;
    private volatile boolean closing;
    private volatile SQLException writeFailure;

    private SqliteCallCache(Path file, long memoryEntries) throws SQLException {
        // upkeep (eviction) on the thread that writes, not handed to the common pool, which a run's puts woke
        // again and again (0.26 s of its CPU in a survey; BENCHMARKS.md, "The ramp to 1,024 in flight")
        this.memory = Caffeine.newBuilder().maximumSize(memoryEntries).executor(Runnable::run).build();
        this.writer = open(file);
        try (Statement s = writer.createStatement()) {
            s.execute("create table if not exists calls (key text primary key, provider text not null, "
                    + "model text not null, response text not null, created_at text not null)");
        }
        this.reader = open(file);
        this.writerThread = new Thread(this::drain, "valuesim-cache-writer");
        writerThread.setDaemon(true);
        writerThread.start();
    }

    /** Opens (creating) the cache file. */
    public static SqliteCallCache open(Path file, long memoryEntries) throws IOException {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            return new SqliteCallCache(file, memoryEntries);
        } catch (SQLException e) {
            throw new IOException("cannot open the cache " + file + ": " + e.getMessage(), e);
        }
    }

    private static Connection open(Path file) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try (Statement s = c.createStatement()) {
            s.execute("pragma journal_mode=WAL");
            s.execute("pragma synchronous=NORMAL");
            s.execute("pragma busy_timeout=10000");
        }
        return c;
    }

    @Override
    public Optional<ModelResponse> get(String key) {
        ModelResponse hit = memory.getIfPresent(key);
        if (hit != null) {
            return Optional.of(hit);
        }
        String text;
        synchronized (reader) {
            try {
                if (lookup == null) {
                    // prepared once: preparing it for every lookup cost more than the lookup
                    lookup = reader.prepareStatement("select response from calls where key = ?");
                }
                lookup.setString(1, key);
                try (ResultSet r = lookup.executeQuery()) {
                    text = r.next() ? r.getString(1) : null;
                }
            } catch (SQLException e) {
                throw new IllegalStateException("cache read failed: " + e.getMessage(), e);
            }
        }
        if (text == null) {
            return Optional.empty();
        }
        try {
            ModelResponse response = json.readValue(text, ModelResponse.class);
            memory.put(key, response);
            return Optional.of(response);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    @Override
    public void put(String key, String provider, String model, ModelResponse response) {
        if (writeFailure != null) {
            throw new IllegalStateException("cache writes failed: " + writeFailure.getMessage(), writeFailure);
        }
        memory.put(key, response);
        queued.incrementAndGet();
        pending.add(new Pending(key, provider, model, response));
    }

    private void drain() {
        List<Pending> batch = new ArrayList<>();
        while (!closing || !pending.isEmpty()) {
            try {
                if (!pending.next(batch, BATCH, GATHER_MS)) {
                    continue;
                }
                write(batch);
                committed.addAndGet(batch.size());
                batch.clear();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (SQLException e) {
                writeFailure = e;
                committed.addAndGet(batch.size());
                batch.clear();
            }
        }
    }

    private void write(List<Pending> batch) throws SQLException {
        writer.setAutoCommit(false);
        try (PreparedStatement s = writer.prepareStatement(
                "insert or replace into calls (key, provider, model, response, created_at) values (?, ?, ?, ?, ?)")) {
            String now = Instant.now().toString();
            for (Pending p : batch) {
                s.setString(1, p.key());
                s.setString(2, p.provider());
                s.setString(3, p.model());
                s.setString(4, json(p.response()));
                s.setString(5, now);
                s.addBatch();
            }
            s.executeBatch();
            writer.commit();
        } catch (SQLException e) {
            writer.rollback();
            throw e;
        } finally {
            writer.setAutoCommit(true);
        }
    }

    /**
     * A response as the cache stores it: Jackson's serialization of the record (components in order, nulls written),
     * field by field, which costs the writer thread less than the bean serializer (SqliteCallCacheTest compares the
     * two).
     */
    static String json(ModelResponse response) {
        java.io.StringWriter out = new java.io.StringWriter(256);
        try (JsonGenerator g = JSON_FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("text", response.text());
            g.writeArrayFieldStart("firstTokenLogprobs");
            for (TokenLogprob t : response.firstTokenLogprobs()) {
                g.writeStartObject();
                g.writeStringField("token", t.token());
                g.writeNumberField("logprob", t.logprob());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeNumberField("tokensIn", response.tokensIn());
            g.writeNumberField("tokensOut", response.tokensOut());
            g.writeNumberField("cachedTokensIn", response.cachedTokensIn());
            g.writeNumberField("cacheWriteTokens", response.cacheWriteTokens());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    @Override
    public void flush() {
        long target = queued.get();
        try {
            while (committed.get() < target && writerThread.isAlive()) {
                pending.hurry();
                Thread.sleep(2);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } finally {
            pending.relax();
        }
        if (writeFailure != null) {
            throw new IllegalStateException("cache writes failed: " + writeFailure.getMessage(), writeFailure);
        }
    }

    /** Rows on disk (committed). */
    public long size() {
        synchronized (reader) {
            try (Statement s = reader.createStatement(); ResultSet r = s.executeQuery("select count(*) from calls")) {
                return r.next() ? r.getLong(1) : 0;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Entries per provider/model. */
    public java.util.Map<String, Long> countsByModel() {
        flush();
        java.util.Map<String, Long> out = new java.util.TreeMap<>();
        synchronized (reader) {
            try (Statement s = reader.createStatement();
                 ResultSet r = s.executeQuery("select provider, model, count(*) from calls group by provider, model")) {
                while (r.next()) {
                    out.put(r.getString(1) + "/" + r.getString(2), r.getLong(3));
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    /** Removes every entry. */
    public void clear() {
        flush();
        memory.invalidateAll();
        synchronized (reader) {
            try (Statement s = reader.createStatement()) {
                s.execute("delete from calls");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Writes every entry as one JSON object a line: key, provider, model, response, created_at. */
    public long export(Writer out) throws IOException {
        flush();
        long n = 0;
        synchronized (reader) {
            try (Statement s = reader.createStatement();
                 ResultSet r = s.executeQuery("select key, provider, model, response, created_at from calls order by key")) {
                while (r.next()) {
                    var line = new java.util.LinkedHashMap<String, Object>();
                    line.put("key", r.getString(1));
                    line.put("provider", r.getString(2));
                    line.put("model", r.getString(3));
                    line.put("response", json.readTree(r.getString(4)));
                    line.put("created_at", r.getString(5));
                    out.write(json.writeValueAsString(line));
                    out.write('\n');
                    n++;
                }
            } catch (SQLException e) {
                throw new IOException(e.getMessage(), e);
            }
        }
        return n;
    }

    @Override
    public void close() {
        flush();
        closing = true;
        try {
            writerThread.join(10_000);
            synchronized (reader) {
                if (lookup != null) {
                    lookup.close();
                }
            }
            reader.close();
            writer.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException e) {
            throw new UncheckedIOException(new IOException(e.getMessage(), e));
        }
    }
}
