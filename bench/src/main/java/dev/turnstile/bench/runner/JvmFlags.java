package dev.turnstile.bench.runner;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The JVM flags every JVM that opens a Chronicle queue needs, read from the jar: the build filters them from the
 * parent pom's {@code jvm.flags.base} and {@code jvm.flags.jdk23plus} properties (the one place they are kept), and
 * the runner appends them to every JMH fork.
 */
public final class JvmFlags {
    private JvmFlags() {
    }

    /** The flags for this JVM's feature version. */
    public static List<String> forThisJvm() {
        List<String> flags = new ArrayList<>(read("jvm.options"));
        if (Runtime.version().feature() >= 23) {
            flags.addAll(read("jvm-jdk23.options"));
        }
        return flags;
    }

    private static List<String> read(String name) {
        try (InputStream in = JvmFlags.class.getResourceAsStream("/turnstile-bench/" + name)) {
            if (in == null) {
                throw new IllegalStateException("turnstile-bench/" + name + " is missing from the class path: build "
                        + "the bench module with Maven (it is generated from the parent pom)");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            if (text.contains("${")) {
                throw new IllegalStateException("turnstile-bench/" + name + " was not filtered: " + text);
            }
            return text.isEmpty() ? List.of() : Arrays.asList(text.split("\\s+"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
