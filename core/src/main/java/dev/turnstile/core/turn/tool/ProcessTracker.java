package dev.turnstile.core.turn.tool;

/**
 * Told about the process a runner starts, so it can be terminated from outside (background terminal clean-up). A
 * tracker asked to terminate before the process exists kills it as soon as it starts: there is no window in which
 * a command escapes.
 */
public interface ProcessTracker {
    /** The process started; returns false when it must not keep running (it was terminated meanwhile). */
    boolean started(Process process);

    void finished(Process process);

    ProcessTracker NONE = new ProcessTracker() {
        @Override
        public boolean started(Process process) {
            return true;
        }

        @Override
        public void finished(Process process) {
        }
    };
}
