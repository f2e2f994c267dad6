package org.valuesim.core.llm;

import java.util.Optional;

/** Model responses by cache key. */
public interface CallCache extends AutoCloseable {

    Optional<ModelResponse> get(String key);

    void put(String key, String provider, String model, ModelResponse response);

    /** Blocks until everything put so far is on disk. */
    void flush();

    @Override
    void close();

    /** A cache that keeps nothing (--no-cache). */
    CallCache NONE = new CallCache() {
        @Override
        public Optional<ModelResponse> get(String key) {
            return Optional.empty();
        }

        @Override
        public void put(String key, String provider, String model, ModelResponse response) {
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
}
