package org.valuesim.core.llm;

/**
 * One batch a model submitted, as the manifest lists it.
 *
 * @param part        its number among the model's batches in the run
 * @param batchId     the provider's id
 * @param status      how it ended (completed, expired, ended, ...)
 * @param requests    requests in it
 * @param succeeded   answered in it
 * @param failed      errored, expired or cancelled in it
 * @param retriedLive of those (and any missing), asked again live by this run
 */
public record BatchJob(int part, String batchId, String status, long requests, long succeeded, long failed,
                       int retriedLive) {
}
