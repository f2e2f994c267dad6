package org.valuesim.core.llm.batch;

/**
 * Where one batch stands, for the progress display.
 *
 * @param model     the scenario's name of the model
 * @param part      the batch's number among the model's batches in this run
 * @param batchId   the provider's id (empty before it is created)
 * @param status    the provider's status word, or valuesim's step (uploading, collecting, collected)
 * @param succeeded requests answered so far
 * @param failed    requests that errored, expired or were cancelled
 */
public record BatchProgress(String model, int part, String batchId, String status, long total, long succeeded,
                            long failed) {
}
