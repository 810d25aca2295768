package dev.turnstile.journal.lock;

import java.nio.file.Path;

/** Another process holds the data directory; the message names it. */
public final class DataDirectoryInUseException extends RuntimeException {
    public DataDirectoryInUseException(Path dataDirectory, String holder) {
        super("data directory " + dataDirectory + " is in use by " + holder
                + "; stop that process or use another --data directory", null, false, false);
    }
}
