package org.serspark.sweep;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One invocation at a time per sweep output: {@code DIR/sweep.lock}, created atomically (a hard link to a complete
 * temporary file, so the lock never exists half-written) and holding pid, host, start time and a random token.
 * While held, a heartbeat refreshes its modification time.
 *
 * <p>A lock is stale, and taken over with a log line, when its process is gone: on this host, no live process has its
 * pid and start time; on any host, its heartbeat is older than {@code staleAfter} (a killed pod of a Kubernetes
 * CronJob comes back with another host name). Taking over renames the stale lock aside and checks that what was
 * renamed is the lock judged stale, so two invocations racing for a stale lock cannot both win.
 */
public final class SweepLock implements AutoCloseable {
    public static final String FILE = "sweep.lock";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final String token;
    private final ScheduledExecutorService heartbeat;

    /** Another live invocation holds the lock. */
    public static final class HeldException extends Exception {
        private static final long serialVersionUID = 1L;

        HeldException(String message) {
            super(message);
        }
    }

    private SweepLock(Path file, String token, Duration staleAfter) {
        this.file = file;
        this.token = token;
        long beat = Math.max(1, staleAfter.toSeconds() / 4);
        heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sweep-lock-heartbeat");
            t.setDaemon(true);
            return t;
        });
        heartbeat.scheduleAtFixedRate(this::beat, beat, beat, TimeUnit.SECONDS);
    }

    public static SweepLock acquire(Path dir, Duration staleAfter, PrintStream log) throws IOException, HeldException {
        Files.createDirectories(dir);
        Path file = dir.resolve(FILE);
        String token = UUID.randomUUID().toString();
        Path mine = dir.resolve("." + FILE + "." + token);
        Files.write(mine, JSON.writeValueAsBytes(describe(token)));
        try {
            for (int attempt = 0; attempt < 3; attempt++) {
                try {
                    Files.createLink(file, mine);
                    return new SweepLock(file, token, staleAfter);
                } catch (FileAlreadyExistsException held) {
                    Optional<Map<String, Object>> holder = read(file);
                    if (holder.isEmpty()) {
                        continue; // released between our attempt and the read
                    }
                    String why = staleReason(holder.get(), lastBeat(file), staleAfter);
                    if (why == null) {
                        throw new HeldException(file + " is held by pid " + holder.get().get("pid") + " on "
                                + holder.get().get("host") + " since " + holder.get().get("started_at")
                                + ": another invocation of this sweep is running");
                    }
                    if (takeOver(file, holder.get())) {
                        log.println("sweep: taking over the lock of pid " + holder.get().get("pid") + " on "
                                + holder.get().get("host") + " (started " + holder.get().get("started_at") + "): "
                                + why);
                    }
                }
            }
            throw new HeldException(file + " changed hands while this invocation tried to take it; try again");
        } finally {
            Files.deleteIfExists(mine);
        }
    }

    /** Throws if another invocation took this lock over (only possible after a heartbeat stalled for staleAfter). */
    public void verify() throws IOException {
        Optional<Map<String, Object>> now = read(file);
        if (now.isEmpty() || !token.equals(now.get().get("token"))) {
            throw new IllegalStateException(file + " was taken over by another invocation; stopping");
        }
    }

    @Override
    public void close() throws IOException {
        heartbeat.shutdownNow();
        Optional<Map<String, Object>> now = read(file);
        if (now.isPresent() && token.equals(now.get().get("token"))) {
            Files.deleteIfExists(file);
        }
    }

    private void beat() {
        try {
            Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
        } catch (IOException e) {
            // a missing lock is reported by verify() before the next table write
        }
    }

    private static Map<String, Object> describe(String token) {
        ProcessHandle self = ProcessHandle.current();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pid", self.pid());
        m.put("host", host());
        m.put("started_at", Instant.now().toString());
        m.put("process_start", self.info().startInstant().map(Instant::toString).orElse(""));
        m.put("token", token);
        return m;
    }

    /** Why the holder is gone, or null while it may be alive. */
    static String staleReason(Map<String, Object> holder, Instant lastBeat, Duration staleAfter) {
        if (host().equals(holder.get("host"))) {
            long pid = ((Number) holder.get("pid")).longValue();
            Optional<ProcessHandle> p = ProcessHandle.of(pid);
            if (p.isEmpty() || !p.get().isAlive()) {
                return "no process " + pid + " on this host";
            }
            String start = String.valueOf(holder.getOrDefault("process_start", ""));
            String live = p.get().info().startInstant().map(Instant::toString).orElse("");
            if (!start.isEmpty() && !live.isEmpty() && !start.equals(live)) {
                return "pid " + pid + " now belongs to another process";
            }
            return null;
        }
        Duration age = Duration.between(lastBeat, Instant.now());
        return age.compareTo(staleAfter) > 0 ? "no heartbeat for " + age.toSeconds() + " s" : null;
    }

    private static boolean takeOver(Path file, Map<String, Object> stale) throws IOException {
        Path aside = file.resolveSibling("." + FILE + ".stale." + UUID.randomUUID());
        try {
            Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException gone) {
            return false;
        }
        Optional<Map<String, Object>> moved = read(aside);
        if (moved.isPresent() && !stale.get("token").equals(moved.get().get("token"))) {
            // another invocation took the stale lock first and we moved ITS lock: give it back
            try {
                Files.createLink(file, aside);
            } catch (FileAlreadyExistsException e) {
                // a third invocation got in between; it holds the lock now
            }
            Files.deleteIfExists(aside);
            return false;
        }
        Files.deleteIfExists(aside);
        return true;
    }

    private static Optional<Map<String, Object>> read(Path f) throws IOException {
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = JSON.readValue(Files.readAllBytes(f), Map.class);
            return Optional.of(m);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IOException(f + ": not a sweep lock (" + e.getOriginalMessage() + "); delete it if no "
                    + "sweep runs");
        }
    }

    private static Instant lastBeat(Path f) {
        try {
            return Files.getLastModifiedTime(f).toInstant();
        } catch (IOException e) {
            return Instant.now();
        }
    }

    static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown-host";
        }
    }
}
