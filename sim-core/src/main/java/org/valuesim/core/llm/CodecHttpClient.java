package org.valuesim.core.llm;

import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * An HTTP client that sends nothing: it keeps the body LangChain4j would send and answers with a body it is given.
 * With it a LangChain4j chat model becomes the protocol's codec, so a batch request line carries exactly the live
 * request body and a batch result is read exactly as a live response.
 */
final class CodecHttpClient implements HttpClient {

    /** One call's exchange, per thread: the body answered with, then the body that would have been sent. */
    static final class Exchange {
        final String responseBody;
        String requestBody;

        Exchange(String responseBody) {
            this.responseBody = responseBody;
        }
    }

    static final ThreadLocal<Exchange> CURRENT = new ThreadLocal<>();

    @Override
    public SuccessfulHttpResponse execute(HttpRequest request) {
        Exchange exchange = CURRENT.get();
        exchange.requestBody = request.body();
        return SuccessfulHttpResponse.builder().statusCode(200)
                .headers(Map.of("content-type", List.of("application/json"))).body(exchange.responseBody).build();
    }

    @Override
    public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        throw new UnsupportedOperationException("valuesim does not stream");
    }

    static final class Builder implements HttpClientBuilder {
        @Override
        public Duration connectTimeout() {
            return Duration.ofSeconds(1);
        }

        @Override
        public HttpClientBuilder connectTimeout(Duration timeout) {
            return this;
        }

        @Override
        public Duration readTimeout() {
            return Duration.ofSeconds(1);
        }

        @Override
        public HttpClientBuilder readTimeout(Duration timeout) {
            return this;
        }

        @Override
        public HttpClient build() {
            return new CodecHttpClient();
        }
    }
}
