package org.serspark.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * Looks at an output folder every 50 ms while a job writes it, as an impatient reader would, and records every
 * moment it looked finished but was not. {@code check} returns null when what it sees is acceptable, else what is
 * wrong.
 */
final class OutputWatcher implements AutoCloseable {
    private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
    private final Thread thread;
    private volatile boolean running = true;
    private volatile int looks;

    OutputWatcher(Path dir, Function<Path, String> check) {
        thread = new Thread(() -> {
            while (running) {
                try {
                    String wrong = check.apply(dir);
                    if (wrong != null && violations.size() < 20) {
                        violations.add(wrong);
                    }
                } catch (RuntimeException e) {
                    // a file renamed away between listing and reading: the next look sees the new state
                }
                looks++;
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "output-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    List<String> violations() {
        return List.copyOf(violations);
    }

    int looks() {
        return looks;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join();
    }

    static long count(Path dir, String suffix) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (var s = Files.walk(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)).count();
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            return -1;
        }
    }
}
