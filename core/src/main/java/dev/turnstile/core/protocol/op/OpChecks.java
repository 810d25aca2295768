package dev.turnstile.core.protocol.op;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnstile.core.protocol.Fields;
import dev.turnstile.core.protocol.InvalidFieldException;
import dev.turnstile.core.protocol.UnknownVariantException;
import dev.turnstile.core.protocol.item.UserInput;
import java.util.List;

/** Member checks shared by several ops. */
final class OpChecks {
    private OpChecks() {
    }

    /** {@code items} is required, and ops accept only the input kinds this version knows. */
    static List<UserInput> items(List<UserInput> items) {
        Fields.required(items, "items");
        for (int i = 0; i < items.size(); i++) {
            UserInput item = items.get(i);
            if (item == null) {
                throw new InvalidFieldException("items[" + i + "]", "an input item object");
            }
            if (item instanceof UserInput.Unknown unknown) {
                throw new UnknownVariantException("input item", unknown.type(), "items[" + i + "]");
            }
        }
        return Fields.list(items);
    }

    /** Members kept as JSON that upstream types as a struct must at least be objects. */
    static JsonNode object(JsonNode node, String field) {
        if (!node.isObject()) {
            throw new InvalidFieldException(field, "an object");
        }
        return node;
    }
}
