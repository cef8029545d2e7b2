package org.serspark.spark;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Prints "what: done/total, rate, ETA" every few seconds from a daemon thread while long work runs, so a user
 * knows it is alive without Spark's per-task log lines.
 */
public final class ProgressReporter implements AutoCloseable {
    private final Thread thread;
    private volatile boolean running = true;

    public ProgressReporter(String what, String unit, long total, long alreadyDone, LongSupplier done,
                            int intervalSeconds, PrintStream out) {
        long start = System.nanoTime();
        thread = new Thread(() -> {
            while (running && intervalSeconds > 0) {
                try {
                    Thread.sleep(intervalSeconds * 1000L);
                } catch (InterruptedException e) {
                    return;
                }
                if (!running) {
                    return;
                }
                long d = done.getAsLong();
                out.println(line(what, unit, alreadyDone + d, total, d, (System.nanoTime() - start) / 1e9));
            }
        }, "serspark-progress");
        thread.setDaemon(true);
        thread.start();
    }

    /** For example {@code extract: 312/1440 files (21.7%), 38.5 files/s, ETA 29 s}. */
    public static String line(String what, String unit, long done, long total, long doneThisRun, double seconds) {
        double rate = seconds > 0 ? doneThisRun / seconds : 0;
        String eta = rate > 0 ? String.format(Locale.ROOT, ", ETA %.0f s", (total - done) / rate) : "";
        double pct = total > 0 ? 100.0 * done / total : 100.0;
        return String.format(Locale.ROOT, "%s: %d/%d %s (%.1f%%), %.1f %s/s%s", what, done, total, unit, pct, rate,
                unit, eta);
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
