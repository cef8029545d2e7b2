package org.serspark.download;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DownloadZipUnpackerTest {
    @TempDir
    Path tmp;

    private final Map<String, byte[]> corpus = TestZipServer.corpus();
    private final ZipUnpacker unpacker = new ZipUnpacker(new PrintWriter(new StringWriter(), true));

    private ArchiveFile write(Map<String, byte[]> files, boolean stored) throws IOException {
        byte[] zip = TestZipServer.zip(files, stored);
        Path path = Files.write(tmp.resolve("corpus.zip"), zip);
        return new ArchiveFile(path, "http://example.org/corpus.zip", Checksums.of(path), false);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../evil.wav", "Actor_01/../../evil.wav", "/etc/evil.wav", "C:/evil.wav",
        "C:\\evil.wav", "Actor_01\\..\\..\\evil.wav", "\\\\server\\share\\evil.wav"})
    void namesThatEscapeAreRefusedNamingTheEntry(String name) {
        DownloadException e = assertThrows(DownloadException.class,
                () -> ZipUnpacker.safeName(name, "a.zip", tmp));
        assertEquals(DownloadException.Kind.BAD_ARCHIVE, e.kind());
        assertTrue(e.getMessage().startsWith("a.zip: entry '" + name + "' would be written outside " + tmp),
                e.getMessage());
    }

    @Test
    void harmlessNamesAreNormalised() throws DownloadException {
        assertEquals("Actor_01/a.wav", ZipUnpacker.safeName("Actor_01/a.wav", "a.zip", tmp));
        assertEquals("Actor_01/a.wav", ZipUnpacker.safeName("./Actor_01//a.wav", "a.zip", tmp));
        assertEquals("Actor_01/a..wav", ZipUnpacker.safeName("Actor_01\\a..wav", "a.zip", tmp));
        assertEquals("Actor_01", ZipUnpacker.safeName("Actor_01/", "a.zip", tmp));
    }

    @Test
    void zipSlipArchiveWritesNothingAtAll() throws IOException {
        Map<String, byte[]> evil = new LinkedHashMap<>(corpus);
        evil.put("../evil.wav", TestZipServer.utf8("x")); // last, after entries that would be written first
        Path out = tmp.resolve("out");
        DownloadException e = assertThrows(DownloadException.class,
                () -> unpacker.unpack(write(evil, false), out, List.of()));
        assertTrue(e.getMessage().contains("'../evil.wav'"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("evil.wav")));
        assertFalse(Files.exists(out.resolve(".download").resolve("unpack")), "not even scratch space");
        assertFalse(Files.exists(out.resolve("Actor_01")));
    }

    @Test
    void unpacksEverythingSkipsMacMetadataAndWritesTheMarkerLast() throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>(corpus);
        files.put("__MACOSX/Actor_01/._03-01-01-01-01-01-01.wav", TestZipServer.utf8("finder junk"));
        Path out = tmp.resolve("out");
        DownloadManifest m = unpacker.unpack(write(files, false), out, List.of());
        for (Map.Entry<String, byte[]> f : corpus.entrySet()) {
            assertArrayEquals(f.getValue(), Files.readAllBytes(out.resolve(f.getKey())));
        }
        assertFalse(Files.exists(out.resolve("__MACOSX")));
        assertEquals(corpus.size(), m.files());
        assertEquals(corpus.values().stream().mapToLong(b -> b.length).sum(), m.unpackedBytes());
        assertEquals(m, DownloadManifest.read(out).orElseThrow());
        assertEquals(List.of(), m.missingIn(out));
        assertFalse(Files.exists(out.resolve(".download").resolve("unpack")));
        assertFalse(Files.exists(out.resolve(".download").resolve("unpack-moving.txt")));
    }

    @Test
    void foreignDirectoryInTheWayIsRefusedAndLeftAlone() throws IOException {
        Path out = tmp.resolve("out");
        Path mine = Files.createDirectories(out.resolve("Actor_02")).resolve("my-notes.txt");
        Files.writeString(mine, "keep me");
        DownloadException e = assertThrows(DownloadException.class,
                () -> unpacker.unpack(write(corpus, false), out, List.of()));
        assertEquals(DownloadException.Kind.OUTPUT, e.kind());
        assertTrue(e.getMessage().startsWith(out.resolve("Actor_02") + " is in the way"), e.getMessage());
        assertEquals("keep me", Files.readString(mine));
        assertFalse(Files.exists(out.resolve("Actor_01")), "no half-moved corpus");
        assertFalse(Files.exists(out.resolve(DownloadManifest.FILE_NAME)));
    }

    @Test
    void runInterruptedMidMoveIsCompletedNextTime() throws IOException {
        // a crash after Actor_01 was moved in (journal written, marker not): the next run may replace it
        Path out = tmp.resolve("out");
        Files.createDirectories(out.resolve("Actor_01"));
        Files.writeString(out.resolve("Actor_01").resolve("stale.wav"), "old");
        Path work = Files.createDirectories(out.resolve(".download"));
        Files.write(work.resolve("unpack-moving.txt"), List.of("Actor_01", "Actor_02", "Actor_03"),
                StandardCharsets.UTF_8);
        unpacker.unpack(write(corpus, false), out, List.of());
        assertFalse(Files.exists(out.resolve("Actor_01").resolve("stale.wav")));
        assertTrue(DownloadManifest.read(out).isPresent());
    }

    @Test
    void damagedEntryIsCaughtByItsCrc() throws IOException {
        ArchiveFile archive = write(corpus, true);
        byte[] zip = Files.readAllBytes(archive.path());
        byte[] first = corpus.values().iterator().next();
        int at = indexOf(zip, first) + 10; // STORED: the entry's bytes sit verbatim in the archive
        zip[at] ^= 0x40;
        Files.write(archive.path(), zip);
        Path out = tmp.resolve("out");
        DownloadException e = assertThrows(DownloadException.class, () -> unpacker.unpack(archive, out, List.of()));
        assertEquals(DownloadException.Kind.BAD_ARCHIVE, e.kind());
        assertTrue(e.getMessage().contains("is damaged (CRC mismatch)"), e.getMessage());
        assertFalse(Files.exists(out.resolve("Actor_01")));
    }

    @Test
    void notAZipIsOneClearError() throws IOException {
        Path path = Files.writeString(tmp.resolve("corpus.zip"), "<html>Service Unavailable</html>");
        ArchiveFile archive = new ArchiveFile(path, null, Checksums.of(path), false);
        DownloadException e = assertThrows(DownloadException.class,
                () -> unpacker.unpack(archive, tmp.resolve("out"), List.of()));
        assertTrue(e.getMessage().startsWith("corpus.zip is not a readable zip archive"), e.getMessage());
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("entry bytes not found verbatim");
    }
}
