package dev.turnstile.core.protocol.codec;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import dev.turnstile.core.protocol.Event;
import dev.turnstile.core.protocol.Submission;
import dev.turnstile.core.protocol.Trace;
import dev.turnstile.core.protocol.op.Op;
import dev.turnstile.core.protocol.rollout.RolloutLine;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The wire codec of the protocol: submissions, events and rollout lines to and from JSON. Thread-safe; holds
 * the one {@link ObjectMapper} configured for the protocol (snake_case members, optional members omitted
 * when null, unknown members ignored or kept where the model keeps them, no lenient scalar coercion, floats
 * read exactly so that re-encoded files keep their numbers).
 *
 * <p>Client lines are decoded with {@link #decodeSubmission(String)}, which never throws. Everything else
 * throws {@link ProtocolDecodeException} with a readable message.
 */
public final class ProtocolCodec {
    private static final ProtocolCodec SHARED = new ProtocolCodec();

    private final ObjectMapper mapper;
    private final ObjectWriter eventWriter;
    private final ObjectWriter submissionWriter;
    private final FlatSubmissionWriter flatSubmissions;

    public ProtocolCodec() {
        this.mapper = newMapper();
        this.eventWriter = mapper.writerFor(Event.class);
        this.submissionWriter = mapper.writerFor(Submission.class);
        this.flatSubmissions = new FlatSubmissionWriter(mapper);
    }

    /** A process-wide instance (the codec holds no per-use state). */
    public static ProtocolCodec shared() {
        return SHARED;
    }

    private static ObjectMapper newMapper() {
        return JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL,
                        JsonInclude.Include.USE_DEFAULTS))
                // helper methods such as isX() on records are not wire members
                .visibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                // a number or boolean where a string belongs is an error, as with serde
                .withCoercionConfig(LogicalType.Textual, config -> config
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .addModule(new ProtocolModule())
                .build();
    }

    /**
     * The configured mapper, for modules that need Jackson directly (JSON-RPC envelopes, journal records).
     * Do not reconfigure it; use {@code mapper().copy()} for variations.
     */
    public ObjectMapper mapper() {
        return mapper;
    }

    // ---- submissions ---------------------------------------------------------------------------------

    /**
     * Decodes one client line. Never throws: a line that is not a valid submission gives
     * {@link DecodeResult.Rejected} with the line's string {@code id} (when readable) and a message such as
     * {@code unknown op type `foo`} or {@code missing field `items` in op `user_input`}.
     */
    public DecodeResult<Submission> decodeSubmission(String line) {
        String id = null;
        try {
            JsonNode root;
            try {
                root = line == null ? null : mapper.readTree(line);
            } catch (JsonProcessingException e) {
                return new DecodeResult.Rejected<>(null, DecodeErrors.notJson(e));
            }
            if (root == null || root.isMissingNode()) {
                return new DecodeResult.Rejected<>(null, "line is empty");
            }
            if (!root.isObject()) {
                return new DecodeResult.Rejected<>(null, "submission must be a JSON object, not " + kindOf(root));
            }
            JsonNode idNode = root.get("id");
            if (idNode != null && idNode.isTextual()) {
                id = idNode.asText();
            }
            JsonNode opNode = root.get("op");
            if (idNode == null || idNode.isNull()) {
                return new DecodeResult.Rejected<>(null, "submission has no `id`");
            }
            if (id == null) {
                return new DecodeResult.Rejected<>(null, "field `id` must be a string, not " + kindOf(idNode));
            }
            if (opNode == null || opNode.isNull()) {
                return new DecodeResult.Rejected<>(id, "submission has no `op`");
            }
            if (!opNode.isObject()) {
                return new DecodeResult.Rejected<>(id, "field `op` must be an object, not " + kindOf(opNode));
            }
            JsonNode typeNode = opNode.get("type");
            if (typeNode == null || typeNode.isNull()) {
                return new DecodeResult.Rejected<>(id, "op has no `type`");
            }
            if (!typeNode.isTextual()) {
                return new DecodeResult.Rejected<>(id, "field `op.type` must be a string, not " + kindOf(typeNode));
            }
            Op op;
            try {
                op = mapper.treeToValue(opNode, Op.class);
            } catch (JsonProcessingException | IllegalArgumentException e) {
                return new DecodeResult.Rejected<>(id, DecodeErrors.describe(e, "op `" + typeNode.asText() + "`"));
            }
            Trace trace = null;
            JsonNode traceNode = root.get("trace");
            if (traceNode != null && !traceNode.isNull()) {
                if (!traceNode.isObject()) {
                    return new DecodeResult.Rejected<>(id, "field `trace` must be an object, not " + kindOf(traceNode));
                }
                try {
                    trace = mapper.treeToValue(traceNode, Trace.class);
                } catch (JsonProcessingException | IllegalArgumentException e) {
                    return new DecodeResult.Rejected<>(id, DecodeErrors.describe(e, "trace"));
                }
            }
            return new DecodeResult.Decoded<>(new Submission(id, op, trace));
        } catch (RuntimeException e) {
            return new DecodeResult.Rejected<>(id, "could not decode submission: " + e.getMessage());
        }
    }

    public String encodeSubmission(Submission submission) {
        return write(submission);
    }

    /** The submission as UTF-8 JSON bytes, exactly as a client would send it. */
    public byte[] encodeSubmissionBytes(Submission submission) {
        byte[] flat = flatSubmissions.encode(submission); // the same bytes, for flat ops at a fraction of the cost
        if (flat != null) {
            return flat;
        }
        try {
            return submissionWriter.writeValueAsBytes(submission);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode submission " + submission.id(), e);
        }
    }

    // ---- events --------------------------------------------------------------------------------------

    public String encodeEvent(Event event) {
        try {
            return eventWriter.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode event " + event.msg().type(), e);
        }
    }

    /** The event as UTF-8 JSON bytes (no trailing newline). */
    public byte[] encodeEventBytes(Event event) {
        try {
            return eventWriter.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode event " + event.msg().type(), e);
        }
    }

    /** Writes the event as one JSONL line ({@code JSON + '\n'}); the stream is neither flushed nor closed. */
    public void writeEventLine(Event event, OutputStream out) throws IOException {
        eventWriter.writeValue(out, event);
        out.write('\n');
    }

    public Event decodeEvent(String line) {
        return read(line, Event.class, "event");
    }

    // ---- rollout lines -------------------------------------------------------------------------------

    /**
     * Decodes one rollout line; throws {@link ProtocolDecodeException} on a line that is not JSON or not a
     * rollout line (callers count such lines and go on, as upstream's loader does).
     */
    public RolloutLine decodeRolloutLine(String line) {
        return read(line, RolloutLine.class, "rollout line");
    }

    public String encodeRolloutLine(RolloutLine line) {
        return write(line);
    }

    // ---- trees ---------------------------------------------------------------------------------------

    public JsonNode toTree(Object value) {
        return mapper.valueToTree(value);
    }

    public <T> T fromTree(JsonNode tree, Class<T> type) {
        try {
            return mapper.treeToValue(tree, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new ProtocolDecodeException(DecodeErrors.describe(e, type.getSimpleName()), e);
        }
    }

    // ---- helpers -------------------------------------------------------------------------------------

    private <T> T read(String line, Class<T> type, String what) {
        if (line == null || line.isBlank()) {
            throw new ProtocolDecodeException(what + " is empty", null);
        }
        try {
            return mapper.readValue(line, type);
        } catch (JsonProcessingException e) {
            if (e instanceof com.fasterxml.jackson.core.JsonParseException parse) {
                throw new ProtocolDecodeException(DecodeErrors.notJson(parse), e);
            }
            throw new ProtocolDecodeException(DecodeErrors.describe(e, what), e);
        } catch (IllegalArgumentException e) {
            throw new ProtocolDecodeException(DecodeErrors.describe(e, what), e);
        }
    }

    private String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + value.getClass().getSimpleName(), e);
        }
    }

    private static String kindOf(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case BOOLEAN -> "a boolean";
            case NUMBER -> "a number";
            case STRING -> "a string";
            case NULL -> "null";
            case OBJECT, POJO -> "an object";
            default -> node.getNodeType().name().toLowerCase();
        };
    }
}
