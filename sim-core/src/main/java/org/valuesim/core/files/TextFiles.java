package org.valuesim.core.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads the text files users give (scenarios, instruments, codebooks, survey data, prompts): UTF-8 only. */
public final class TextFiles {

    private TextFiles() {
    }

    /**
     * A file's text, a leading byte-order mark dropped.
     *
     * @throws UnreadableFileException (one line naming the file, and the place of the first byte that is not
     *                                 UTF-8) when it is missing, a folder, unreadable or not UTF-8 text
     */
    public static String readUtf8(Path file) throws UnreadableFileException {
        if (Files.isDirectory(file)) {
            throw new UnreadableFileException(file + ": is a folder, not a file");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UnreadableFileException(file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new UnreadableFileException(file + ": cannot read: permission denied");
        } catch (IOException e) {
            throw new UnreadableFileException(file + ": cannot read: " + e.getMessage());
        }
        try {
            String text = strict().decode(ByteBuffer.wrap(bytes)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new UnreadableFileException(notUtf8(file, bytes));
        }
    }

    private static CharsetDecoder strict() {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /** Where the first byte that is not UTF-8 is, as line:column, for a user who must find it. */
    private static String notUtf8(Path file, byte[] bytes) {
        if (bytes.length >= 2 && ((bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xfe
                || (bytes[0] & 0xff) == 0xfe && (bytes[1] & 0xff) == 0xff)) {
            return file + ": a UTF-16 text file; save it as UTF-8";
        }
        CharsetDecoder decoder = strict();
        int line = 1;
        int column = 1;
        for (int i = 0; i < bytes.length; ) {
            int b = bytes[i] & 0xff;
            int length = b < 0x80 ? 1 : b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
            try {
                decoder.reset().decode(ByteBuffer.wrap(bytes, i, Math.min(length, bytes.length - i)));
            } catch (CharacterCodingException e) {
                return String.format("%s:%d:%d: not UTF-8 text (byte 0x%02x); save the file as UTF-8", file, line,
                        column, b);
            }
            if (b == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
            i += length;
        }
        return file + ": not UTF-8 text; save the file as UTF-8";
    }

    /** A text file that cannot be read, with a one-line message naming it. */
    public static final class UnreadableFileException extends IOException {

        private static final long serialVersionUID = 1L;

        public UnreadableFileException(String message) {
            super(message);
        }
    }
}
