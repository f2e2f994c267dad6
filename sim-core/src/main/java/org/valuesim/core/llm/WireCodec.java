package org.valuesim.core.llm;

/**
 * A protocol's wire form of one call, for calls that travel by another route than a live request (the providers'
 * batch APIs carry the same request bodies and return the same response bodies). Reading a response here gives
 * exactly what a live call of the same response gives.
 */
public interface WireCodec {

    /** The JSON body a live call of this request sends. */
    String requestBody(ModelRequest request);

    /** Reads a response body as a live call would. */
    ModelResponse parse(ModelRequest request, String responseBody) throws ModelCallException;
}
