package dev.turnstile.core.protocol.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.BeanPropertyWriter;
import com.fasterxml.jackson.databind.ser.PropertyWriter;
import com.fasterxml.jackson.databind.ser.std.BeanSerializerBase;
import dev.turnstile.core.protocol.Submission;
import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;

/**
 * Writes a submission's wire JSON without Jackson's per-call machinery when the submission and its op are flat
 * records: every member a string, a boolean, an int, a long, an enum, or absent. These are the small control ops
 * (interrupt, settings overrides, memory mode, compact, rollback, shutdown, shell commands); with a journal every
 * submission is encoded on the submitting thread, so their cost is the client's.
 *
 * <p>Nothing about the JSON is decided here: each class's plan is read from the serializer Jackson itself built
 * for it (member names and order, which members are left out when null, the {@code type} member) and each enum
 * constant's bytes are Jackson's own output for it, so the bytes are Jackson's; a test holds every op to that over
 * random values. A submission the plan cannot write (a list, a nested object, a JSON value, a string with a lone
 * surrogate) returns null, and the caller uses Jackson.
 *
 * <p>Thread-safe: plans are immutable and computed once per class; each thread writes into its own scratch buffer.
 */
final class FlatSubmissionWriter {
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    private static final int INITIAL_SCRATCH = 256;
    private static final int MAX_KEPT_SCRATCH = 64 * 1024;
    /** Per thread, reused: one pass writes here, and only the exact result is allocated. */
    private static final ThreadLocal<Out> SCRATCH = ThreadLocal.withInitial(Out::new);

    private final ObjectMapper mapper;
    private final ClassValue<Plan> plans = new ClassValue<>() {
        @Override
        protected Plan computeValue(Class<?> type) {
            return planFor(type);
        }
    };

    private final Plan submissionPlan;

    FlatSubmissionWriter(ObjectMapper mapper) {
        this.mapper = mapper;
        this.submissionPlan = plans.get(Submission.class);
    }

    /** The submission's JSON as Jackson writes it, or null when it is not flat (use Jackson then). */
    byte[] encode(Submission submission) {
        Plan outer = submissionPlan;
        if (outer == null) {
            return null; // the op's own plan is looked up once, where the op is written
        }
        Out out = SCRATCH.get();
        out.position = 0;
        byte[] result = outer.write(submission, out, plans) ? java.util.Arrays.copyOf(out.bytes, out.position) : null;
        if (out.bytes.length > MAX_KEPT_SCRATCH) {
            out.bytes = new byte[INITIAL_SCRATCH]; // one large submission does not pin its size on the thread
        }
        return result;
    }

    /** Whether submissions with this op class can take the flat path (tests, docs). */
    boolean isFlat(Class<?> opClass) {
        return plans.get(opClass) != null;
    }

    private Plan planFor(Class<?> type) {
        if (!type.isRecord()) {
            return null;
        }
        try {
            SerializerProvider provider = mapper.getSerializerProviderInstance();
            JsonSerializer<Object> serializer = provider.findValueSerializer(type);
            if (!(serializer instanceof BeanSerializerBase bean) || serializer.usesObjectId()
                    || mapper.getSerializationConfig().introspect(mapper.constructType(type)).findAnyGetter() != null) {
                return null; // an any-getter (kept unknown members) writes members the plan would not see
            }
            List<Member> members = new ArrayList<>();
            Iterator<PropertyWriter> properties = bean.properties();
            while (properties.hasNext()) {
                PropertyWriter property = properties.next();
                if (property.getClass() != BeanPropertyWriter.class) {
                    return null; // unwrapped, virtual or filtered members: leave them to Jackson
                }
                BeanPropertyWriter writer = (BeanPropertyWriter) property;
                if (writer.getTypeSerializer() != null
                        || !(writer.getMember().getMember() instanceof Method accessor)
                        || !writesAsItsType(writer, accessor.getReturnType(), provider)) {
                    return null;
                }
                Member member = Member.of(writer.getName(), accessor, writer.willSuppressNulls(), mapper);
                if (member == null) {
                    return null;
                }
                members.add(member);
            }
            return new Plan(members.toArray(Member[]::new));
        } catch (JsonMappingException | IllegalAccessException | RuntimeException e) {
            return null; // anything unexpected: Jackson writes this class
        }
    }

