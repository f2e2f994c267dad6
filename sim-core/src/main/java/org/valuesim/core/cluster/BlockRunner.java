package org.valuesim.core.cluster;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.valuesim.core.respond.Answer;

/** Answers blocks somewhere else (on a cluster member); the answers come back in the block's question order. */
@FunctionalInterface
public interface BlockRunner {

    CompletableFuture<List<Answer>> run(Block block);

    /** The run asks nothing more (the members can let it go). */
    default void close() {
    }
}
