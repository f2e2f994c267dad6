package org.valuesim.core.llm.batch;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/** A provider's batch API: how requests are written, submitted, watched and read back. */
public interface BatchProtocol {

    /** The protocol's name for messages (OpenAI Batch, Anthropic Message Batches). */
    String name();

    /** At most this many requests go in one batch. */
    int maxRequests();

    /** At most this many bytes of input go in one batch. */
    long maxBytes();

    /** The input line (with its newline) one request adds to a batch. */
    byte[] line(String customId, String requestBody);

    /**
     * Submits a batch whose input lines are in a file.
     *
     * @param uploaded told the provider's id of the uploaded input file, where there is one (OpenAI), before the
     *                 batch is created
     * @return the batch's id
     * @throws BatchHttp.Refused when the provider refuses the file or the batch
     */
    String submit(Path lines, int requests, Consumer<String> uploaded) throws IOException;

    BatchState poll(String batchId) throws IOException;

    /** Reads every result of an ended batch, in the provider's order. */
    void results(BatchState ended, Consumer<BatchOutcome> each) throws IOException;

    /**
     * The batch created from an uploaded input file, for a run that stopped between the upload and writing the
     * batch's id down; empty when none was created (or the protocol has no input files).
     */
    default Optional<String> createdFrom(String inputFileId) throws IOException {
        return Optional.empty();
    }
}
