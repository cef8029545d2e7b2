package org.serspark.download;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.serspark.BuildInfo;

/**
 * Downloads one archive over HTTP(S) into {@code DIR/NAME}, safely across interruptions.
 *
 * <p>Bytes go to {@code DIR/.download/NAME.part}. When that file exists, the next attempt asks only for the rest
 * (an HTTP {@code Range} request, guarded by {@code If-Range} with the validator the first response carried, so a
 * file that changed on the server is not stitched onto an old part). A server that answers {@code 206} continues
 * the part; one that answers {@code 200} (no range support, or the file changed) gets a clean restart from zero.
 * A connection lost mid-transfer is resumed automatically a few times; when the attempts run out the part stays for
 * the next run. Only a part whose MD5 matches the known checksum is renamed (atomically) to the final name, so
 * {@code DIR/NAME} is either absent or complete and checked.
 */
public final class ArchiveDownloader {
    /** Where partial downloads and unpack scratch space live, inside the output directory. */
    public static final String WORK_DIR = ".download";
    private static final int BUFFER_BYTES = 1 << 16;
    private static final int MAX_RESTARTS = 2;
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes\\s+(\\d+)-(\\d+)/(\\d+|\\*)");
    private static final Pattern UNSATISFIED_RANGE = Pattern.compile("bytes\\s+\\*/(\\d+)");

    /**
     * @param timeout    connect timeout, wait for the response headers, and longest silence mid-transfer
     * @param retries    automatic resumes after a lost connection (a connection that delivered data since the
     *                   last loss earns a fresh set)
     * @param retryPause wait before each automatic resume
     */
    public record Settings(Duration timeout, int retries, Duration retryPause) {
        public static Settings defaults() {
            return new Settings(Duration.ofSeconds(30), 3, Duration.ofSeconds(2));
        }
    }

    private enum Outcome { COMPLETE, RESTART }

    private final HttpClient client;
    private final Settings settings;
    private final Function<String, ProgressMeter> progress;
    private final PrintWriter log;

