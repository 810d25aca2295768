package dev.turnstile.journal.crash;

import dev.turnstile.core.host.HostConfig;
import dev.turnstile.core.host.TurnstileHost;
import dev.turnstile.core.pipeline.EventSubscriber;
import dev.turnstile.core.pipeline.Ingress;
import dev.turnstile.core.pipeline.PipelineConfig;
import dev.turnstile.core.pipeline.ThreadHandle;
import dev.turnstile.core.pipeline.WaitStrategyKind;
import dev.turnstile.core.protocol.Submission;
import dev.turnstile.core.protocol.event.EventMsg;
import dev.turnstile.core.protocol.op.Op;
import dev.turnstile.core.session.ThreadSpec;
import dev.turnstile.core.turn.model.ModelClients;
import dev.turnstile.journal.queue.Durability;
import dev.turnstile.journal.store.ChronicleJournal;
import dev.turnstile.journal.store.JournalConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;

/**
 * The process the crash test kills: hosts some threads (resuming those given, starting new ones), and drives turns
 * on all of them until it is killed, printing {@code ACK <thread> <turn>} once a turn completed. A turn the parent
 * saw acknowledged must be in the journal after the kill.
 *
 * <p>Arguments: data directory, number of new threads, then ids of threads to resume.
 */
public final class CrashWorkload {
    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        int newThreads = Integer.parseInt(args[1]);
        PrintStream out = new PrintStream(System.out, false);
        ChronicleJournal journal = ChronicleJournal.open(new JournalConfig(data, 2, Durability.OS, "crash workload"),
                n -> { });
        TurnstileHost host = TurnstileHost.start(HostConfig.of(new PipelineConfig(2, 4096, WaitStrategyKind.BLOCKING),
                ModelClients.fromSpec("echo")).withRollouts(journal));
        List<Thread> clients = new ArrayList<>();
        List<String> resume = new ArrayList<>(List.of(args).subList(2, args.length));
        for (int i = 0; i < newThreads + resume.size(); i++) {
            String existing = i < resume.size() ? resume.get(i) : null;
            clients.add(Thread.ofVirtual().start(() -> drive(host, existing, out)));
        }
        out.println("READY");
        out.flush();
        for (Thread client : clients) {
            client.join();
        }
    }

    private static void drive(TurnstileHost host, String existing, PrintStream out) {
        Semaphore done = new Semaphore(0);
        String[] completed = {null};
        EventSubscriber subscriber = (id, number, event) -> {
            if (event.msg() instanceof EventMsg.TurnComplete complete) {
                completed[0] = complete.turnId();
                done.release();
            }
            return true;
        };
        ThreadHandle thread = existing == null
                ? host.startThread(new ThreadSpec(host.newThreadId(), host.defaultConfiguration("/crash")), subscriber)
                : host.resumeThread(existing, subscriber);
        for (long turn = 1; ; turn++) {
            String turnId = "turn-" + System.nanoTime();
            while (!Ingress.accepted(host.submit(thread, new Submission(turnId, Op.UserInput.text("work " + turn))))) {
                Thread.onSpinWait();
            }
            done.acquireUninterruptibly();
            synchronized (out) {
                out.println("ACK " + thread.threadId() + " " + completed[0]);
                out.flush();
            }
        }
    }
}
