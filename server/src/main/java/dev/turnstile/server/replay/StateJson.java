package dev.turnstile.server.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnstile.core.protocol.codec.ProtocolCodec;
import dev.turnstile.core.protocol.item.ResponseItem;
import dev.turnstile.core.session.Resumption;
import dev.turnstile.journal.record.RecordHeader;
import dev.turnstile.journal.replay.ThreadState;
import java.util.List;
import java.util.Objects;

/** A thread's state at a record, and the difference between two such states, as JSON. */
public final class StateJson {
    private static final ObjectMapper JSON = ProtocolCodec.shared().mapper();

    private StateJson() {
    }

    public static ObjectNode of(String threadId, ThreadState.AtRecord at) {
        Resumption.State state = at.state();
        ObjectNode node = JSON.createObjectNode();
        node.put("thread_id", threadId);
        node.set("at", position(at.at().header()));
        node.set("configuration", JSON.valueToTree(state.configuration()));
        node.set("history", JSON.valueToTree(state.rebuilt().history()));
        node.set("reference_context", JSON.valueToTree(state.rebuilt().referenceContext()));
        node.set("previous_turn_settings", JSON.valueToTree(state.rebuilt().previousTurnSettings()));
        node.set("token_info", JSON.valueToTree(state.tokenInfo()));
        node.put("unfinished_turn", state.unfinishedTurn());
        return node;
    }

    /**
     * From one state to another: the settings that changed (old and new value), and the history as the common
     * prefix's length, the items dropped after it and the items added after it.
     */
    public static ObjectNode diff(String threadId, ThreadState.AtRecord from, ThreadState.AtRecord to) {
        ObjectNode node = JSON.createObjectNode();
        node.put("thread_id", threadId);
        node.set("from", position(from.at().header()));
        node.set("to", position(to.at().header()));
        ObjectNode settings = node.putObject("settings_changed");
        JsonNode before = JSON.valueToTree(from.state().configuration());
        JsonNode after = JSON.valueToTree(to.state().configuration());
        after.fieldNames().forEachRemaining(field -> {
            if (!Objects.equals(before.get(field), after.get(field))) {
                ObjectNode change = settings.putObject(field);
                change.set("from", before.get(field));
                change.set("to", after.get(field));
            }
        });
        List<ResponseItem> a = from.state().rebuilt().history();
        List<ResponseItem> b = to.state().rebuilt().history();
        int common = 0;
        while (common < a.size() && common < b.size() && a.get(common).equals(b.get(common))) {
            common++;
        }
        ObjectNode history = node.putObject("history");
        history.put("common_prefix", common);
        ArrayNode dropped = history.putArray("dropped");
        a.subList(common, a.size()).forEach(item -> dropped.add(JSON.valueToTree(item)));
        ArrayNode added = history.putArray("added");
        b.subList(common, b.size()).forEach(item -> added.add(JSON.valueToTree(item)));
        return node;
    }

    private static ObjectNode position(RecordHeader header) {
        ObjectNode at = JSON.createObjectNode();
        at.put("ordinal", header.ordinal());
        at.put("shard", header.shard());
        at.put("index", Long.toHexString(header.index()));
        at.put("kind", header.kind().name().toLowerCase(java.util.Locale.ROOT));
        return at;
    }
}