    /**
     * @param settings timeouts and retries
     * @param progress makes the progress display for a file name
     * @param log      where to say what is happening (stderr)
     */
    public ArchiveDownloader(Settings settings, Function<String, ProgressMeter> progress, PrintWriter log) {
        this.settings = settings;
        this.progress = progress;
        this.log = log;
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL) // file hosts redirect to storage; NORMAL never to http
                .connectTimeout(settings.timeout())
                .version(HttpClient.Version.HTTP_1_1) // byte ranges are simplest to reason about on one connection
                .build();
    }

    /**
     * Downloads {@code url} to {@code dir/fileName}, checks it and returns it.
     *
     * @param expectedMd5 the published MD5 (lower or upper case), or {@code null} when none is known
     */
    public ArchiveFile download(URI url, Path dir, String fileName, String expectedMd5) throws IOException {
        Path work = Files.createDirectories(dir.resolve(WORK_DIR));
        Path part = work.resolve(fileName + ".part");
        Path validator = work.resolve(fileName + ".part.validator");
        int used = 0;
        int restarts = 0;
        while (true) {
            long before = sizeOf(part);
            Outcome outcome;
            try {
                outcome = fetch(url, dir, fileName, part, validator);
            } catch (Interruption e) {
                if (sizeOf(part) > before) {
                    used = 0;
                }
                if (used >= settings.retries()) {
                    throw new DownloadException(DownloadException.Kind.INTERRUPTED, String.format(Locale.ROOT,
                            "download of %s interrupted at %s (%s): run the same command again to resume", fileName,
                            sizeText(e.done, e.total), e.reason));
                }
                used++;
                log.printf(Locale.ROOT, "download: connection lost at %s (%s); resuming in %d s (retry %d of %d)%n",
                        sizeText(e.done, e.total), e.reason, settings.retryPause().toSeconds(), used,
                        settings.retries());
                log.flush();
                pause();
                continue;
            }
            if (outcome == Outcome.COMPLETE) {
                break;
            }
            // a restart (part discarded) is not a network failure, so it does not spend --retries; the cap only
            // stops a server whose range answers never add up from looping forever
            if (++restarts > MAX_RESTARTS) {
                throw new DownloadException(DownloadException.Kind.HTTP, "download of " + fileName
                        + ": the server's answers to range requests do not add up; try again later or another --url");
            }
        }
        return verifyAndPublish(url, dir, fileName, part, validator, expectedMd5);
    }

    private ArchiveFile verifyAndPublish(URI url, Path dir, String fileName, Path part, Path validator,
                                         String expectedMd5) throws IOException {
        Checksums sums = Checksums.of(part);
        if (expectedMd5 != null && !expectedMd5.equalsIgnoreCase(sums.md5())) {
            // a wrong part is useless for resuming too: drop it so the next run starts clean
            Files.delete(part);
            Files.deleteIfExists(validator);
            throw new DownloadException(DownloadException.Kind.CHECKSUM, String.format(Locale.ROOT,
                    "%s from %s has MD5 %s, expected %s: corrupt or not the file meant (deleted it; nothing was "
                            + "unpacked; run again to download afresh, or check --url/--md5)",
                    fileName, url, sums.md5(), expectedMd5.toLowerCase(Locale.ROOT)));
        }
        Path target = dir.resolve(fileName);
        moveAtomically(part, target);
        Files.deleteIfExists(validator);
        return new ArchiveFile(target, url.toString(), sums, expectedMd5 != null);
    }

    private Outcome fetch(URI url, Path dir, String fileName, Path part, Path validator)
            throws IOException, Interruption {
        long have = sizeOf(part);
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(settings.timeout())
                .header("User-Agent", "serspark/" + BuildInfo.current().version())
                .GET();
        if (have > 0) {
            request.header("Range", "bytes=" + have + "-");
            readValidator(validator).ifPresent(v -> request.header("If-Range", v));
        }
        HttpResponse<InputStream> response = send(request.build(), url, dir, fileName, have);
        try (InputStream body = response.body()) {
            int status = response.statusCode();
            long offset;
            long total;
            if (status == 206) {
                Matcher m = CONTENT_RANGE.matcher(response.headers().firstValue("Content-Range").orElse(""));
                if (!m.matches() || Long.parseLong(m.group(1)) != have) {
                    log.println("download: the server sent a different byte range than asked for; starting over");
                    Files.delete(part);
                    return Outcome.RESTART;
                }
                offset = have;
                total = "*".equals(m.group(3)) ? -1 : Long.parseLong(m.group(3));
            } else if (status == 200) {
                if (have > 0) {
                    log.printf(Locale.ROOT, "download: the server sent the whole file instead of the missing part "
                            + "(it does not resume, or the file changed); starting over, discarding %s%n",
                            ProgressMeter.human(have));
                }
                offset = 0;
                total = response.headers().firstValueAsLong("Content-Length").orElse(-1);
                writeValidator(validator, response);
            } else if (status == 416) {
                // asked for bytes past the end: the part may already be whole (an earlier run died just before
                // the rename); otherwise it is longer than the file and useless
                Matcher m = UNSATISFIED_RANGE.matcher(response.headers().firstValue("Content-Range").orElse(""));
                if (m.matches() && Long.parseLong(m.group(1)) == have) {
                    return Outcome.COMPLETE;
                }
                log.println("download: the partial file does not fit the file on the server; starting over");
                Files.delete(part);
                return Outcome.RESTART;
            } else {
                throw httpError(status, url);
            }
            copy(body, part, fileName, offset, total);
            return Outcome.COMPLETE;
        }
    }

    private void copy(InputStream body, Path part, String fileName, long offset, long total)
            throws IOException, Interruption {
        ProgressMeter meter = progress.apply(fileName);
        meter.start(offset, total);
        long done = offset;
        byte[] buf = new byte[BUFFER_BYTES];
        try (OutputStream out = new FileOutputStream(part.toFile(), offset > 0);
             StallWatch watch = new StallWatch(settings.timeout(), body)) {
            while (true) {
                int n;
                try {
                    n = body.read(buf);
                } catch (IOException e) {
                    String reason = watch.stalled() ? "no data for " + timeoutText() : describe(e);
                    throw new Interruption(done, total, reason);
                }
                if (n < 0) {
                    break;
                }
                out.write(buf, 0, n);
                done += n;
                watch.alive();
                meter.update(done);
            }
        } finally {
            meter.finish();
        }
        if (total >= 0 && done < total) {
            throw new Interruption(done, total, "the server closed the connection early");
        }
    }

    private HttpResponse<InputStream> send(HttpRequest request, URI url, Path dir, String fileName, long have)
            throws IOException {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpConnectTimeoutException e) {
            throw offline(url, dir, fileName, have, "no connection within " + timeoutText(), e);
        } catch (HttpTimeoutException e) {
            throw offline(url, dir, fileName, have, "no answer within " + timeoutText(), e);
        } catch (ConnectException e) {
            String reason = causedBy(e, UnresolvedAddressException.class) || causedBy(e, UnknownHostException.class)
                    ? "host name not found" : "connection refused";
            throw offline(url, dir, fileName, have, reason, e);
        } catch (IOException e) {
            String reason = causedBy(e, UnknownHostException.class) ? "host name not found" : describe(e);
            throw offline(url, dir, fileName, have, reason, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DownloadException(DownloadException.Kind.INTERRUPTED, "download of " + fileName
                    + " interrupted: run the same command again to resume", e);
        }
    }

    private static DownloadException offline(URI url, Path dir, String fileName, long have, String reason,
                                             Exception cause) {
        String kept = have > 0 ? " (the partial download, " + ProgressMeter.human(have) + ", is kept for a resume)"
                : "";
        return new DownloadException(DownloadException.Kind.OFFLINE, String.format(Locale.ROOT,
                "cannot reach %s (%s): is this machine offline? Fetch %s by hand from %s, put it in %s and run this "
                        + "again, or pass --url%s", url.getHost(), reason, fileName, url, dir, kept), cause);
    }

    private static DownloadException httpError(int status, URI url) {
        String hint;
        if (status == 404 || status == 410) {
            hint = "the file is not there: check --url";
        } else if (status == 401 || status == 403) {
            hint = "the server refuses access";
        } else if (status == 429 || status >= 500) {
            hint = "the server is busy or failing: try again later";
        } else {
            hint = "unexpected answer";
        }
        return new DownloadException(DownloadException.Kind.HTTP,
                String.format(Locale.ROOT, "HTTP %d from %s: %s", status, url, hint));
    }

    /** ETag if it is a strong one (If-Range allows no weak ones), else Last-Modified, else nothing. */
    private static void writeValidator(Path validator, HttpResponse<?> response) throws IOException {
        Optional<String> etag = response.headers().firstValue("ETag").filter(v -> !v.startsWith("W/"));
        Optional<String> value = etag.isPresent() ? etag : response.headers().firstValue("Last-Modified");
        if (value.isPresent()) {
            Files.writeString(validator, value.get(), StandardCharsets.UTF_8);
        } else {
            Files.deleteIfExists(validator);
        }
    }

    private static Optional<String> readValidator(Path validator) throws IOException {
        if (!Files.isRegularFile(validator)) {
            return Optional.empty();
        }
        String v = Files.readString(validator, StandardCharsets.UTF_8).strip();
        return v.isEmpty() ? Optional.empty() : Optional.of(v);
    }

    static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            // same directory tree, so this only happens on exotic file systems; a plain move is the best left
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static long sizeOf(Path file) throws IOException {
        return Files.isRegularFile(file) ? Files.size(file) : 0;
    }

    private static String sizeText(long done, long total) {
        return total >= 0 ? ProgressMeter.human(done) + " of " + ProgressMeter.human(total)
                : ProgressMeter.human(done);
    }

    private static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    /** The most specific message in the cause chain: the client wraps "connection reset" in a bare "closed". */
    private static String describe(Throwable e) {
        String message = null;
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c.getMessage() != null && !c.getMessage().isBlank()) {
                message = c.getMessage();
            }
        }
        return message != null ? message : e.getClass().getSimpleName();
    }

    private String timeoutText() {
        Duration t = settings.timeout();
        return t.toMillis() % 1000 == 0 ? t.toSeconds() + " s" : t.toMillis() + " ms";
    }

    private void pause() throws DownloadException {
        try {
            Thread.sleep(settings.retryPause().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DownloadException(DownloadException.Kind.INTERRUPTED, "download interrupted", e);
        }
    }

    /** A transfer that ended early; {@code done} bytes are safely in the part file. */
    private static final class Interruption extends Exception {
        private static final long serialVersionUID = 1L;
        final long done;
        final long total;
        final String reason;

        Interruption(long done, long total, String reason) {
            super(reason, null, false, false);
            this.done = done;
            this.total = total;
            this.reason = reason;
        }
    }

    /**
     * Closes the response body when no byte arrived for the timeout, which makes the blocked read fail: the request
     * timeout only covers the wait for the response headers, and a connection that goes silent mid-body would
     * otherwise hang forever (the JDK 17 client's body stream does not even answer thread interrupts).
     */
    private static final class StallWatch implements AutoCloseable {
        private final long timeoutNanos;
        private final InputStream body;
        private final Thread watcher;
        private volatile long lastByteNanos = System.nanoTime();
        private boolean closed;
        private boolean stalled;

        StallWatch(Duration timeout, InputStream body) {
            this.timeoutNanos = timeout.toNanos();
            this.body = body;
            long tickMillis = Math.max(10, Math.min(1000, timeout.toMillis() / 4));
            this.watcher = new Thread(() -> watch(tickMillis), "serspark-download-stall-watch");
            watcher.setDaemon(true);
            watcher.start();
        }

        void alive() {
            lastByteNanos = System.nanoTime();
        }

        synchronized boolean stalled() {
            return stalled;
        }

        private void watch(long tickMillis) {
            try {
                while (true) {
                    Thread.sleep(tickMillis);
                    synchronized (this) {
                        if (closed) {
                            return;
                        }
                        if (System.nanoTime() - lastByteNanos > timeoutNanos) {
                            stalled = true;
                            break;
                        }
                    }
                }
                body.close();
            } catch (InterruptedException | IOException e) {
                // closed by the transfer, or the body was already gone: nothing left to watch
            }
        }

        @Override
        public void close() {
            synchronized (this) {
                closed = true;
            }
            watcher.interrupt();
        }
    }
}
