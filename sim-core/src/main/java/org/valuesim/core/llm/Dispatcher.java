package org.valuesim.core.llm;

import java.util.concurrent.CompletableFuture;

/**
 * Where the gateway sends a call that neither its cache nor an earlier identical call answers: by default the
 * live path (a worker, an endpoint, retries); a provider's batch API when the model says {@code submit: batch}.
 */
@FunctionalInterface
public interface Dispatcher {

    CompletableFuture<GatewayResult> dispatch(String key, ModelRequest request);
}
