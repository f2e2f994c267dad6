package org.valuesim.core.llm;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * Reads one HTTP/1.1 response from its bytes as they arrive, however they come (a blocking socket's stream or a
 * non-blocking channel), so that both clients of the lean path frame responses alike: the status, the Retry-After
 * header, and the body by Content-Length, chunked encoding, or up to the connection's end. 1xx interim responses
 * carry no body and are skipped. Header lines may end in CRLF or a bare LF.
 */
final class HttpResponseReader {

    private enum State { STATUS, HEADERS, LENGTH, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILERS, TO_CLOSE, DONE }

    private byte[] bytes = new byte[2048];
    /** Bytes held, and where reading stands among them. */
    private int count;
    private int at;
    private State state = State.STATUS;
    private int status;
    private String retryAfter;
    private boolean close;
    private boolean chunked;
    private long length = -1;
    private int bodyStart;
    private long chunkLeft;
    private ByteArrayOutputStream chunks;
    private String body;

    /** Adds bytes that arrived; true when they complete the response. */
    boolean feed(byte[] source, int offset, int n) throws IOException {
        if (count + n > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(count + n, 2 * bytes.length));
        }
        System.arraycopy(source, offset, bytes, count, n);
        count += n;
        return advance();
    }

    /**
     * The connection ended: completes a body read up to the end; any other response cut short is an
     * {@link EOFException} saying where it ended.
     */
    void end() throws EOFException {
        switch (state) {
            case TO_CLOSE -> {
                body = new String(bytes, bodyStart, count - bodyStart, StandardCharsets.UTF_8);
                state = State.DONE;
            }
            case DONE -> {
                // complete already
            }
            case STATUS, HEADERS -> throw new EOFException(count == 0 ? "the server closed the connection without a "
                    + "response" : "the response ended in its headers");
            case LENGTH -> throw new EOFException("the response ended after " + (count - bodyStart) + " of " + length
                    + " bytes");
            default -> throw new EOFException("a chunk of the response ended early");
        }
    }

    /** Whether any byte of the response has come. */
    boolean started() {
        return count > 0;
    }

    /** Whether the connection must be closed after this response (HTTP/1.0, Connection: close, a body to the end). */
    boolean closeAfter() {
        return close;
    }

    /** The whole response; only once {@link #feed} returned true or {@link #end} completed it. */
    Http1Client.Response response() {
        if (state != State.DONE) {
            throw new IllegalStateException("the response is not complete");
        }
        return new Http1Client.Response(status, body, retryAfter);
    }

    private boolean advance() throws IOException {
        while (true) {
            switch (state) {
                case STATUS -> {
                    String line = line();
                    if (line == null) {
                        return false;
                    }
                    statusLine(line);
                }
                case HEADERS -> {
                    String line = line();
                    if (line == null) {
                        return false;
                    }
                    if (line.isEmpty()) {
                        bodyStarts();
                    } else {
                        header(line);
                    }
                }
                case LENGTH -> {
                    if (count - bodyStart < length) {
                        return false;
                    }
                    body = new String(bytes, bodyStart, (int) length, StandardCharsets.UTF_8);
                    state = State.DONE;
                }
                case CHUNK_SIZE -> {
                    String line = line();
                    if (line == null) {
                        return false;
                    }
                    int semicolon = line.indexOf(';');
                    chunkLeft = Long.parseLong((semicolon < 0 ? line : line.substring(0, semicolon)).trim(), 16);
                    state = chunkLeft == 0 ? State.TRAILERS : State.CHUNK_DATA;
                }
                case CHUNK_DATA -> {
                    int n = (int) Math.min(chunkLeft, count - at);
                    chunks.write(bytes, at, n);
                    at += n;
                    chunkLeft -= n;
                    if (chunkLeft > 0) {
                        return false;
                    }
                    state = State.CHUNK_END;
                }
                case CHUNK_END -> {
                    if (line() == null) {
                        return false;
                    }
                    state = State.CHUNK_SIZE;
                }
                case TRAILERS -> {
                    String line = line();
                    if (line == null) {
                        return false;
                    }
                    if (line.isEmpty()) {
                        body = chunks.toString(StandardCharsets.UTF_8);
                        state = State.DONE;
                    }
                }
                case TO_CLOSE -> {
                    return false;
                }
                case DONE -> {
                    return true;
                }
            }
        }
    }

    private void statusLine(String line) throws IOException {
        int space = line.indexOf(' ');
        if (!line.startsWith("HTTP/") || space < 0 || line.length() < space + 4) {
            throw new IOException("not an HTTP response: " + line);
        }
        status = Integer.parseInt(line.substring(space + 1, space + 4));
        close = line.startsWith("HTTP/1.0");
        length = -1;
        chunked = false;
        retryAfter = null;
        state = State.HEADERS;
    }

    private void header(String line) {
        int colon = line.indexOf(':');
        if (colon <= 0) {
            return;
        }
        String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        String value = line.substring(colon + 1).trim();
        switch (name) {
            case "content-length" -> length = Long.parseLong(value);
            case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
            case "connection" -> close = value.equalsIgnoreCase("close") || (close && !value.equalsIgnoreCase("keep-alive"));
            case "retry-after" -> retryAfter = value;
            default -> {
                // not needed
            }
        }
    }

    /** The head has ended: an interim response starts over, a final one goes on to its body. */
    private void bodyStarts() {
        if (status < 200 && status != 101) {
            state = State.STATUS;
        } else if (chunked) {
            chunks = new ByteArrayOutputStream(1024);
            state = State.CHUNK_SIZE;
        } else if (length >= 0) {
            bodyStart = at;
            state = State.LENGTH;
        } else {
            bodyStart = at;
            close = true;
            state = State.TO_CLOSE;
        }
    }

    /** The next whole line without its line end, or null until it has come. */
    private String line() {
        for (int i = at; i < count; i++) {
            if (bytes[i] == '\n') {
                int end = i > at && bytes[i - 1] == '\r' ? i - 1 : i;
                String line = new String(bytes, at, end - at, StandardCharsets.ISO_8859_1);
                at = i + 1;
                return line;
            }
        }
        return null;
    }
}