    /**
     * Whether the member is written as any value of its type is (the serializer Jackson resolved for it is the
     * type's own, Jackson's standard one for strings, booleans and numbers): no per-member serializer or format.
     */
    private static boolean writesAsItsType(BeanPropertyWriter writer, Class<?> type, SerializerProvider provider)
            throws JsonMappingException {
        if (writer.getMember().hasAnnotation(com.fasterxml.jackson.databind.annotation.JsonSerialize.class)
                || writer.getMember().hasAnnotation(com.fasterxml.jackson.annotation.JsonFormat.class)
                || writer.getMember().hasAnnotation(com.fasterxml.jackson.annotation.JsonRawValue.class)) {
            return false;
        }
        JsonSerializer<Object> assigned = writer.getSerializer();
        if (assigned == null) {
            return true; // resolved per value at run time (an interface or a non-final type)
        }
        JsonSerializer<Object> ofType = provider.findValueSerializer(type);
        if (assigned != ofType) {
            return false;
        }
        boolean scalar = type == String.class || type.isPrimitive() || type == Boolean.class
                || type == Integer.class || type == Long.class;
        return !scalar || ofType.getClass().getName().startsWith("com.fasterxml.jackson.databind.ser.std.");
    }

    /** How one class is written: its members in Jackson's order. */
    private record Plan(Member[] members) {
        /** Writes the object; false when a value cannot be written flat (nothing useful was then written). */
        boolean write(Object value, Out out, ClassValue<Plan> plans) {
            out.raw((byte) '{');
            boolean first = true;
            for (Member member : members) {
                Object memberValue = member.get(value);
                if (memberValue == null && member.suppressNulls) {
                    continue;
                }
                out.raw(first ? member.firstName : member.nextName);
                first = false;
                if (memberValue == null) {
                    out.raw(NULL);
                    continue;
                }
                switch (member.kind) {
                    case STRING -> {
                        String text = (String) memberValue;
                        Encoded last = member.lastString;
                        if (last != null && last.text == text) {
                            out.raw(last.bytes); // e.g. the op's type: the same string every time
                        } else if (!out.string(text)) {
                            return false;
                        } else if (last == null) {
                            member.lastString = new Encoded(text, out.copyOfLastString());
                        }
                    }
                    case BOOLEAN -> out.raw((Boolean) memberValue ? TRUE : FALSE);
                    case NUMBER -> out.ascii(memberValue.toString());
                    case ENUM -> out.raw(member.enumBytes[((Enum<?>) memberValue).ordinal()]);
                    case NESTED -> {
                        Plan nested = plans.get(memberValue.getClass());
                        if (nested == null || !nested.write(memberValue, out, plans)) {
                            return false;
                        }
                    }
                    case OTHER -> {
                        return false;
                    }
                }
            }
            out.raw((byte) '}');
            return true;
        }
    }

