package org.valuesim.core.llm.batch;

/**
 * A batch as the provider last reported it.
 *
 * @param id        the provider's batch id
 * @param status    the provider's own word (validating, in_progress, finalizing, completed, expired, ended, ...)
 * @param ended     whether processing is over and the results can be read
 * @param rejected  the provider refused the batch as a whole (OpenAI status failed); {@code message} says why
 * @param total     requests in the batch
 * @param succeeded requests answered so far (OpenAI counts them as they finish, Anthropic once the batch ends)
 * @param failed    requests that errored, expired or were cancelled
 * @param results   where the results are: OpenAI's output and error file ids, or Anthropic's results_url
 */
public record BatchState(String id, String status, boolean ended, boolean rejected, String message, long total,
                         long succeeded, long failed, java.util.List<String> results) {

    public BatchState {
        results = results == null ? java.util.List.of() : java.util.List.copyOf(results);
    }
}
