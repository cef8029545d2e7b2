package org.serspark.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.serspark.download.DownloadManifest;
import org.serspark.download.RavdessArchive;
import org.serspark.download.TestZipServer;
import picocli.CommandLine;

// a guard against hangs (a blocked socket read ignores interrupts, hence the separate thread)
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DownloadCommandTest {
    private static final String NAME = "corpus.zip";

    @TempDir
    Path tmp;

    private final Map<String, byte[]> corpus = TestZipServer.corpus();

    /** Exit code, stdout and stderr of one command run. */
    record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new DownloadCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private Run download(URI url, Path out, String md5, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("--output", out.toString(), "--url", url.toString(),
                "--progress", "lines", "--retries", "0", "--timeout", "5"));
        if (md5 != null) {
            args.addAll(List.of("--md5", md5));
        }
        args.addAll(List.of(more));
        return run(args.toArray(String[]::new));
    }

    private void assertCorpusUnpacked(Path out) throws IOException {
        for (Map.Entry<String, byte[]> f : corpus.entrySet()) {
            assertArrayEquals(f.getValue(), Files.readAllBytes(out.resolve(f.getKey())), f.getKey());
        }
        assertTrue(Files.isRegularFile(out.resolve(DownloadManifest.FILE_NAME)));
    }

    private static void assertNothingUnpacked(Path out) {
        assertFalse(Files.exists(out.resolve("Actor_01")), "nothing may be unpacked");
        assertFalse(Files.exists(out.resolve(DownloadManifest.FILE_NAME)), "no completion marker");
    }

    @Test
    void downloadsVerifiesUnpacksAndSecondRunSaysAlreadyDownloaded() throws IOException {
        byte[] zip = TestZipServer.zip(corpus, false);
        Path out = tmp.resolve("ravdess");
        try (TestZipServer server = new TestZipServer(zip)) {
            Run r = download(server.uri(NAME), out, TestZipServer.md5(zip));
            assertEquals(0, r.exit(), r.err());
            assertCorpusUnpacked(out);
            DownloadManifest m = DownloadManifest.read(out).orElseThrow();
            assertEquals(TestZipServer.md5(zip), m.md5());
            assertEquals(TestZipServer.sha256(zip), m.sha256());
            assertTrue(m.md5Verified());
            assertEquals(corpus.size(), m.files());
            assertEquals(List.of("Actor_01", "Actor_02", "Actor_03"), m.topLevel());
            assertFalse(Files.exists(out.resolve(NAME)), "the archive is removed without --keep-zip");
            assertFalse(Files.exists(out.resolve(".download")), "no scratch space left behind");
            assertTrue(r.err().contains(NAME + ": starting, "), r.err());
            assertTrue(r.out().contains("9 files") && r.out().contains("verified"), r.out());

            Run again = download(server.uri(NAME), out, TestZipServer.md5(zip));
            assertEquals(0, again.exit(), again.err());
            assertTrue(again.out().contains("already downloaded"), again.out());
            assertEquals(1, server.requests(), "a finished corpus is not fetched again");
        }
    }

    @Test
    void interruptedDownloadResumesWithRangeRequestOnNextRun() throws IOException {
        byte[] zip = TestZipServer.zip(corpus, false);
        int cut = zip.length / 3;
        Path out = tmp.resolve("ravdess");
        try (TestZipServer server = new TestZipServer(zip).dropFirstRequestAfter(cut)) {
            Run first = download(server.uri(NAME), out, TestZipServer.md5(zip));
            assertEquals(2, first.exit(), first.err());
            assertTrue(first.err().contains("download of " + NAME + " interrupted at "
                    + org.serspark.download.ProgressMeter.human(cut) + " of "
                    + org.serspark.download.ProgressMeter.human(zip.length)), first.err());
            assertTrue(first.err().contains("run the same command again to resume"), first.err());
            Path part = out.resolve(".download").resolve(NAME + ".part");
            assertEquals(cut, Files.size(part), "the bytes received are kept");
            assertNothingUnpacked(out);

            Run second = download(server.uri(NAME), out, TestZipServer.md5(zip));
            assertEquals(0, second.exit(), second.err());
            assertEquals(List.of("", "bytes=" + cut + "-"), server.rangeHeaders());
            assertEquals(TestZipServer.ETAG, server.ifRangeHeaders().get(1), "resume is guarded by If-Range");
            assertTrue(second.err().contains("resuming at"), second.err());
            assertCorpusUnpacked(out);
            assertEquals(TestZipServer.sha256(zip), DownloadManifest.read(out).orElseThrow().sha256(),
                    "the stitched archive is byte-identical");
        }
    }

    @Test
    void serverWithoutRangeSupportRestartsFromZero() throws IOException {
        byte[] zip = TestZipServer.zip(corpus, false);
        Path out = tmp.resolve("ravdess");
        Path part = Files.createDirectories(out.resolve(".download")).resolve(NAME + ".part");
        Files.write(part, new byte[5000]); // junk: appending to it would fail the MD5
        try (TestZipServer server = new TestZipServer(zip).withoutRangeSupport()) {
            Run r = download(server.uri(NAME), out, TestZipServer.md5(zip), "--keep-zip");
            assertEquals(0, r.exit(), r.err());
            assertEquals(List.of("bytes=5000-"), server.rangeHeaders(), "it did ask to resume");
            assertTrue(r.err().contains("starting over"), r.err());
            assertArrayEquals(zip, Files.readAllBytes(out.resolve(NAME)), "kept archive is the served one");
            assertCorpusUnpacked(out);
        }
    }

    @Test
    void checksumMismatchIsRefusedAndNothingUnpacked() throws IOException {
        byte[] zip = TestZipServer.zip(corpus, false);
        Path out = tmp.resolve("ravdess");
        String wrong = TestZipServer.md5(TestZipServer.utf8("something else"));
        try (TestZipServer server = new TestZipServer(zip)) {
            Run r = download(server.uri(NAME), out, wrong.toUpperCase());
            assertEquals(2, r.exit());
            assertTrue(r.err().contains("has MD5 " + TestZipServer.md5(zip) + ", expected " + wrong), r.err());
            assertNothingUnpacked(out);
            assertFalse(Files.exists(out.resolve(NAME)));
            assertFalse(Files.exists(out.resolve(".download").resolve(NAME + ".part")), "a bad part is dropped");
        }
    }

    @Test
    void publishedMd5IsTheDefaultForTheRavdessArchive() throws IOException {
        // our small zip served under the real name must be held to Zenodo's checksum, and fail it
        byte[] zip = TestZipServer.zip(corpus, false);
        Path out = tmp.resolve("ravdess");
        try (TestZipServer server = new TestZipServer(zip)) {
            Run r = download(server.uri(RavdessArchive.FILE_NAME), out, null);
            assertEquals(2, r.exit());
            assertTrue(r.err().contains("expected " + RavdessArchive.MD5), r.err());
            assertNothingUnpacked(out);
        }
    }

    @Test
    void zipSlipEntryIsRefusedNamingTheEntry() throws IOException {
        Map<String, byte[]> evil = new java.util.LinkedHashMap<>(corpus);
        evil.put("Actor_01/../../evil.wav", TestZipServer.utf8("pwned"));
        byte[] zip = TestZipServer.zip(evil, false);
        Path out = tmp.resolve("ravdess");
        try (TestZipServer server = new TestZipServer(zip)) {
            Run r = download(server.uri(NAME), out, TestZipServer.md5(zip));
            assertEquals(2, r.exit());
            assertTrue(r.err().contains("entry 'Actor_01/../../evil.wav' would be written outside"), r.err());
            assertFalse(Files.exists(tmp.resolve("evil.wav")));
            assertNothingUnpacked(out);
        }
    }

    @Test
    void connectionRefusedSaysOfflineKeepsThePartAndExits2() throws IOException {
        Path out = tmp.resolve("ravdess");
        Path part = Files.createDirectories(out.resolve(".download")).resolve(NAME + ".part");
        Files.write(part, new byte[1234]);
        URI url = URI.create("http://127.0.0.1:" + TestZipServer.closedPort() + "/files/" + NAME);
        Run r = download(url, out, null);
        assertEquals(2, r.exit());
        String error = r.err().lines().filter(l -> l.startsWith("serspark download:")).findFirst().orElseThrow();
        assertTrue(error.startsWith("serspark download: cannot reach 127.0.0.1 (connection refused): is this "
                + "machine offline? Fetch " + NAME + " by hand"), r.err());
        assertTrue(error.contains("or pass --url") && error.contains("(the partial download, 1.2 kB, is kept for a "
                + "resume)"), error);
        assertEquals(1, r.err().lines().filter(l -> l.startsWith("serspark download:")).count(), r.err());
        assertEquals(1234, Files.size(part), "the partial download survives");
    }

    @Test
    void httpErrorIsOneClearLine() throws IOException {
        try (TestZipServer server = new TestZipServer(new byte[0]).failWith(404)) {
            Run r = download(server.uri(NAME), tmp.resolve("ravdess"), null);
            assertEquals(2, r.exit());
            assertTrue(r.err().contains("HTTP 404 from " + server.uri(NAME) + ": the file is not there"), r.err());
        }
    }

    @Test
    void keptArchiveIsReusedWhenTheCorpusWasDamaged() throws IOException {
        byte[] zip = TestZipServer.zip(corpus, false);
        Path out = tmp.resolve("ravdess");
        try (TestZipServer server = new TestZipServer(zip)) {
            assertEquals(0, download(server.uri(NAME), out, TestZipServer.md5(zip), "--keep-zip").exit());
            org.serspark.download.TestFiles.deleteRecursively(out.resolve("Actor_02"));
            Run r = download(server.uri(NAME), out, TestZipServer.md5(zip), "--keep-zip");
            assertEquals(0, r.exit(), r.err());
            assertTrue(r.err().contains("Actor_02 is gone") && r.err().contains("already there"), r.err());
            assertEquals(1, server.requests(), "the kept archive is reused, not downloaded again");
            assertCorpusUnpacked(out);
        }
    }

    @Test
    void badFlagsAreUserErrors() {
        Run r = run("--output", tmp.toString(), "--md5", "xyz");
        assertEquals(2, r.exit());
        assertEquals("serspark download: --md5: 'xyz' is not an MD5 (32 hex digits)", r.err().strip());
        Run u = run("--output", tmp.toString(), "--url", "ftp://example.org/a.zip");
        assertEquals(2, u.exit());
        assertTrue(u.err().contains("is not an http(s) URL"), u.err());
    }

    @Test
    void archiveNameComesFromTheUrl() {
        assertEquals(RavdessArchive.FILE_NAME, DownloadCommand.fileNameOf(URI.create(RavdessArchive.URL)));
        assertEquals(RavdessArchive.FILE_NAME, DownloadCommand.fileNameOf(
                URI.create("https://zenodo.org/api/records/1188976/files/Audio_Speech_Actors_01-24.zip/content")));
        assertEquals("a_b.tar", DownloadCommand.fileNameOf(URI.create("http://h/x/a%20b.tar")));
        assertEquals("download", DownloadCommand.fileNameOf(URI.create("http://h/")));
        assertEquals("download..", DownloadCommand.fileNameOf(URI.create("http://h/..")));
    }

    @Test
    void helpListsTheOptions() {
        Run r = run("--help");
        assertEquals(0, r.exit());
        for (String option : List.of("--output=DIR", "--url=URL", "--md5=HEX", "--keep-zip", "--retries",
                "--timeout", "--progress", "zenodo.", "records/1188976/files/Audio_Speech_Actors_01-24.")) {
            assertTrue(r.out().contains(option), option + " in\n" + r.out());
        }
    }
}
