package org.serspark.download;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@link ArchiveDownloader} against a local server, for behaviour the command-level tests do not reach. */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DownloadArchiveTest {
    private static final String NAME = "corpus.zip";

    @TempDir
    Path dir;

    private final StringWriter log = new StringWriter();

    private ArchiveDownloader downloader(Duration timeout, int retries) {
        PrintWriter w = new PrintWriter(log, true);
        return new ArchiveDownloader(new ArchiveDownloader.Settings(timeout, retries, Duration.ZERO),
                name -> new ProgressMeter(w, ProgressMeter.Style.NONE, name, System::nanoTime, 5), w);
    }

    private static byte[] archive() throws IOException {
        return TestZipServer.zip(TestZipServer.corpus(), false);
    }

    @Test
    void lostConnectionIsResumedAutomaticallyInTheSameRun() throws IOException {
        byte[] zip = archive();
        int cut = zip.length / 2;
        try (TestZipServer server = new TestZipServer(zip).dropFirstRequestAfter(cut)) {
            ArchiveFile got = downloader(Duration.ofSeconds(5), 1)
                    .download(server.uri(NAME), dir, NAME, TestZipServer.md5(zip));
            assertEquals(List.of("", "bytes=" + cut + "-"), server.rangeHeaders());
            assertArrayEquals(zip, Files.readAllBytes(got.path()));
            assertEquals(dir.resolve(NAME), got.path());
            assertEquals(TestZipServer.sha256(zip), got.checksums().sha256());
            assertTrue(got.md5Verified());
            assertTrue(log.toString().contains("connection lost at " + ProgressMeter.human(cut) + " of "
                    + ProgressMeter.human(zip.length)), log.toString());
            assertFalse(Files.exists(dir.resolve(".download").resolve(NAME + ".part")));
        }
    }

    @Test
    void silentConnectionIsGivenUpAfterTheTimeoutKeepingThePart() throws IOException {
        byte[] zip = archive();
        try (TestZipServer server = new TestZipServer(zip).stallAfter(1000, 3000)) {
            DownloadException e = assertThrows(DownloadException.class, () -> downloader(Duration.ofMillis(300), 0)
                    .download(server.uri(NAME), dir, NAME, TestZipServer.md5(zip)));
            assertEquals(DownloadException.Kind.INTERRUPTED, e.kind());
            assertTrue(e.getMessage().contains("(no data for 300 ms)"), e.getMessage());
            assertEquals(1000, Files.size(dir.resolve(".download").resolve(NAME + ".part")));
        }
    }

    @Test
    void partThatIsAlreadyWholeIsFinishedWithoutDownloadingAgain() throws IOException {
        // an earlier run died between the last byte and the rename: the server answers 416 to "bytes=N-"
        byte[] zip = archive();
        Files.write(Files.createDirectories(dir.resolve(".download")).resolve(NAME + ".part"), zip);
        try (TestZipServer server = new TestZipServer(zip)) {
            ArchiveFile got = downloader(Duration.ofSeconds(5), 0)
                    .download(server.uri(NAME), dir, NAME, TestZipServer.md5(zip));
            assertEquals(List.of("bytes=" + zip.length + "-"), server.rangeHeaders());
            assertArrayEquals(zip, Files.readAllBytes(got.path()));
        }
    }

    @Test
    void partLongerThanTheFileIsDiscardedAndDownloadedAfresh() throws IOException {
        byte[] zip = archive();
        Files.write(Files.createDirectories(dir.resolve(".download")).resolve(NAME + ".part"),
                new byte[zip.length + 10]);
        try (TestZipServer server = new TestZipServer(zip)) {
            ArchiveFile got = downloader(Duration.ofSeconds(5), 0)
                    .download(server.uri(NAME), dir, NAME, TestZipServer.md5(zip));
            assertEquals(List.of("bytes=" + (zip.length + 10) + "-", ""), server.rangeHeaders());
            assertArrayEquals(zip, Files.readAllBytes(got.path()));
            assertTrue(log.toString().contains("does not fit the file on the server; starting over"), log.toString());
        }
    }

    @Test
    void changedFileOnTheServerRestartsInsteadOfStitching() throws IOException {
        // the part came from an older version (different validator): If-Range makes the server send it all
        byte[] zip = archive();
        Path work = Files.createDirectories(dir.resolve(".download"));
        byte[] stale = Arrays.copyOf(zip, 2000);
        stale[100] ^= 1;
        Files.write(work.resolve(NAME + ".part"), stale);
        Files.writeString(work.resolve(NAME + ".part.validator"), "\"old-version\"");
        try (TestZipServer server = new TestZipServer(zip)) {
            ArchiveFile got = downloader(Duration.ofSeconds(5), 0).download(server.uri(NAME), dir, NAME, null);
            assertEquals(List.of("\"old-version\""), server.ifRangeHeaders());
            assertArrayEquals(zip, Files.readAllBytes(got.path()));
            assertFalse(got.md5Verified(), "no checksum was known");
            assertEquals(TestZipServer.md5(zip), got.checksums().md5(), "but it is recorded");
        }
    }
}
