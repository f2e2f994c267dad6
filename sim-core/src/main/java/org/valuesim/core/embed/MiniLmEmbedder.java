package org.valuesim.core.embed;

import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * all-MiniLM-L6-v2 (quantised, ONNX) running in-process: no server, no network. Every distinct text is
 * embedded once and kept by the embedder; the model itself is loaded once per process and shared. ONNX Runtime
 * unpacks its native library into java.io.tmpdir and DJL keeps its
 * tokenizer under DJL_CACHE_DIR; {@link #useWorkFolder} points both at a folder of valuesim's.
 */
public final class MiniLmEmbedder implements TextEmbedder {

    private final AllMiniLmL6V2QuantizedEmbeddingModel model = Model.LOADED;
    private final Map<String, float[]> cache = new ConcurrentHashMap<>();

    /** The model, loaded once per process on first use (seconds): it never changes, so embedders share it. */
    private static final class Model {
        static final AllMiniLmL6V2QuantizedEmbeddingModel LOADED = new AllMiniLmL6V2QuantizedEmbeddingModel();
    }

    /** Keeps the native libraries' files under the given folder instead of the user's home and /tmp. */
    public static void useWorkFolder(java.nio.file.Path folder) throws java.io.IOException {
        java.nio.file.Files.createDirectories(folder);
        if (System.getProperty("DJL_CACHE_DIR") == null) {
            System.setProperty("DJL_CACHE_DIR", folder.resolve("djl").toAbsolutePath().toString());
        }
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        System.setProperty("java.io.tmpdir", folder.resolve("tmp").toAbsolutePath().toString());
        java.nio.file.Files.createDirectories(folder.resolve("tmp"));
    }

    @Override
    public float[] embed(String text) {
        return cache.computeIfAbsent(text, t -> normalise(model.embed(t).content().vector()));
    }

    /** How many distinct texts have been embedded. */
    public int embedded() {
        return cache.size();
    }

    private static float[] normalise(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        norm = Math.sqrt(norm);
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] / norm);
        }
        return out;
    }
}
