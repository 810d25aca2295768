package dev.turnstile.core.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectWriter;
import dev.turnstile.core.protocol.Submission;
import dev.turnstile.core.protocol.Trace;
import dev.turnstile.core.protocol.op.Op;
import dev.turnstile.core.protocol.policy.ThreadMemoryMode;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The flat writer must write exactly Jackson's bytes, or nothing (and Jackson writes). Every op type is built with
 * random member values — strings with quotes, backslashes, control characters, accents, CJK, emoji, empty; every
 * enum constant; booleans; numbers; absent members — and its bytes compared with Jackson's.
 */
class FlatSubmissionWriterTest {
    private static final String[] STRINGS = {"", "m1", "plain text", "quote \" and backslash \\", "tab\tnew\nline\r",
        "bell \u0007 escape \u001b nul \u0000 unit \u001f del \u007f", "café ñ ü", "中文字符", "emoji 😀 and 👍🏽",
        "/slash/ and </script>", "\u2028 line separator \u2029", "\b\f"};

    private final FlatSubmissionWriter flat = new FlatSubmissionWriter(ProtocolCodec.shared().mapper());
    private final ObjectWriter jackson = ProtocolCodec.shared().mapper().writerFor(Submission.class);

    @Test
    void everyOpWrittenFlatHasJacksonsBytesExactly() throws Exception {
        Random random = new Random(20261125);
        Map<String, Integer> flatByOp = new TreeMap<>();
        for (Class<?> opType : Op.class.getPermittedSubclasses()) {
            for (int sample = 0; sample < 300; sample++) {
                Op op = randomOp(opType, random);
                if (op == null) {
                    continue;
                }
                Submission submission = new Submission(pick(random), op,
                        random.nextInt(4) == 0 ? new Trace(maybe(random), maybe(random)) : null);
                byte[] fast = flat.encode(submission);
                if (fast != null) {
                    assertThat(new String(fast, StandardCharsets.UTF_8)).as("%s", submission)
                            .isEqualTo(new String(jackson.writeValueAsBytes(submission), StandardCharsets.UTF_8));
                    flatByOp.merge(opType.getSimpleName(), 1, Integer::sum);
                }
            }
        }
        // The control ops are flat; ops with lists or nested values fall back to Jackson.
        assertThat(flatByOp).containsKeys("Interrupt", "Shutdown", "SetThreadMemoryMode", "ThreadRollback",
                "Compact", "CleanBackgroundTerminals");
        assertThat(flat.isFlat(Op.UserInput.class)).as("a list member is written only when absent").isTrue();
    }

    @Test
    void theCodecUsesTheFlatBytesAndFallsBackForTheRest() throws Exception {
        Submission flatOne = new Submission("s\"1", new Op.SetThreadMemoryMode(ThreadMemoryMode.ENABLED));
        assertThat(flat.encode(flatOne)).isNotNull();
        assertThat(ProtocolCodec.shared().encodeSubmissionBytes(flatOne)).isEqualTo(jackson.writeValueAsBytes(flatOne));

        Submission withList = new Submission("t1", Op.UserInput.text("hello"));
        assertThat(flat.encode(withList)).as("items is a list: Jackson writes it").isNull();
        assertThat(ProtocolCodec.shared().encodeSubmissionBytes(withList)).isEqualTo(jackson.writeValueAsBytes(withList));
    }

    @Test
    void aLoneSurrogateIsLeftToJackson() {
        assertThat(flat.encode(new Submission("broken \ud800 id", new Op.Interrupt()))).isNull();
        assertThat(flat.encode(new Submission("broken \udc00 id", new Op.Interrupt()))).isNull();
        assertThat(flat.encode(new Submission("paired \ud83d\ude00 id", new Op.Interrupt()))).isNotNull();
    }

    @Test
    void aLongStringIsWrittenWholeAndLaterSmallOnesStillMatch() throws Exception {
        String command = "echo " + "é\"x\\".repeat(40_000); // about 200 KB written, past the kept scratch size
        Submission big = new Submission("big", new Op.RunUserShellCommand(command));
        Submission small = new Submission("small", new Op.Interrupt());
        for (Submission submission : List.of(big, small, big, small)) {
            assertThat(flat.encode(submission)).isEqualTo(jackson.writeValueAsBytes(submission));
        }
    }

    /** An instance with random members, or null when its constructor refuses them (a required member absent). */
    private static Op randomOp(Class<?> type, Random random) throws Exception {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = randomValue(types[i], random);
        }
        Constructor<?> constructor = type.getDeclaredConstructor(types);
        try {
            return (Op) constructor.newInstance(values);
        } catch (InvocationTargetException refused) {
            return null;
        }
    }

    private static Object randomValue(Class<?> type, Random random) {
        boolean absent = random.nextInt(4) == 0;
        if (type == boolean.class) {
            return random.nextBoolean();
        }
        if (type == int.class) {
            return random.nextInt();
        }
        if (type == long.class) {
            return random.nextLong();
        }
        if (absent) {
            return null;
        }
        if (type == String.class) {
            return pick(random);
        }
        if (type == Boolean.class) {
            return random.nextBoolean();
        }
        if (type == Integer.class) {
            return random.nextInt(3) == 0 ? -random.nextInt(1000) : random.nextInt();
        }
        if (type == Long.class) {
            return random.nextInt(3) == 0 ? random.nextLong() : (long) random.nextInt(100_000);
        }
        if (type.isEnum()) {
            Object[] constants = type.getEnumConstants();
            return constants[random.nextInt(constants.length)];
        }
        if (type == List.class) {
            return random.nextBoolean() ? List.of() : null;
        }
        return null; // nested values and JSON members: absent (the fallback is tested above)
    }

    private static String pick(Random random) {
        return STRINGS[random.nextInt(STRINGS.length)];
    }

    private static String maybe(Random random) {
        return random.nextBoolean() ? pick(random) : null;
    }
}
