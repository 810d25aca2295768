package dev.turnstile.server.proto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** The session's stdout in memory: splits what is written into lines and hands them to the test as JSON. */
final class LineSink extends OutputStream {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ByteArrayOutputStream current = new ByteArrayOutputStream();
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            lines.add(current.toString(StandardCharsets.UTF_8));
            current.reset();
        } else {
            current.write(b);
        }
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            write(bytes[i]);
        }
    }

    /** The next line as JSON; fails the test if none comes (a guard against hanging, not a timing assertion). */
    JsonNode next() throws Exception {
        String line = lines.poll(30, TimeUnit.SECONDS);
        if (line == null) {
            throw new AssertionError("no event line within 30 s");
        }
        return JSON.readTree(line);
    }

    /** Lines up to and including the first that matches. */
    List<JsonNode> until(Predicate<JsonNode> last) throws Exception {
        List<JsonNode> seen = new ArrayList<>();
        while (true) {
            JsonNode event = next();
            seen.add(event);
            if (last.test(event)) {
                return seen;
            }
        }
    }

    List<JsonNode> untilType(String type) throws Exception {
        return until(event -> type(event).equals(type));
    }

    /** What is left once the session has ended (everything was flushed before run() returned). */
    List<JsonNode> rest() throws Exception {
        List<JsonNode> left = new ArrayList<>();
        for (String line; (line = lines.poll()) != null; ) {
            left.add(JSON.readTree(line));
        }
        return left;
    }

    synchronized String unterminated() {
        return current.toString(StandardCharsets.UTF_8);
    }

    static String type(JsonNode event) {
        return event.path("msg").path("type").asText();
    }

    static List<String> types(List<JsonNode> events) {
        return events.stream().map(LineSink::type).toList();
    }
}
