package dev.turnstile.core.session.history;

import dev.turnstile.core.protocol.event.EventMsg;
import dev.turnstile.core.protocol.item.ResponseItem;
import dev.turnstile.core.protocol.rollout.CompactedItem;
import dev.turnstile.core.protocol.rollout.RolloutItem;
import dev.turnstile.core.protocol.rollout.TurnContextItem;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Rebuilds a thread's model-visible history and its resume metadata from rollout items (spec §2.7): the same
 * replay serves resume, fork and rollback.
 *
 * <p>Pass 1 scans newest to oldest, grouping items into turn segments ({@code task_started} … its end), dropping
 * the newest segments that pending rollback markers claim (only user turns use up the count), and finding the
 * newest surviving compaction checkpoint, the previous-turn settings and the reference context. Pass 2 replays the
 * items after that checkpoint forward, applying rollback markers to the history.
 *
 * <p>One deliberate difference from upstream (DESIGN.md, spec §2.12): a compaction whose turn was rolled back is
 * ignored in both passes, so rolling back past a compaction keeps exactly the turns the metadata says survive,
 * instead of an empty history.
 */
public final class RolloutReconstruction {

    /** The settings of the newest surviving user turn. */
    public record PreviousTurnSettings(String model, Boolean realtimeActive) {
    }

    /** The rebuilt state. */
    public record Result(List<ResponseItem> history, PreviousTurnSettings previousTurnSettings,
                         TurnContextItem referenceContext) {
        public Result {
            history = List.copyOf(history);
        }
    }

    private enum Reference { NEVER_SET, CLEARED, LATEST }

    /** A turn segment met while scanning backwards. */
    private static final class Segment {
        String turnId;
        boolean userTurn;
        PreviousTurnSettings previous;
        Reference reference = Reference.NEVER_SET;
        TurnContextItem referenceItem;
        List<ResponseItem> base;
        int baseIndex = -1;
        final List<Integer> compactions = new ArrayList<>(1);
    }

    /** What pass 1 decides. */
    private static final class Scan {
        long pendingRollback;
        List<ResponseItem> base;
        int suffixStart;
        PreviousTurnSettings previous;
        Reference reference = Reference.NEVER_SET;
        TurnContextItem referenceItem;
        final Set<Integer> rolledBackCompactions = new HashSet<>();

        boolean complete() {
            return base != null && previous != null && reference != Reference.NEVER_SET;
        }

        void finalize(Segment segment) {
            if (pendingRollback > 0) {
                if (segment.userTurn) {
                    pendingRollback--;
                }
                rolledBackCompactions.addAll(segment.compactions);
                return;
            }
            if (base == null && segment.base != null) {
                base = segment.base;
                suffixStart = segment.baseIndex + 1;
            }
            if (previous == null && segment.userTurn) {
                previous = segment.previous;
            }
            if (reference == Reference.NEVER_SET && (segment.userTurn || segment.reference == Reference.CLEARED)) {
                reference = segment.reference;
                referenceItem = segment.referenceItem;
            }
        }
    }

    private RolloutReconstruction() {
    }

    public static Result reconstruct(List<RolloutItem> items) {
        Scan scan = scanBackwards(items);
        History history = new History();
        if (scan.base != null) {
            history.replace(scan.base);
        }
        boolean sawLegacyCompaction = false;
        for (int i = scan.suffixStart; i < items.size(); i++) {
            switch (items.get(i)) {
                case RolloutItem.ResponseItemLine line -> history.record(line.payload());
                case RolloutItem.CompactedLine line -> {
                    if (scan.rolledBackCompactions.contains(i)) {
                        continue;
                    }
                    CompactedItem compacted = line.payload();
                    if (compacted.replacementHistory() != null) {
                        history.replace(compacted.replacementHistory());
                    } else {
                        sawLegacyCompaction = true;
                        history.replace(LegacyCompaction.rebuild(history.items(), compacted.message()));
                    }
                }
                case RolloutItem.EventMsgLine line when line.payload() instanceof EventMsg.ThreadRolledBack rollback ->
                        history.dropLastUserTurns(rollback.numTurns());
                default -> {
                }
            }
        }
        TurnContextItem reference = scan.reference == Reference.LATEST && !sawLegacyCompaction ? scan.referenceItem
                : null;
        return new Result(history.items(), scan.previous, reference);
    }

    private static Scan scanBackwards(List<RolloutItem> items) {
        Scan scan = new Scan();
        Segment active = null;
        for (int index = items.size() - 1; index >= 0; index--) {
            RolloutItem item = items.get(index);
            switch (item) {
                case RolloutItem.CompactedLine line -> {
                    active = active != null ? active : new Segment();
                    active.compactions.add(index);
                    if (active.reference == Reference.NEVER_SET) {
                        active.reference = Reference.CLEARED;
                    }
                    if (active.base == null && line.payload().replacementHistory() != null) {
                        active.base = line.payload().replacementHistory();
                        active.baseIndex = index;
                    }
                }
                case RolloutItem.TurnContextLine line -> {
                    active = active != null ? active : new Segment();
                    TurnContextItem context = line.payload();
                    if (active.turnId == null) {
                        active.turnId = context.turnId();
                    }
                    if (compatible(active.turnId, context.turnId())) {
                        active.previous = new PreviousTurnSettings(context.model(), context.realtimeActive());
                        if (active.reference == Reference.NEVER_SET) {
                            active.reference = Reference.LATEST;
                            active.referenceItem = context;
                        }
                    }
                }
                case RolloutItem.ResponseItemLine line -> {
                    active = active != null ? active : new Segment();
                    active.userTurn |= ContextualFragments.isUserTurnBoundary(line.payload());
                }
                case RolloutItem.EventMsgLine line -> active = onEvent(scan, active, line.payload());
                default -> {
                }
            }
            if (scan.complete()) {
                return scan;
            }
        }
        if (active != null) {
            scan.finalize(active);
        }
        return scan;
    }

    private static Segment onEvent(Scan scan, Segment active, EventMsg event) {
        switch (event) {
            case EventMsg.ThreadRolledBack rollback ->
                    scan.pendingRollback = saturatingAdd(scan.pendingRollback, rollback.numTurns());
            case EventMsg.TurnComplete complete -> {
                active = active != null ? active : new Segment();
                if (active.turnId == null) {
                    active.turnId = complete.turnId();
                }
            }
            case EventMsg.TurnAborted aborted -> {
                if (active != null) {
                    if (active.turnId == null && aborted.turnId() != null) {
                        active.turnId = aborted.turnId();
                    }
                } else if (aborted.turnId() != null) {
                    active = new Segment();
                    active.turnId = aborted.turnId();
                }
            }
            case EventMsg.UserMessage message -> {
                active = active != null ? active : new Segment();
                active.userTurn = true;
            }
            case EventMsg.TurnStarted started -> {
                if (active != null && compatible(active.turnId, started.turnId())) {
                    scan.finalize(active);
                    active = null;
                }
            }
            default -> {
            }
        }
        return active;
    }

    /** Ids are compatible when either is unknown, or they are equal. */
    private static boolean compatible(String segmentTurnId, String itemTurnId) {
        return segmentTurnId == null || itemTurnId == null || Objects.equals(segmentTurnId, itemTurnId);
    }

    private static long saturatingAdd(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }
}
