package org.serspark.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepLockTest {
    static final Duration STALE = Duration.ofSeconds(60);

    @Test
    void aSecondInvocationIsRefusedUntilTheFirstReleases(@TempDir Path dir) throws Exception {
        try (SweepLock first = SweepLock.acquire(dir, STALE, quiet())) {
            Map<?, ?> held = new ObjectMapper().readValue(dir.resolve(SweepLock.FILE).toFile(), Map.class);
            assertEquals(ProcessHandle.current().pid(), ((Number) held.get("pid")).longValue());
            assertEquals(SweepLock.host(), held.get("host"));
            assertTrue(held.containsKey("started_at"));
            SweepLock.HeldException e = assertThrows(SweepLock.HeldException.class,
                    () -> SweepLock.acquire(dir, STALE, quiet()));
            assertTrue(e.getMessage().contains("held by pid " + ProcessHandle.current().pid()), e.getMessage());
            first.verify();
        }
        assertFalse(Files.exists(dir.resolve(SweepLock.FILE)), "released");
        SweepLock.acquire(dir, STALE, quiet()).close();
    }

    @Test
    void aLockOfADeadProcessOnThisHostIsTakenOver(@TempDir Path dir) throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        writeLock(dir, p.pid(), SweepLock.host());
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (SweepLock lock = SweepLock.acquire(dir, STALE, new PrintStream(log, true, StandardCharsets.UTF_8))) {
            lock.verify();
        }
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("taking over the lock of pid " + p.pid()),
                log.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aLockFromAnotherHostIsTakenOverOnlyWithoutHeartbeat(@TempDir Path dir) throws Exception {
        writeLock(dir, 1, "some-other-host");
        assertThrows(SweepLock.HeldException.class, () -> SweepLock.acquire(dir, STALE, quiet()),
                "a fresh lock of another host may be alive");
        Files.setLastModifiedTime(dir.resolve(SweepLock.FILE), FileTime.from(Instant.now().minusSeconds(120)));
        try (SweepLock lock = SweepLock.acquire(dir, STALE, quiet())) {
            lock.verify();
        }
    }

    @Test
    void aHolderWhoseLockWasTakenOverStops(@TempDir Path dir) throws Exception {
        try (SweepLock lock = SweepLock.acquire(dir, STALE, quiet())) {
            writeLock(dir, 1, "some-other-host");
            IllegalStateException e = assertThrows(IllegalStateException.class, lock::verify);
            assertTrue(e.getMessage().contains("taken over"), e.getMessage());
        }
        assertTrue(Files.exists(dir.resolve(SweepLock.FILE)), "close() leaves someone else's lock alone");
    }

    private static void writeLock(Path dir, long pid, String host) throws Exception {
        Files.writeString(dir.resolve(SweepLock.FILE), new ObjectMapper().writeValueAsString(Map.of("pid", pid,
                "host", host, "started_at", "2020-01-01T00:00:00Z", "token", "t-" + pid + host)));
    }

    static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream());
    }
}
