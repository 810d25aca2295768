package dev.turnstile.core.session.rollout;

import dev.turnstile.core.protocol.rollout.RolloutItem;
import java.util.List;

/**
 * The rollout items a {@link RolloutFilter} chose, in order, each with its position among all of the thread's
 * items: readers that number lines (implicit turn ids are {@code rollout-<line>}) still number them as in the
 * whole rollout.
 *
 * @param items     the chosen items, oldest first
 * @param positions {@code positions[i]} is the 0-based position of {@code items.get(i)} in the whole rollout
 * @param total     how many items the whole rollout has
 */
public record SelectedRollout(List<RolloutItem> items, long[] positions, long total) {
    public SelectedRollout {
        if (positions.length != items.size()) {
            throw new IllegalArgumentException(items.size() + " items but " + positions.length + " positions");
        }
        items = List.copyOf(items);
    }

    /** Chooses from a whole rollout already in memory. */
    public static SelectedRollout select(List<RolloutItem> all, RolloutFilter filter) {
        List<RolloutItem> chosen = new java.util.ArrayList<>();
        long[] positions = new long[all.size()];
        for (int i = 0; i < all.size(); i++) {
            if (filter.wants(all.get(i))) {
                positions[chosen.size()] = i;
                chosen.add(all.get(i));
            }
        }
        return new SelectedRollout(chosen, java.util.Arrays.copyOf(positions, chosen.size()), all.size());
    }
}
