package dev.turnstile.core.turn;

import java.util.Locale;

/** The kinds of task a turn runs. Only regular turns accept steered input. */
public enum TurnKind {
    REGULAR,
    COMPACT,
    REVIEW,
    USER_SHELL;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
