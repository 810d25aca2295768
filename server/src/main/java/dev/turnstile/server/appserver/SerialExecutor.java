package dev.turnstile.server.appserver;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A mailbox: tasks run one at a time, in the order they were given, on a carrier executor (virtual threads). Each
 * connection and each loaded thread of the app-server has one, so their state has a single writer without locks,
 * and a task may block briefly (a journal read) without holding up a dispatch or I/O thread.
 *
 * <p>Threading: {@link #execute} is safe from any thread and never blocks; successive tasks see each other's
 * writes (the running flag hands over memory visibility).
 */
public final class SerialExecutor implements Executor {
    private static final Logger LOG = LoggerFactory.getLogger(SerialExecutor.class);

    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean();
    private final Executor carrier;
    private final String name;

    public SerialExecutor(Executor carrier, String name) {
        this.carrier = carrier;
        this.name = name;
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        schedule();
    }

    private void schedule() {
        if (running.compareAndSet(false, true)) {
            try {
                carrier.execute(this::drain);
            } catch (RejectedExecutionException shutDown) {
                // The server is closing: its carrier takes no more work, so what is queued is dropped (the host is
                // closed after the server, and its last events have nobody left to go to).
                tasks.clear();
                running.set(false);
                LOG.debug("{}: the server is shut down; queued work dropped", name);
            }
        }
    }

    private void drain() {
        try {
            Runnable task;
            while ((task = tasks.poll()) != null) {
                try {
                    task.run();
                } catch (RuntimeException | Error e) {
                    LOG.error("a task of {} failed; the next task runs", name, e);
                }
            }
        } finally {
            running.set(false);
            if (!tasks.isEmpty()) {
                schedule();
            }
        }
    }
}
