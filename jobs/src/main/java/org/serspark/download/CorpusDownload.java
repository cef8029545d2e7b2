package org.serspark.download;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Gets a corpus archive into a directory once: skips everything when the directory's marker says it is complete,
 * reuses a checked archive already in the directory (kept by {@code --keep-zip}, left by a failed unpack, or put
 * there by hand), else downloads it; then unpacks it and removes the archive unless asked to keep it.
 */
public final class CorpusDownload {
    /**
     * @param manifest    the directory's marker
     * @param alreadyThere true when nothing had to be done
     */
    public record Result(DownloadManifest manifest, boolean alreadyThere) {
    }

    private final ArchiveDownloader downloader;
    private final ZipUnpacker unpacker;
    private final PrintWriter log;

    public CorpusDownload(ArchiveDownloader downloader, ZipUnpacker unpacker, PrintWriter log) {
        this.downloader = downloader;
        this.unpacker = unpacker;
        this.log = log;
    }

    /**
     * @param expectedMd5 the archive's published MD5, or {@code null} if none is known
     * @param keepZip     keep {@code dir/fileName} after unpacking
     */
    public Result run(URI url, Path dir, String fileName, String expectedMd5, boolean keepZip) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new DownloadException(DownloadException.Kind.OUTPUT, dir + " exists and is not a directory");
        }
        Files.createDirectories(dir);
        List<String> replaceable = List.of();
        Optional<DownloadManifest> previous = DownloadManifest.read(dir);
        if (previous.isPresent()) {
            DownloadManifest m = previous.get();
            List<String> missing = m.missingIn(dir);
            if (m.archive().equals(fileName) && missing.isEmpty()) {
                return new Result(m, true);
            }
            log.printf(Locale.ROOT, "download: %s records %s%s; downloading again%n",
                    dir.resolve(DownloadManifest.FILE_NAME), m.archive(),
                    missing.isEmpty() ? "" : " but " + String.join(", ", missing) + (missing.size() == 1 ? " is" : " are")
                            + " gone");
            replaceable = m.topLevel();
            // the marker no longer tells the truth; without it a crash below leaves a visibly incomplete corpus
            Files.delete(dir.resolve(DownloadManifest.FILE_NAME));
        }

        Path archivePath = dir.resolve(fileName);
        ArchiveFile archive;
        if (Files.isRegularFile(archivePath)) {
            archive = existing(archivePath, expectedMd5);
        } else {
            if (expectedMd5 == null) {
                log.printf(Locale.ROOT, "download: no published checksum for %s: its MD5 and SHA-256 are recorded "
                        + "but not checked (pass --md5 to check)%n", fileName);
            }
            archive = downloader.download(url, dir, fileName, expectedMd5);
        }
        DownloadManifest manifest;
        try {
            manifest = unpacker.unpack(archive, dir, replaceable);
        } catch (DownloadException e) {
            if (e.kind() != DownloadException.Kind.OUTPUT) {
                throw e;
            }
            throw new DownloadException(e.kind(), e.getMessage() + " (the archive stays in " + archive.path()
                    + ", so the next run need not download it again)", e);
        }
        if (!keepZip) {
            Files.delete(archive.path());
        }
        deleteIfEmpty(dir.resolve(ArchiveDownloader.WORK_DIR));
        return new Result(manifest, false);
    }

    private ArchiveFile existing(Path archivePath, String expectedMd5) throws IOException {
        Checksums sums = Checksums.of(archivePath);
        if (expectedMd5 != null && !expectedMd5.equalsIgnoreCase(sums.md5())) {
            throw new DownloadException(DownloadException.Kind.CHECKSUM, String.format(Locale.ROOT,
                    "%s is already there but its MD5 is %s, expected %s: delete it and run again to download it",
                    archivePath, sums.md5(), expectedMd5.toLowerCase(Locale.ROOT)));
        }
        log.printf(Locale.ROOT, "download: using %s already there (%s)%n", archivePath,
                expectedMd5 != null ? "MD5 matches" : "no published checksum to check it against");
        return new ArchiveFile(archivePath, null, sums, expectedMd5 != null);
    }

    private static void deleteIfEmpty(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        boolean empty;
        try (Stream<Path> s = Files.list(dir)) {
            empty = s.findAny().isEmpty();
        }
        if (empty) {
            Files.delete(dir);
        }
    }
}
