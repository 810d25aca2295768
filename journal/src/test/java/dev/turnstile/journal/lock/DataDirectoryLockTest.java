package dev.turnstile.journal.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryLockTest {

    /** Holds the lock in a child JVM until stdin closes: an OS file lock is per process. */
    public static void main(String[] args) throws Exception {
        try (DataDirectoryLock lock = DataDirectoryLock.acquire(Path.of(args[0]), "lock-holder test")) {
            System.out.println("locked");
            System.out.flush();
            System.in.read();
        }
    }

    @Test
    void aSecondProcessIsRefusedWithAMessageNamingTheHolder(@TempDir Path data) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                DataDirectoryLockTest.class.getName(), data.toString()).redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(),
                    StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("locked");
            assertThatThrownBy(() -> DataDirectoryLock.acquire(data, "second"))
                    .isInstanceOf(DataDirectoryInUseException.class)
                    .hasMessageContaining("is in use by pid " + holder.pid())
                    .hasMessageContaining("lock-holder test");
        } finally {
            holder.getOutputStream().close();
            holder.waitFor(30, TimeUnit.SECONDS);
            holder.destroyForcibly();
        }
        // Once the holder is gone, the directory can be taken again.
        try (DataDirectoryLock lock = DataDirectoryLock.acquire(data, "third")) {
            assertThat(Files.readString(lock.path())).contains("third");
        }
    }

    @Test
    void aKilledHolderLeavesNoStaleLock(@TempDir Path data) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                DataDirectoryLockTest.class.getName(), data.toString()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
        assertThat(out.readLine()).isEqualTo("locked");
        holder.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        try (DataDirectoryLock lock = DataDirectoryLock.acquire(data, "after kill -9")) {
            assertThat(new File(lock.path().toString())).exists();
        }
    }
}
