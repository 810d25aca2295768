package dev.turnstile.server.appserver.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads newline-delimited messages with a size limit: a line longer than the limit is skipped to its end instead of
 * being buffered whole, so one oversized message cannot exhaust memory, and the stream stays usable after it.
 *
 * <p>Threading: one reader thread.
 */
final class LineReader {
    /** One line: its text, or null with {@code tooLong} set when it was skipped. */
    record Line(String text, long bytes) {
        boolean tooLong() {
            return text == null;
        }
    }

    private final InputStream in;
    private final int maxBytes;
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;

    LineReader(InputStream in, int maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
    }

    /** The next line (without its newline), or null at the end of the stream. */
    Line next() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        long length = 0;
        boolean skipping = false;
        while (true) {
            if (position == limit) {
                limit = in.read(buffer);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    if (length == 0) {
                        return null;
                    }
                    return skipping ? new Line(null, length) : new Line(decode(line), length);
                }
            }
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            int chunk = position - start;
            length += chunk;
            if (!skipping && length > maxBytes) {
                skipping = true;
                line.reset();
            }
            if (!skipping) {
                line.write(buffer, start, chunk);
            }
            if (position < limit) {
                position++; // the newline
                return skipping ? new Line(null, length) : new Line(decode(line), length);
            }
        }
    }

    private static String decode(ByteArrayOutputStream line) {
        String text = line.toString(StandardCharsets.UTF_8);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }
}
