package org.valuesim.core.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The framing both clients of the lean path share, fed the way a network gives bytes: whole, and one byte at a time
 * (every split of a line, a header or a chunk).
 */
class HttpResponseReaderTest {

    /** Feeds the response whole and byte by byte; both must give the same, and complete only at the last byte. */
    private static HttpResponseReader read(String response) throws IOException {
        byte[] bytes = response.getBytes(StandardCharsets.UTF_8);
        HttpResponseReader whole = new HttpResponseReader();
        assertTrue(whole.feed(bytes, 0, bytes.length), "complete when fed whole");
        HttpResponseReader split = new HttpResponseReader();
        for (int i = 0; i < bytes.length; i++) {
            assertEquals(i == bytes.length - 1, split.feed(bytes, i, 1), "complete at byte " + i + " of " + bytes.length);
        }
        assertEquals(whole.response(), split.response());
        assertEquals(whole.closeAfter(), split.closeAfter());
        return split;
    }

    @Test
    void aContentLengthBodyWithRetryAfterAndKeepAlive() throws IOException {
        HttpResponseReader r = read("HTTP/1.1 429 Too Many Requests\r\nContent-Type: application/json\r\n"
                + "retry-after: 7\r\nContent-Length: 8\r\n\r\n{\"é\":1}");
        assertEquals(new Http1Client.Response(429, "{\"é\":1}", "7"), r.response());
        assertFalse(r.closeAfter());
    }

    @Test
    void aChunkedBodyWithAnExtensionAndTrailersAfterAnInterimResponse() throws IOException {
        HttpResponseReader r = read("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5\r\nhello\r\n7;x=1\r\n, world\r\n0\r\nX-Trailer: t\r\n\r\n");
        assertEquals(new Http1Client.Response(200, "hello, world", null), r.response());
        assertFalse(r.closeAfter());
    }

    @Test
    void bareLineFeedsAndConnectionCloseAndHttp10() throws IOException {
        assertTrue(read("HTTP/1.1 200 OK\nContent-Length: 2\nConnection: close\n\nok").closeAfter());
        assertTrue(read("HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok").closeAfter());
        assertFalse(read("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 2\r\n\r\nok").closeAfter());
    }

    @Test
    void aBodyWithoutLengthEndsWithTheConnection() throws IOException {
        byte[] bytes = "HTTP/1.1 200 OK\r\n\r\n{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        HttpResponseReader r = new HttpResponseReader();
        assertFalse(r.feed(bytes, 0, bytes.length));
        r.end();
        assertEquals(new Http1Client.Response(200, "{\"a\":1}", null), r.response());
        assertTrue(r.closeAfter());
    }

    @Test
    void aResponseCutShortSaysWhere() throws IOException {
        assertEquals("the server closed the connection without a response", cut("").getMessage());
        assertEquals("the response ended in its headers", cut("HTTP/1.1 200 OK\r\nContent-Le").getMessage());
        assertEquals("the response ended after 3 of 10 bytes",
                cut("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc").getMessage());
        assertEquals("a chunk of the response ended early",
                cut("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel").getMessage());
        IOException notHttp = assertThrows(IOException.class, () -> read("<html>\r\n"));
        assertEquals("not an HTTP response: <html>", notHttp.getMessage());
    }

    private static EOFException cut(String response) throws IOException {
        byte[] bytes = response.getBytes(StandardCharsets.UTF_8);
        HttpResponseReader r = new HttpResponseReader();
        assertFalse(r.feed(bytes, 0, bytes.length));
        assertEquals(bytes.length > 0, r.started());
        return assertThrows(EOFException.class, r::end);
    }
}
