package dev.turnstile.core.turn.tool;

/** Told about the processes a runner starts, so a thread's processes can be terminated together. */
public interface ProcessTracker {
    void started(Process process);

    void finished(Process process);

    ProcessTracker NONE = new ProcessTracker() {
        @Override
        public void started(Process process) {
        }

        @Override
        public void finished(Process process) {
        }
    };
}
