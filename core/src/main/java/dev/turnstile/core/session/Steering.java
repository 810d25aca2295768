package dev.turnstile.core.session;

import dev.turnstile.core.protocol.item.UserInput;
import dev.turnstile.core.protocol.policy.CodexErrorInfo;
import dev.turnstile.core.protocol.policy.NonSteerableTurnKind;
import dev.turnstile.core.turn.ActiveTurn;
import dev.turnstile.core.turn.TurnInput;
import dev.turnstile.core.turn.TurnKind;
import java.util.List;

/** Steering input into the running turn (spec §1.3 step 4), with its errors in the order upstream checks them. */
final class Steering {
    /** The outcome of a steer attempt. */
    sealed interface Result {
        record Steered(String turnId) implements Result {
        }

        record NoActiveTurn() implements Result {
        }

        record Rejected(String message, CodexErrorInfo info) implements Result {
        }
    }

    private Steering() {
    }

    static Result steer(Session session, List<UserInput> items, String expectedTurnId) {
        if (items.isEmpty()) {
            return new Result.Rejected("input must not be empty", CodexErrorInfo.BAD_REQUEST);
        }
        ActiveTurn turn = session.activeTurn();
        if (turn == null) {
            return new Result.NoActiveTurn();
        }
        if (expectedTurnId != null && !expectedTurnId.equals(turn.turnId())) {
            return new Result.Rejected("expected active turn id `" + expectedTurnId + "` but found `" + turn.turnId()
                    + "`", CodexErrorInfo.BAD_REQUEST);
        }
        if (turn.kind() == TurnKind.REVIEW || turn.kind() == TurnKind.COMPACT) {
            NonSteerableTurnKind kind = turn.kind() == TurnKind.REVIEW ? NonSteerableTurnKind.REVIEW
                    : NonSteerableTurnKind.COMPACT;
            return new Result.Rejected("cannot steer a " + turn.kind().wire() + " turn",
                    new CodexErrorInfo.ActiveTurnNotSteerable(kind));
        }
        turn.pendingInput().add(new TurnInput.UserItems(items));
        return new Result.Steered(turn.turnId());
    }
}
