package dev.turnstile.journal.record;

import java.io.IOException;
import java.io.OutputStream;

/** Writes a record's payload straight into the queue (no intermediate buffer). */
@FunctionalInterface
public interface PayloadWriter {
    void writeTo(OutputStream out) throws IOException;
}
