package dev.turnstile.core.session.rollout;

import dev.turnstile.core.protocol.rollout.RolloutItem;
import dev.turnstile.core.session.Command;
import java.util.List;

/** The rollout of a thread that is not persisted: accepts everything, keeps nothing. */
enum NoRollout implements ThreadRollout {
    INSTANCE;

    @Override
    public boolean persistent() {
        return false;
    }

    @Override
    public void recordEntry(Command command, long threadSequence, long timestampMillis) {
    }

    @Override
    public void append(RolloutItem item, long timestampMillis) {
    }

    @Override
    public void materialize() {
    }

    @Override
    public boolean materialized() {
        return false;
    }

    @Override
    public void flush() {
    }

    @Override
    public List<RolloutItem> load() {
        return List.of();
    }

    @Override
    public String location() {
        return null;
    }

    @Override
    public void close() {
    }
}