    private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);

    private enum Kind { STRING, BOOLEAN, NUMBER, ENUM, NESTED, OTHER }

    /** A string and its written bytes (quotes and escapes included). */
    private record Encoded(String text, byte[] bytes) {
    }

    /** One member: its quoted name, how to read it, how to write its value. */
    private static final class Member {
        /**
         * The first string this member wrote, matched by identity: a member that returns the same instance every
         * time (an op's {@code type}) is copied, not escaped again; one that varies (an id) misses at the cost of
         * one comparison and is never re-cached. Racy by design: a thread that does not see the pair (a record, so
         * never half-built) only misses.
         */
        private Encoded lastString;
        private final byte[] firstName;
        private final byte[] nextName;
        private final Function<Object, Object> getter;
        private final boolean suppressNulls;
        private final Kind kind;
        private final byte[][] enumBytes;

        private Member(String name, Function<Object, Object> getter, boolean suppressNulls, Kind kind, byte[][] enumBytes) {
            byte[] quoted = ("\"" + name + "\":").getBytes(StandardCharsets.UTF_8);
            this.firstName = quoted;
            this.nextName = ("," + "\"" + name + "\":").getBytes(StandardCharsets.UTF_8);
            this.getter = getter;
            this.suppressNulls = suppressNulls;
            this.kind = kind;
            this.enumBytes = enumBytes;
        }

        static Member of(String name, Method accessor, boolean suppressNulls, ObjectMapper mapper)
                throws IllegalAccessException {
            if (needsEscaping(name)) {
                return null;
            }
            Function<Object, Object> getter = accessorFunction(accessor);
            Class<?> type = accessor.getReturnType();
            if (type == String.class) {
                return new Member(name, getter, suppressNulls, Kind.STRING, null);
            }
            if (type == boolean.class || type == Boolean.class) {
                return new Member(name, getter, suppressNulls, Kind.BOOLEAN, null);
            }
            if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
                return new Member(name, getter, suppressNulls, Kind.NUMBER, null);
            }
            if (type.isEnum()) {
                Object[] constants = type.getEnumConstants();
                byte[][] bytes = new byte[constants.length][];
                for (int i = 0; i < constants.length; i++) {
                    try {
                        bytes[i] = mapper.writeValueAsBytes(constants[i]);
                    } catch (JsonProcessingException e) {
                        return null;
                    }
                }
                return new Member(name, getter, suppressNulls, Kind.ENUM, bytes);
            }
            if (type.isRecord() || type.isSealed() || type.isInterface()) {
                return new Member(name, getter, suppressNulls, Kind.NESTED, null);
            }
            // Anything else (lists, maps, JSON values) is written only when absent.
            return new Member(name, getter, suppressNulls, Kind.OTHER, null);
        }

        Object get(Object target) {
            return getter.apply(target);
        }

        /**
         * The accessor as a generated {@link Function}: a plain interface call, where a method handle held in a
         * field (not a constant) would be interpreted on every call and cost more than Jackson saves.
         */
        @SuppressWarnings("unchecked")
        private static Function<Object, Object> accessorFunction(Method accessor) throws IllegalAccessException {
            try {
                MethodHandles.Lookup lookup = MethodHandles.lookup();
                MethodHandle target = lookup.unreflect(accessor);
                return (Function<Object, Object>) LambdaMetafactory.metafactory(lookup, "apply",
                        MethodType.methodType(Function.class), MethodType.methodType(Object.class, Object.class),
                        target, MethodType.methodType(boxed(accessor.getReturnType()), accessor.getDeclaringClass()))
                        .getTarget().invokeExact();
            } catch (IllegalAccessException e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException("cannot read " + accessor, e);
            }
        }

        private static Class<?> boxed(Class<?> type) {
            return MethodType.methodType(type).wrap().returnType();
        }

        private static boolean needsEscaping(String name) {
            for (int i = 0; i < name.length(); i++) {
                char c = name.charAt(i);
                if (c < 0x20 || c == '"' || c == '\\' || c > 0x7E) {
                    return true;
                }
            }
            return false;
        }
    }

    /** A growable byte buffer, one per thread; JSON strings written as Jackson's UTF-8 generator writes them. */
    private static final class Out {
        byte[] bytes = new byte[INITIAL_SCRATCH];
        int position;
        private int lastStringStart;

        private void ensure(int more) {
            if (position + more > bytes.length) {
                bytes = java.util.Arrays.copyOf(bytes, Math.max(bytes.length * 2, position + more));
            }
        }

        void raw(byte b) {
            ensure(1);
            bytes[position++] = b;
        }

        void raw(byte[] source) {
            ensure(source.length);
            System.arraycopy(source, 0, bytes, position, source.length);
            position += source.length;
        }

        void ascii(String text) {
            ensure(text.length());
            for (int i = 0; i < text.length(); i++) {
                bytes[position++] = (byte) text.charAt(i);
            }
        }

        byte[] copyOfLastString() {
            return java.util.Arrays.copyOfRange(bytes, lastStringStart, position);
        }

        /** Writes a JSON string; false (the buffer is then abandoned) on a lone surrogate. */
        boolean string(String text) {
            ensure(2 + 6 * text.length()); // the most one char can take: \u0000
            lastStringStart = position;
            bytes[position++] = '"';
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c < 0x80) {
                    escape(c);
                } else if (c < 0x800) {
                    bytes[position++] = (byte) (0xC0 | (c >> 6));
                    bytes[position++] = (byte) (0x80 | (c & 0x3F));
                } else if (Character.isHighSurrogate(c)) {
                    if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                        return false;
                    }
                    // As Jackson's UTF-8 generator does by default: a pair is written as two escapes.
                    unicodeEscape(c);
                    unicodeEscape(text.charAt(++i));
                } else if (Character.isLowSurrogate(c)) {
                    return false;
                } else {
                    bytes[position++] = (byte) (0xE0 | (c >> 12));
                    bytes[position++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                    bytes[position++] = (byte) (0x80 | (c & 0x3F));
                }
            }
            bytes[position++] = '"';
            return true;
        }

        private void escape(char c) {
            byte escaped = switch (c) {
                case '"' -> '"';
                case '\\' -> '\\';
                case '\b' -> 'b';
                case '\t' -> 't';
                case '\f' -> 'f';
                case '\n' -> 'n';
                case '\r' -> 'r';
                default -> 0;
            };
            if (escaped != 0) {
                bytes[position++] = '\\';
                bytes[position++] = escaped;
            } else if (c < 0x20) {
                unicodeEscape(c);
            } else {
                bytes[position++] = (byte) c;
            }
        }

        private void unicodeEscape(char c) {
            bytes[position++] = '\\';
            bytes[position++] = 'u';
            bytes[position++] = HEX[(c >> 12) & 0xF];
            bytes[position++] = HEX[(c >> 8) & 0xF];
            bytes[position++] = HEX[(c >> 4) & 0xF];
            bytes[position++] = HEX[c & 0xF];
        }
    }
}
