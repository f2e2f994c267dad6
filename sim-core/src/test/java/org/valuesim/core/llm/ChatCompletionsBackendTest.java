package org.valuesim.core.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The lean OpenAI-compatible path against LangChain4j's: the same request bodies and the same readings of responses;
 * and its HTTP/1.1 client against a raw loopback server (chunked bodies, a kept-alive connection the server closed).
 */
class ChatCompletionsBackendTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static final List<ModelRequest> REQUESTS = List.of(
            new ModelRequest(List.of(Message.system("You \"value\" power.\nÜber alles \u2603"), Message.user("Item 1"),
                    Message.assistant("4"), Message.user("again")), new Sampling(0, 8, 20), 0),
            new ModelRequest(List.of(Message.user("x")), new Sampling(0.7, Sampling.NO_CAP, 0), 2),
            new ModelRequest(List.of(Message.system("s"), Message.user("u")), new Sampling(0.3, 12, 5), 0));

    static final List<ModelOptions> OPTIONS = List.of(ModelOptions.DEFAULT, new ModelOptions(true, "low", 1000, false),
            new ModelOptions(true, "high", 2000, true), new ModelOptions(false, null, 0, false));

    @Test
    void theLeanBodyIsLangChain4jsBody() throws Exception {
        for (ModelOptions options : OPTIONS) {
            ChatCompletionsBackend lean = new ChatCompletionsBackend("qwen", "k", Duration.ofSeconds(5), options);
            OpenAiCompatibleBackend langChain4j = new OpenAiCompatibleBackend("qwen", "k", Duration.ofSeconds(5), options);
            for (ModelRequest request : REQUESTS) {
                String ours = new String(lean.body(request), StandardCharsets.UTF_8);
                String theirs = langChain4j.requestBody(request);
                assertEquals(JSON.readTree(theirs), JSON.readTree(ours), options + " " + request);
                // the same fields in the same order
                assertEquals(JSON.writeValueAsString(JSON.readTree(theirs)), ours);
            }
        }
    }

    @Test
    void aResponseIsReadAsLangChain4jReadsIt() throws Exception {
        OpenAiCompatibleBackend langChain4j = new OpenAiCompatibleBackend("qwen", null, Duration.ofSeconds(5));
        List<String> bodies = List.of(OpenAiCompatibleBackendTest.ANSWER,
                """
                {"id":"c","object":"chat.completion","created":1,"model":"q","choices":[{"index":0,
                 "message":{"role":"assistant","content":"Answer: 3","reasoning_content":"I think"},
                 "finish_reason":"stop"}],
                 "usage":{"prompt_tokens":90,"completion_tokens":30,"total_tokens":120,
                  "prompt_tokens_details":{"cached_tokens":64}}}""",
                """
                {"id":"c","object":"chat.completion","created":1,"model":"q","choices":[{"index":0,
                 "message":{"role":"assistant","content":null},"finish_reason":"length"}]}""",
                """
                {"id":"c","object":"chat.completion","created":1,"model":"q","choices":[{"index":0,
                 "message":{"role":"assistant","content":"6"},"logprobs":{"content":[{"token":"6","logprob":-0.01,
                 "top_logprobs":[]}]},"finish_reason":"stop"}],"usage":{"prompt_tokens":5,"completion_tokens":1}}""");
        for (String body : bodies) {
            assertEquals(langChain4j.parse(REQUESTS.get(0), body), ChatCompletionsBackend.read(body), body);
        }
        ModelCallException bad = assertThrows(ModelCallException.class, () -> ChatCompletionsBackend.read("<html>"));
        assertTrue(bad.retryable() && bad.getMessage().startsWith("unreadable response: <html>"), bad.getMessage());
    }

    /** The tree reading the streaming {@link ChatCompletionsBackend#read} replaced: the reference for odd bodies. */
    static ModelResponse treeRead(String body) {
        com.fasterxml.jackson.databind.JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
        com.fasterxml.jackson.databind.JsonNode choice = root == null ? null : root.path("choices").path(0);
        if (choice == null || !choice.isObject()) {
            return null;
        }
        com.fasterxml.jackson.databind.JsonNode content = choice.path("message").path("content");
        List<TokenLogprob> first = new java.util.ArrayList<>();
        for (var alternative : choice.path("logprobs").path("content").path(0).path("top_logprobs")) {
            first.add(new TokenLogprob(alternative.path("token").asText(null), alternative.path("logprob").asDouble()));
        }
        var usage = root.path("usage");
        return new ModelResponse(content.isTextual() ? content.asText() : "", first, usage.path("prompt_tokens").asLong(0),
                usage.path("completion_tokens").asLong(0),
                usage.path("prompt_tokens_details").path("cached_tokens").asLong(0), 0);
    }

    @Test
    void theStreamingReadingIsTheTreesOnOddBodies() throws Exception {
        List<String> bodies = List.of(OpenAiCompatibleBackendTest.ANSWER,
                "{\"usage\":{\"prompt_tokens\":\"12\",\"completion_tokens\":2.9,\"prompt_tokens_details\":"
                        + "{\"cached_tokens\":true}},\"choices\":[{\"message\":{\"content\":\"a\",\"content\":\"b\"}},"
                        + "{\"message\":{\"content\":\"second\"}}]}",
                "{\"choices\":[{\"message\":{\"content\":\"x\"}}],\"choices\":[{\"message\":{\"content\":7}}]}",
                "{\"choices\":[{\"message\":[\"content\"],\"logprobs\":{\"content\":[{\"top_logprobs\":{\"a\":"
                        + "{\"token\":\"4\",\"logprob\":\"-0.5\"},\"b\":{\"token\":5,\"logprob\":null}}}]}}]}",
                "{\"choices\":[{\"logprobs\":{\"content\":[{\"top_logprobs\":[{\"token\":null,\"logprob\":-1},"
                        + "{\"token\":{\"x\":1},\"logprob\":[1]},3,[\"t\"],{\"logprob\":-2,\"token\":\"2\",\"token\":\"3\"}]},"
                        + "{\"top_logprobs\":[{\"token\":\"9\"}]}]},\"logprobs\":{\"content\":[]},"
                        + "\"message\":{\"content\":\"z\"}}],\"usage\":{\"prompt_tokens\":99999999999}}",
                "{\"choices\":[{\"logprobs\":{\"content\":[{\"top_logprobs\":[{\"token\":\"1\",\"logprob\":-0.1}]}]},"
                        + "\"message\":{\"content\":\"1\"}}],\"usage\":[1]} trailing",
                "{\"choices\":[]}", "{\"choices\":[3,{\"message\":{}}]}", "{\"choices\":{\"0\":{}}}", "[{}]", "\"text\"",
                "", "{\"choices\":[{\"message\":{\"content\":\"cut", "{\"choices\":[{}]}");
        for (String body : bodies) {
            ModelResponse expected = treeRead(body);
            if (expected == null) {
                assertThrows(ModelCallException.class, () -> ChatCompletionsBackend.read(body), body);
            } else {
                assertEquals(expected, ChatCompletionsBackend.read(body), body);
            }
        }
    }

    /**
     * A raw server that keeps connections alive and answers in chunks, except that it closes its first connection
     * unanswered when a second request comes on it, as a server closes an idle connection just as a request arrives.
     * The client's second call goes on that pooled connection, finds it closed before any byte of an answer, and is
     * asked once more on a new connection; its third call reuses that one. The server counts what each connection
     * got, so a client that did not reuse its connection, or did not ask again, fails here.
     */
    @ParameterizedTest(name = "sent without blocking: {0}")
    @ValueSource(booleans = {false, true})
    void chunkedAnswersAndAKeptConnectionTheServerClosedUnanswered(boolean sent) throws Exception {
        List<AtomicInteger> requestsPerConnection = new CopyOnWriteArrayList<>();
        List<String> lines = new CopyOnWriteArrayList<>();
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread serving = new Thread(() -> {
                while (!server.isClosed()) {
                    try (Socket s = server.accept()) {
                        AtomicInteger requests = new AtomicInteger();
                        requestsPerConnection.add(requests);
                        boolean first = requestsPerConnection.size() == 1;
                        while (readRequest(s.getInputStream(), lines)) {
                            if (requests.incrementAndGet() == 2 && first) {
                                break; // closed with the request read and unanswered
                            }
                            answerInChunks(s.getOutputStream());
                        }
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            serving.setDaemon(true);
            serving.start();
            ChatCompletionsBackend lean = new ChatCompletionsBackend("qwen", "secret", Duration.ofSeconds(5));
            ModelBackend backend = sent ? new OpenAiCompatibleBackendTest.Sent(lean) : lean;
            String base = "http://127.0.0.1:" + server.getLocalPort() + "/v1/";
            ModelResponse expected = ChatCompletionsBackend.read(OpenAiCompatibleBackendTest.ANSWER);
            for (int call = 1; call <= 3; call++) {
                assertEquals(expected, backend.call(OpenAiCompatibleBackendTest.request(), base), "call " + call);
            }
            assertEquals("[2, 2]", requestsPerConnection.toString(),
                    "the first connection got calls 1 and 2 (unanswered), the second calls 2 again and 3");
            assertTrue(lines.contains("POST /v1/chat/completions HTTP/1.1"), lines.toString());
            assertTrue(lines.contains("Authorization: Bearer secret"), lines.toString());
            backend.close();
        }
    }

    /** Reads one request's head (its lines into {@code lines}) and body; false when the connection ended first. */
    private static boolean readRequest(InputStream in, List<String> lines) throws IOException {
        int length = 0;
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); ; b = in.read()) {
            if (b < 0) {
                return false;
            }
            if (b != '\n') {
                if (b != '\r') {
                    line.append((char) b);
                }
                continue;
            }
            if (line.isEmpty()) {
                break;
            }
            lines.add(line.toString());
            if (line.toString().toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
            line.setLength(0);
        }
        return in.readNBytes(length).length == length;
    }

    /** The answer as a chunked body of two chunks, the second with a chunk extension. */
    private static void answerInChunks(OutputStream out) throws IOException {
        byte[] body = OpenAiCompatibleBackendTest.ANSWER.getBytes(StandardCharsets.UTF_8);
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(10) + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.write(body, 0, 10);
        out.write(("\r\n" + Integer.toHexString(body.length - 10) + ";x=1\r\n").getBytes(StandardCharsets.UTF_8));
        out.write(body, 10, body.length - 10);
        out.write("\r\n0\r\n\r\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
