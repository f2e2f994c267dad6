package org.valuesim.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The benchmarks' stand-in over real loopback sockets: whole answers, in order, never before their delay. */
class ChatStandInTest {

    private static final long DELAY_MS = 150;

    private record Answer(String status, String body) {
    }

    @Test
    void keepAliveRequestsWholeSplitAndPipelinedGetTheWholeAnswerNoEarlierThanTheDelay() throws Exception {
        try (ChatStandIn standIn = ChatStandIn.start(0, DELAY_MS); Socket socket = connect(standIn)) {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();

            long sent = System.nanoTime();
            out.write(request("{\"n\":1}"));
            assertAnswered(in, sent);

            // one request in four writes: cut in its request line, in its blank line and in its body
            byte[] split = request("{\"messages\":[{\"role\":\"user\",\"content\":\"split\"}]}");
            int blankLine = indexOf(split, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            int[] cuts = {0, 7, blankLine + 2, blankLine + 9, split.length};
            for (int i = 0; i + 1 < cuts.length; i++) {
                if (i > 0) {
                    Thread.sleep(50); // so that the pieces reach the server as separate reads
                }
                sent = System.nanoTime();
                out.write(Arrays.copyOfRange(split, cuts[i], cuts[i + 1]));
                out.flush();
            }
            assertAnswered(in, sent);

            // two requests in one write
            sent = System.nanoTime();
            out.write(concat(request("{\"n\":3}"), request("{\"n\":4}")));
            assertAnswered(in, sent);
            assertAnswered(in, sent);

            // no answer more than asked for: after the client's end of input the server answers nothing and closes
            socket.shutdownOutput();
            assertEquals(-1, in.read());
        }
    }

    @Test
    void aBodyLongerThanOneReadThenARequestInTheSameWriteAreBothAnswered() throws Exception {
        try (ChatStandIn standIn = ChatStandIn.start(0, DELAY_MS); Socket socket = connect(standIn)) {
            char[] content = new char[300_000];
            Arrays.fill(content, 'x');
            long sent = System.nanoTime();
            socket.getOutputStream().write(concat(request("{\"content\":\"" + new String(content) + "\"}"),
                    request("{}"), request("")));
            assertAnswered(socket.getInputStream(), sent);
            assertAnswered(socket.getInputStream(), sent);
            assertAnswered(socket.getInputStream(), sent);
            socket.shutdownOutput();
            assertEquals(-1, socket.getInputStream().read());
        }
    }

    @Test
    void manyConnectionsAreAnsweredAtOnce() throws Exception {
        try (ChatStandIn standIn = ChatStandIn.start(0, DELAY_MS)) {
            List<Socket> sockets = new ArrayList<>();
            try {
                long sent = System.nanoTime();
                for (int i = 0; i < 200; i++) {
                    Socket socket = connect(standIn);
                    sockets.add(socket);
                    socket.getOutputStream().write(request("{\"n\":" + i + "}"));
                }
                for (Socket socket : sockets) {
                    assertAnswered(socket.getInputStream(), sent);
                }
            } finally {
                for (Socket socket : sockets) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void malformedRequestsGetA400AndTheConnectionCloses() throws Exception {
        String[] heads = {
            "POST /v1/chat/completions HTTP/1.1\r\nContent-Length: twelve\r\n\r\n",
            "POST /v1/chat/completions HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n",
            "POST /v1/chat/completions HTTP/1.1\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n",
            "POST /v1/chat/completions HTTP/1.1\r\nno colon here\r\n\r\n",
            "GARBAGE\r\n\r\n",
            "POST / HTTP/1.1\r\nX-Long: " + "y".repeat(ChatStandIn.MAX_HEAD) + "\r\n\r\n",
        };
        try (ChatStandIn standIn = ChatStandIn.start(0, DELAY_MS)) {
            for (String head : heads) {
                try (Socket socket = connect(standIn)) {
                    socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
                    InputStream in = socket.getInputStream();
                    Answer answer = answer(in);
                    assertEquals("HTTP/1.1 400 Bad Request", answer.status(), head);
                    assertEquals(-1, in.read(), head);
                }
            }
            // and the server still answers well-formed requests
            try (Socket socket = connect(standIn)) {
                long sent = System.nanoTime();
                socket.getOutputStream().write(request("{}"));
                assertAnswered(socket.getInputStream(), sent);
            }
        }
    }

    private static Socket connect(ChatStandIn standIn) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), standIn.port());
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(10_000); // a server that hangs fails the test instead of stalling it
        return socket;
    }

    private static byte[] request(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String head = "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "content-length: " + bytes.length + "\r\n\r\n";
        return concat(head.getBytes(StandardCharsets.US_ASCII), bytes);
    }

    private static void assertAnswered(InputStream in, long sentNanos) throws IOException {
        Answer answer = answer(in);
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sentNanos);
        assertEquals("HTTP/1.1 200 OK", answer.status());
        assertEquals(ChatStandIn.ANSWER, answer.body());
        assertTrue(elapsedMs >= DELAY_MS, "answered after " + elapsedMs + " ms, before the delay of " + DELAY_MS);
    }

    /** Reads one response: its status line, its head, and a body of its Content-Length. */
    private static Answer answer(InputStream in) throws IOException {
        String status = line(in);
        int length = 0;
        for (String line = line(in); !line.isEmpty(); line = line(in)) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        byte[] body = in.readNBytes(length);
        assertEquals(length, body.length, "the body ended early");
        return new Answer(status, new String(body, StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("the connection ended in a response's head: " + line);
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
        }
        return all.toByteArray();
    }

    private static int indexOf(byte[] bytes, byte[] part) {
        for (int i = 0; i + part.length <= bytes.length; i++) {
            if (Arrays.equals(bytes, i, i + part.length, part, 0, part.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }
}
