package org.serspark.download;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Shows how a transfer is going on stderr: bytes done / total, MB/s and ETA. On a terminal it redraws one bar line
 * in place; into a log file or a pipe it prints a plain line every few seconds instead, since carriage-return
 * redraws turn a log into one unreadable line. Called from the transferring thread, so it needs no thread of its own.
 */
public final class ProgressMeter {
    /** How progress is shown. */
    public enum Style {
        /** One line redrawn in place (for a terminal). */
        BAR,
        /** A plain line every few seconds (for logs and pipes). */
        LINES,
        /** Nothing. */
        NONE
    }

    /** Megabytes as Zenodo counts them (10^6), so our total matches the "208.5 MB" on the record page. */
    static final double MB = 1e6;
    private static final long BAR_REDRAW_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    private static final int BAR_WIDTH = 30;

    private final PrintWriter out;
    private final Style style;
    private final String label;
    private final LongSupplier nanoClock;
    private final long lineIntervalNanos;

    private long startNanos;
    private long startBytes;
    private long total = -1;
    private long done;
    private long lastPrintNanos;

    /**
     * @param out           where to show it (stderr)
     * @param style         bar, lines or nothing
     * @param label         what is transferred, e.g. the file name
     * @param nanoClock     time source ({@link System#nanoTime} outside tests)
     * @param lineIntervalS seconds between plain lines in {@link Style#LINES}
     */
    public ProgressMeter(PrintWriter out, Style style, String label, LongSupplier nanoClock, int lineIntervalS) {
        this.out = out;
        this.style = style;
        this.label = label;
        this.nanoClock = nanoClock;
        this.lineIntervalNanos = TimeUnit.SECONDS.toNanos(lineIntervalS);
    }

    /** A transfer (or a resumed part of one) begins with {@code alreadyHave} bytes on disk; total -1 if unknown. */
    public void start(long alreadyHave, long total) {
        this.startNanos = nanoClock.getAsLong();
        this.lastPrintNanos = startNanos;
        this.startBytes = alreadyHave;
        this.done = alreadyHave;
        this.total = total;
        if (style == Style.LINES) {
            out.println(label + ": " + (alreadyHave > 0
                    ? String.format(Locale.ROOT, "resuming at %s", megabytes(alreadyHave, total))
                    : String.format(Locale.ROOT, "starting, %s", total >= 0 ? mb(total) + " MB" : "size unknown")));
            out.flush();
        } else if (style == Style.BAR) {
            draw(startNanos);
        }
    }

    /** {@code done} bytes (counting what was already on disk) are now on disk. */
    public void update(long done) {
        this.done = done;
        long now = nanoClock.getAsLong();
        if (style == Style.BAR && now - lastPrintNanos >= BAR_REDRAW_NANOS) {
            draw(now);
        } else if (style == Style.LINES && now - lastPrintNanos >= lineIntervalNanos) {
            lastPrintNanos = now;
            out.println(label + ": " + status(done, total, rate(now), true));
            out.flush();
        }
    }

    /** The transfer ended, completely or not: close the bar line so later messages start on a fresh line. */
    public void finish() {
        long now = nanoClock.getAsLong();
        if (style == Style.BAR) {
            draw(now);
            out.println();
        } else if (style == Style.LINES) {
            out.println(String.format(Locale.ROOT, "%s: %s in %s", label, status(done, total, rate(now), false),
                    duration((now - startNanos) / 1e9)));
        }
        out.flush();
    }

    private void draw(long now) {
        lastPrintNanos = now;
        out.print("\r" + bar(label, done, total, rate(now)));
        out.flush();
    }

    private double rate(long now) {
        double seconds = (now - startNanos) / 1e9;
        // only this session's bytes count: a resumed 200 MB part would otherwise claim an absurd speed
        return seconds > 0 ? (done - startBytes) / seconds : 0;
    }

    /** For example {@code 52.3/208.5 MB (25.1%), 4.2 MB/s, ETA 37 s}. */
    static String status(long done, long total, double bytesPerSecond, boolean withEta) {
        StringBuilder sb = new StringBuilder(megabytes(done, total));
        sb.append(String.format(Locale.ROOT, ", %.1f MB/s", bytesPerSecond / MB));
        if (withEta && total >= 0 && bytesPerSecond > 0) {
            sb.append(", ETA ").append(duration((total - done) / bytesPerSecond));
        }
        return sb.toString();
    }

    /** For example {@code name [#######.......................]  52.3/208.5 MB (25.1%)  4.2 MB/s  ETA 37 s}. */
    static String bar(String label, long done, long total, double bytesPerSecond) {
        StringBuilder sb = new StringBuilder(label).append(' ');
        if (total > 0) {
            int filled = (int) Math.min(BAR_WIDTH, BAR_WIDTH * done / total);
            sb.append('[').append("#".repeat(filled)).append(".".repeat(BAR_WIDTH - filled)).append("]  ");
        }
        sb.append(megabytes(done, total));
        sb.append(String.format(Locale.ROOT, "  %.1f MB/s", bytesPerSecond / MB));
        if (total >= 0 && bytesPerSecond > 0) {
            sb.append("  ETA ").append(duration((total - done) / bytesPerSecond));
        }
        // trailing blanks wipe what a longer previous line left behind
        return sb.append("    ").toString();
    }

    private static String megabytes(long done, long total) {
        if (total < 0) {
            return mb(done) + " MB";
        }
        double pct = total > 0 ? 100.0 * done / total : 100.0;
        return String.format(Locale.ROOT, "%s/%s MB (%.1f%%)", mb(done), mb(total), pct);
    }

    static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / MB);
    }

    /** A size for a message: {@code 1234 bytes}, {@code 12.3 kB}, {@code 208.5 MB}. */
    public static String human(long bytes) {
        if (bytes < 1000) {
            return bytes + " bytes";
        }
        if (bytes < MB) {
            return String.format(Locale.ROOT, "%.1f kB", bytes / 1e3);
        }
        return mb(bytes) + " MB";
    }

    /** For example {@code 37 s}, {@code 3 min 05 s}, {@code 1 h 02 min}. */
    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
    }
}
