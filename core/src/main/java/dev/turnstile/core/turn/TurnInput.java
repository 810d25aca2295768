package dev.turnstile.core.turn;

import dev.turnstile.core.protocol.item.ResponseItem;
import dev.turnstile.core.protocol.item.UserInput;
import java.util.List;

/** Input waiting for a turn's next sampling step. */
public sealed interface TurnInput {

    /** What a user typed (steered into the running turn, or left over when it ends). */
    record UserItems(List<UserInput> items) implements TurnInput {
        public UserItems {
            items = List.copyOf(items);
        }
    }

    /** An item the host queued (inter-agent mail, an approved guardian action, a next-turn item). */
    record Item(ResponseItem item) implements TurnInput {
    }
}
