package org.valuesim.core.llm.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The few HTTP exchanges a batch API needs (JSON in and out, a multipart upload, a JSONL download read line by line),
 * with the provider's headers. A server error, 408, 429 or a dropped connection is retried with backoff; any other
 * error status is the provider refusing the request ({@link Refused}).
 */
final class BatchHttp {

    /** The provider refused a request (a 4xx other than 408 and 429): retrying it would not help. */
    static final class Refused extends IOException {
        private static final long serialVersionUID = 1L;
        private final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }

        int status() {
            return status;
        }
    }

    /** A body to send: its content type and publisher. */
    record Body(String contentType, HttpRequest.BodyPublisher publisher) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Uploads and downloads of up to a few hundred megabytes need more than a chat call's timeout. */
    private static final Duration TRANSFER_TIMEOUT = Duration.ofMinutes(30);

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NORMAL).build();
    private final Map<String, String> headers;
    private final int attempts;
    private final Duration backoff;

    /**
     * @param headers  sent with every request (authentication, API version)
     * @param attempts tries per request, the first included
     * @param backoff  the first wait before a retry, doubled each retry
     */
    BatchHttp(Map<String, String> headers, int attempts, Duration backoff) {
        this.headers = Map.copyOf(headers);
        this.attempts = Math.max(1, attempts);
        this.backoff = backoff;
    }

    JsonNode getJson(String url) throws IOException {
        return JSON.readTree(send(url, "GET", null, HttpResponse.BodyHandlers.ofString()));
    }

    JsonNode postJson(String url, String json) throws IOException {
        return JSON.readTree(send(url, "POST", new Body("application/json",
                HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)), HttpResponse.BodyHandlers.ofString()));
    }

    JsonNode post(String url, Body body) throws IOException {
        return JSON.readTree(send(url, "POST", body, HttpResponse.BodyHandlers.ofString()));
    }

    /** Reads a JSONL download line by line, never holding it whole. */
    void lines(String url, Consumer<String> each) throws IOException {
        try (InputStream in = send(url, "GET", null, HttpResponse.BodyHandlers.ofInputStream());
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    each.accept(line);
                }
            }
        }
    }

    /** A results line read into its outcome (it may say the line is no result). */
    @FunctionalInterface
    interface LineReader {
        BatchOutcome read(JsonNode line) throws IOException;
    }

    /** Reads a JSONL results download, each line into its outcome; a line that is not JSON fails the whole read. */
    void results(String url, LineReader reader, Consumer<BatchOutcome> each) throws IOException {
        IOException[] broken = new IOException[1];
        lines(url, text -> {
            if (broken[0] != null) {
                return;
            }
            try {
                each.accept(reader.read(JSON.readTree(text)));
            } catch (IOException e) {
                broken[0] = e;
            }
        });
        if (broken[0] != null) {
            throw new IOException("a results line of " + url + " is not JSON: " + broken[0].getMessage(), broken[0]);
        }
    }

    private <T> T send(String url, String method, Body body, HttpResponse.BodyHandler<T> handler) throws IOException {
        IOException last = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(TRANSFER_TIMEOUT)
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body.publisher());
            headers.forEach(b::header);
            if (body != null) {
                b.header("Content-Type", body.contentType());
            }
            try {
                HttpResponse<T> response = client.send(b.build(), handler);
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    return response.body();
                }
                String message = "HTTP " + status + ": " + errorMessage(response.body());
                if (status != 408 && status != 429 && status < 500) {
                    throw new Refused(status, message);
                }
                last = new IOException(message);
            } catch (Refused refused) {
                throw refused;
            } catch (IOException e) {
                last = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            if (attempt < attempts) {
                sleep(backoff.multipliedBy(1L << Math.min(10, attempt - 1)));
            }
        }
        throw new IOException(method + " " + url + " failed after " + attempts + " attempts: " + last.getMessage(), last);
    }

    /** The provider's error message ({"error": {"message": ...}} at OpenAI and Anthropic), else the body itself. */
    /** The id a provider gave the batch it created. */
    static String batchId(JsonNode batch) throws IOException {
        String id = batch.path("id").asText(null);
        if (id == null) {
            throw new IOException("the batch's answer names no id: " + batch);
        }
        return id;
    }

    static String errorMessage(Object body) {
        String text;
        try {
            text = body instanceof InputStream in ? new String(in.readNBytes(4096), StandardCharsets.UTF_8)
                    : String.valueOf(body);
        } catch (IOException e) {
            return "(no body)";
        }
        try {
            JsonNode node = JSON.readTree(text);
            JsonNode error = node.path("error");
            if (error.path("message").isTextual()) {
                return error.path("message").asText();
            }
            if (error.isTextual()) {
                return error.asText();
            }
        } catch (IOException notJson) {
            // fall through to the raw text
        }
        String one = text.replace('\n', ' ').strip();
        return one.length() > 300 ? one.substring(0, 300) + "..." : one;
    }

    private static void sleep(Duration d) throws IOException {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
