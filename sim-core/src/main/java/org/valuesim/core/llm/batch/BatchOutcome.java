package org.valuesim.core.llm.batch;

/**
 * One request's result in a batch's results: the response body a live call would have got, or why there is none.
 *
 * @param customId     the request's custom_id (its cache key)
 * @param responseBody the provider's response body (a chat completion, an Anthropic message), or null
 * @param failure      errored, expired or cancelled, with the provider's message; null when there is a body
 */
public record BatchOutcome(String customId, String responseBody, String failure) {

    public boolean ok() {
        return responseBody != null;
    }
}
