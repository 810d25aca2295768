package dev.turnstile.journal.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnstile.core.protocol.event.EventMsg;
import dev.turnstile.core.protocol.item.ResponseItem;
import dev.turnstile.core.protocol.rollout.RolloutItem;
import dev.turnstile.core.session.rollout.RolloutFilter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Tags peeked from a line's bytes agree with the decoded line, and any other shape peeks as "decode me". */
class RolloutTagsTest {

    private static byte[] written(RolloutItem item) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RolloutLines.write(item, 1_764_000_000_123L, out);
        return out.toByteArray();
    }

    private static void assertPeekMatchesDecode(byte[] line) {
        RolloutTags tags = RolloutTags.peek(line);
        RolloutItem decoded = RolloutLines.read(line).item();
        assertThat(tags).as(new String(line, StandardCharsets.UTF_8)).isNotNull();
        assertThat(tags.lineType()).isEqualTo(decoded.type());
        assertThat(tags.payloadType()).isEqualTo(RolloutFilter.payloadType(decoded));
    }

    @Test
    void linesWeWritePeekTheTagsTheyDecodeTo() throws Exception {
        assertPeekMatchesDecode(written(new RolloutItem.EventMsgLine(new EventMsg.AgentMessage("hi \"you\"", null, null,
                Map.of()))));
        assertPeekMatchesDecode(written(new RolloutItem.EventMsgLine(new EventMsg.ThreadRolledBack(2, Map.of()))));
        assertPeekMatchesDecode(written(new RolloutItem.ResponseItemLine(ResponseItem.Message.user("x"))));
        assertPeekMatchesDecode(written(new RolloutItem.Unknown("world_state",
                dev.turnstile.core.protocol.codec.ProtocolCodec.shared().mapper().createObjectNode().put("full", true))));
    }

    @Test
    void codexLinesWithAnOrdinalPeekTheirTags() {
        byte[] line = ("{\"timestamp\":\"2026-11-20T10:00:00.000Z\",\"ordinal\":17,\"type\":\"event_msg\",\"payload\":"
                + "{\"type\":\"task_started\",\"turn_id\":\"t1\"}}").getBytes(StandardCharsets.UTF_8);
        assertThat(RolloutTags.peek(line)).isEqualTo(new RolloutTags("event_msg", "task_started"));
        byte[] context = ("{\"timestamp\":\"t\",\"type\":\"turn_context\",\"payload\":{\"cwd\":\"/r\"}}")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(RolloutTags.peek(context)).isEqualTo(new RolloutTags("turn_context", null));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"type\":\"event_msg\",\"timestamp\":\"t\",\"payload\":{\"type\":\"error\",\"message\":\"m\"}}",
            "{\"timestamp\":\"t\",\"type\":\"event_msg\",\"payload\":{\"message\":\"m\",\"type\":\"error\"}}",
            "{\"timestamp\":\"t\",\"type\":\"event\\u005fmsg\",\"payload\":{\"type\":\"error\",\"message\":\"m\"}}",
            "{\"timestamp\":\"t\", \"type\":\"event_msg\",\"payload\":{\"type\":\"error\",\"message\":\"m\"}}",
            "{\"timestamp\":\"t\",\"type\":\"event_msg\",\"payload\":{\"type\":\"err",
            "{\"timestamp\":\"t\"",
            ""})
    void anyOtherShapePeeksAsNull(String line) {
        assertThat(RolloutTags.peek(line.getBytes(StandardCharsets.UTF_8))).isNull();
    }
}
