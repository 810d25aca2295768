package dev.turnstile.core.session;

import dev.turnstile.core.pipeline.EventSubscriber;
import dev.turnstile.core.pipeline.ThreadHandle;
import dev.turnstile.core.protocol.Event;
import dev.turnstile.core.protocol.event.EventMsg;
import dev.turnstile.core.protocol.event.TokenUsageInfo;
import dev.turnstile.core.protocol.item.ResponseItem;
import dev.turnstile.core.protocol.op.AgentCommunication;
import dev.turnstile.core.protocol.policy.ThreadMemoryMode;
import dev.turnstile.core.protocol.rollout.RolloutItem;
import dev.turnstile.core.session.history.History;
import dev.turnstile.core.session.rollout.ThreadRollout;
import dev.turnstile.core.turn.ActiveTurn;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One hosted thread's state: its settings, its model-visible history, its running turn, its subscribers.
 *
 * <p>Threading: a session has exactly one writer, the dispatch thread of its shard, which applies the thread's
 * entries strictly in order. Nothing here is locked or volatile, and nothing may be touched from another thread.
 *
 * <p>Every change is applied from a sequenced entry: {@link #beginEntry} sets the entry's time and sequence before
 * a handler runs, and handlers read time ({@link #now()}) and make ids ({@link #newId()}) only through the session.
 */
public final class Session {
    private final ThreadHandle thread;
    private final String threadId;
    private final long idSalt;
    private final ShardServices services;
    private final History history = new History();
    private final ArrayList<ResponseItem> queuedForNextTurn = new ArrayList<>();
    private final ArrayDeque<AgentCommunication> mailbox = new ArrayDeque<>();
    private final ArrayList<EventSubscriber> subscribers = new ArrayList<>(1);
    private final Set<List<String>> commandsApprovedForSession = new HashSet<>();
    private final ThreadRollout rollout;
    private final String forkedFromId;

    private SessionConfiguration configuration;
    private ActiveTurn activeTurn;
    private TokenUsageInfo tokenInfo;
    private dev.turnstile.core.session.history.RolloutReconstruction.PreviousTurnSettings previousTurnSettings;
    private ThreadMemoryMode memoryMode = ThreadMemoryMode.ENABLED;
    private long lastAppliedSequence;
    private long samplingCount;
    private long eventCount;
    private boolean closed;
    private boolean touchedInBatch;

    private long entryTimeMillis;
    private long entrySequence;
    private int idsMadeForEntry;

    Session(ThreadHandle thread, ThreadSpec spec, ThreadRollout rollout, ShardServices services) {
        this.thread = thread;
        this.threadId = thread.threadId();
        this.idSalt = DeterministicIds.salt(threadId);
        this.configuration = spec.configuration();
        this.forkedFromId = spec.forkedFromId();
        this.rollout = rollout;
        this.services = services;
    }

    // ---- the entry being applied -------------------------------------------------------------------

    void beginEntry(long timestampMillis, long threadSequence) {
        this.entryTimeMillis = timestampMillis;
        this.entrySequence = threadSequence;
        this.idsMadeForEntry = 0;
    }

    /** The time of the entry being applied (epoch ms). Handlers never read the clock. */
    public long now() {
        return entryTimeMillis;
    }

    /** A new id, derived from the entry being applied. */
    public String newId() {
        return DeterministicIds.uuidV7(entryTimeMillis, idSalt, entrySequence, idsMadeForEntry++);
    }

    /** True if this sequence number was applied before (a client resent it): it is then not applied again. */
    boolean isDuplicate(long threadSequence) {
        return threadSequence <= lastAppliedSequence;
    }

    void markApplied(long threadSequence) {
        lastAppliedSequence = threadSequence;
    }

    /**
     * Reads what applying an entry reads, for {@link ShardSessions#warm}: fields at both ends of the object (it
     * spans two or three cache lines), then the rollout's. Changes nothing.
     */
    long warm() {
        return lastAppliedSequence + (memoryMode == null ? 1 : 0) + rollout.warm();
    }

    public long lastAppliedSequence() {
        return lastAppliedSequence;
    }

    // ---- output: events and the rollout ---------------------------------------------------------------

    /** Emits an event: persisted when the policy keeps it, then offered to every subscriber. */
    public void emit(String id, EventMsg msg) {
        if (PersistencePolicy.persists(msg)) {
            rollout.append(new RolloutItem.EventMsgLine(msg), entryTimeMillis);
        }
        deliver(id, msg);
    }

    /** Emits an event to the subscribers without offering it to the rollout (e.g. the rollback marker, kept once). */
    public void deliver(String id, EventMsg msg) {
        Event event = new Event(id, msg);
        long number = ++eventCount;
        services.countEventOut(); // before any subscriber can react to it
        for (int i = subscribers.size() - 1; i >= 0; i--) {
            EventSubscriber subscriber = subscribers.get(i);
            if (!subscriber.offer(threadId, number, event)) {
                subscribers.remove(i);
                subscriber.cutOff(threadId, number - 1);
            }
        }
    }

    /** Appends an item to the model-visible history and the rollout. */
    public void recordItem(ResponseItem item) {
        history.record(item);
        rollout.append(new RolloutItem.ResponseItemLine(item), entryTimeMillis);
    }

    /** Appends a non-event item (turn context, compaction) to the rollout only. */
    public void recordRolloutItem(RolloutItem item) {
        rollout.append(item, entryTimeMillis);
    }

    public void addSubscriber(EventSubscriber subscriber) {
        if (!subscribers.contains(subscriber)) {
            subscribers.add(subscriber);
        }
    }

    public void removeSubscriber(EventSubscriber subscriber) {
        subscribers.remove(subscriber);
    }

    /** Seeds a resumed thread's state from its whole rebuilt rollout. */
    void restore(Resumption.State state) {
        history.replace(state.rebuilt().history());
        history.setReferenceContext(state.rebuilt().referenceContext());
        this.previousTurnSettings = state.rebuilt().previousTurnSettings();
        this.tokenInfo = state.tokenInfo();
    }

    /** Seeds a resumed thread's state from its newest checkpoint and the records after it (history stays lazy). */
    void restore(Resumption.FromCheckpoint state) {
        history.resetTo(state.base());
        for (ResponseItem item : state.tailItems()) {
            history.record(item);
        }
        history.setReferenceContext(state.referenceContext());
        this.previousTurnSettings = state.previousTurnSettings();
        this.tokenInfo = state.tokenInfo();
        this.samplingCount = Math.max(samplingCount, state.samplingCount());
        this.memoryMode = state.memoryMode() == null ? memoryMode : state.memoryMode();
    }

    /** The settings of the newest user turn (model, realtime), as resume and rollback rebuild them. */
    public dev.turnstile.core.session.history.RolloutReconstruction.PreviousTurnSettings previousTurnSettings() {
        return previousTurnSettings;
    }

    public void setPreviousTurnSettings(
            dev.turnstile.core.session.history.RolloutReconstruction.PreviousTurnSettings previousTurnSettings) {
        this.previousTurnSettings = previousTurnSettings;
    }

    /**
     * Records a checkpoint of this thread's small state (nothing for a thread that is not persisted), so that
     * resume, rollback and fork read back no further than here.
     *
     * @param turnId     the turn that just ended, or null
     * @param userTurn   whether that turn was a user turn
     * @param compaction whether that turn replaced the history
     */
    void checkpoint(String turnId, boolean userTurn, boolean compaction) {
        if (!rollout.persistent()) {
            return;
        }
        rollout.checkpoint(new dev.turnstile.core.session.rollout.Checkpoint(configuration, tokenInfo,
                history.referenceContext(), previousTurnSettings, memoryMode, history.size(),
                history.estimatedTokens(), history.userTurnCount(), history.lastUserText(),
                history.trailingContextUpdates(), history.trailingContextTokens(), samplingCount, turnId, userTurn,
                compaction), entryTimeMillis);
    }

    // ---- state -------------------------------------------------------------------------------------

    public ThreadHandle thread() {
        return thread;
    }

    public String threadId() {
        return threadId;
    }

    public String forkedFromId() {
        return forkedFromId;
    }

    public ShardServices services() {
        return services;
    }

    public SessionConfiguration configuration() {
        return configuration;
    }

    public void setConfiguration(SessionConfiguration configuration) {
        this.configuration = configuration;
    }

    public History history() {
        return history;
    }

    public ThreadRollout rollout() {
        return rollout;
    }

    public ActiveTurn activeTurn() {
        return activeTurn;
    }

    public void setActiveTurn(ActiveTurn activeTurn) {
        this.activeTurn = activeTurn;
    }

    /** Response items queued while idle, to be taken by the next turn. */
    public List<ResponseItem> queuedForNextTurn() {
        return queuedForNextTurn;
    }

    public ArrayDeque<AgentCommunication> mailbox() {
        return mailbox;
    }

    public Set<List<String>> commandsApprovedForSession() {
        return commandsApprovedForSession;
    }

    public TokenUsageInfo tokenInfo() {
        return tokenInfo;
    }

    public void setTokenInfo(TokenUsageInfo tokenInfo) {
        this.tokenInfo = tokenInfo;
    }

    public ThreadMemoryMode memoryMode() {
        return memoryMode;
    }

    public void setMemoryMode(ThreadMemoryMode memoryMode) {
        this.memoryMode = memoryMode;
    }

    /** Takes the number of the next sampling step of this thread (0, 1, 2, ...). */
    public long nextSamplingIndex() {
        return samplingCount++;
    }

    public long eventCount() {
        return eventCount;
    }

    public boolean closed() {
        return closed;
    }

    void markClosed() {
        closed = true;
    }

    /** Marks the session as changed in the current dispatch batch; true the first time in the batch. */
    boolean markTouchedInBatch() {
        if (touchedInBatch) {
            return false;
        }
        touchedInBatch = true;
        return true;
    }

    void clearTouchedInBatch() {
        touchedInBatch = false;
    }

    public List<EventSubscriber> subscribers() {
        return List.copyOf(subscribers);
    }
}
