package org.serspark.download;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.serspark.BuildInfo;

/**
 * Unpacks a zip archive into a directory so that the result is either complete or visibly incomplete.
 *
 * <p>Every entry name is checked before a single byte is written: an entry that would land outside the directory
 * (zip slip: {@code ../} segments, absolute paths, drive letters) rejects the whole archive. Entries are unpacked
 * into scratch space under {@code DIR/.download/} (same file system, so the final moves are renames), each file's
 * CRC is checked, then the top-level entries are moved into DIR and {@link DownloadManifest} is written last: a
 * directory without that marker never counts as a finished corpus. A journal of the names being moved lets a run
 * interrupted mid-move replace its own half-moved entries next time, while anything else already in DIR under the
 * same name is refused rather than overwritten.
 */
public final class ZipUnpacker {
    static final String SCRATCH = "unpack";
    static final String JOURNAL = "unpack-moving.txt";
    /** Finder metadata ("._name" shadow files) that macOS zips carry; unpacked they would pose as corrupt WAVs. */
    private static final String MAC_METADATA = "__MACOSX";
    private static final int BUFFER_BYTES = 1 << 16;

    private final PrintWriter log;

    public ZipUnpacker(PrintWriter log) {
        this.log = log;
    }

    /**
     * Unpacks {@code archive} into {@code dir} and writes the marker.
     *
     * @param replaceable top-level names in {@code dir} that an earlier download put there and that may be replaced
     *                    (from a stale marker); anything else in the way is refused
     */
    public DownloadManifest unpack(ArchiveFile archive, Path dir, Collection<String> replaceable) throws IOException {
        Path work = Files.createDirectories(dir.resolve(ArchiveDownloader.WORK_DIR));
        Path scratch = work.resolve(SCRATCH);
        Path journal = work.resolve(JOURNAL);
        Set<String> ours = new HashSet<>(replaceable);
        if (Files.isRegularFile(journal)) {
            ours.addAll(Files.readAllLines(journal, StandardCharsets.UTF_8));
        }
        deleteRecursively(scratch);
        String archiveName = archive.path().getFileName().toString();

        long files = 0;
        long bytes = 0;
        try (ZipFile zip = open(archive.path(), archiveName)) {
            List<ZipEntry> entries = new ArrayList<>();
            List<String> names = new ArrayList<>();
            long expectedBytes = 0;
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                String name = safeName(entry.getName(), archiveName, dir);
                if (name.isEmpty() || name.equals(MAC_METADATA) || name.startsWith(MAC_METADATA + "/")) {
                    continue;
                }
                entries.add(entry);
                names.add(name);
                expectedBytes += Math.max(0, entry.getSize());
            }
            checkSpace(work, expectedBytes, dir);
            Files.createDirectories(scratch);
            log.printf(Locale.ROOT, "download: unpacking %s (%d entries, %s)%n", archiveName, entries.size(),
                    ProgressMeter.human(expectedBytes));
            log.flush();
            for (int i = 0; i < entries.size(); i++) {
                ZipEntry entry = entries.get(i);
                Path target = scratch.resolve(names.get(i)).normalize();
                if (!target.startsWith(scratch)) { // safeName already rules this out; never trust one check
                    throw outside(entry.getName(), archiveName, dir, "resolves outside");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    bytes += extract(zip, entry, target, archiveName);
                    files++;
                }
            }
        }

        List<String> topLevel;
        try (Stream<Path> s = Files.list(scratch)) {
            topLevel = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        for (String name : topLevel) {
            if (Files.exists(dir.resolve(name)) && !ours.contains(name)) {
                throw new DownloadException(DownloadException.Kind.OUTPUT, String.format(Locale.ROOT,
                        "%s is in the way (it was not unpacked by serspark download): move it away or choose "
                                + "another --output", dir.resolve(name)));
            }
        }
        Files.write(journal, topLevel, StandardCharsets.UTF_8);
        for (String name : topLevel) {
            Path target = dir.resolve(name);
            deleteRecursively(target);
            ArchiveDownloader.moveAtomically(scratch.resolve(name), target);
        }
        DownloadManifest manifest = new DownloadManifest(archiveName, archive.url(), archive.checksums().bytes(),
                archive.checksums().md5(), archive.md5Verified(), archive.checksums().sha256(), files, bytes,
                topLevel, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                BuildInfo.current().codeVersion());
        manifest.write(dir, work);
        Files.delete(journal);
        deleteRecursively(scratch);
        return manifest;
    }

    /**
     * The entry name as a relative path with '/' separators ("" for entries that name the root itself).
     *
     * @throws DownloadException when the name would escape the output directory
     */
    static String safeName(String name, String archiveName, Path dir) throws DownloadException {
        // zips written on Windows may use '\' although the format says '/'; on Linux '\' would otherwise be taken
        // literally and hide a "..\" from the check below
        String unified = name.replace('\\', '/');
        if (unified.startsWith("/") || unified.matches("^[A-Za-z]:.*")) {
            throw outside(name, archiveName, dir, "absolute path");
        }
        if (name.indexOf('\0') >= 0) {
            throw outside(name, archiveName, dir, "NUL in its name");
        }
        List<String> segments = new ArrayList<>(Arrays.asList(unified.split("/")));
        if (segments.contains("..")) {
            throw outside(name, archiveName, dir, "'..' in its path");
        }
        segments.removeIf(s -> s.isEmpty() || s.equals("."));
        return String.join("/", segments);
    }

    private static DownloadException outside(String entry, String archiveName, Path dir, String why) {
        return new DownloadException(DownloadException.Kind.BAD_ARCHIVE, String.format(Locale.ROOT,
                "%s: entry '%s' would be written outside %s (%s): refusing to unpack this archive", archiveName,
                entry, dir, why));
    }

    private static ZipFile open(Path archive, String archiveName) throws DownloadException {
        try {
            return new ZipFile(archive.toFile());
        } catch (IOException e) {
            throw new DownloadException(DownloadException.Kind.BAD_ARCHIVE,
                    archiveName + " is not a readable zip archive (" + e.getMessage() + ")", e);
        }
    }

    private static long extract(ZipFile zip, ZipEntry entry, Path target, String archiveName) throws IOException {
        // ZipFile does not check CRCs; with no published checksum this is the only guard against a damaged archive
        CRC32 crc = new CRC32();
        long written = 0;
        byte[] buf = new byte[BUFFER_BYTES];
        try (InputStream in = zip.getInputStream(entry); OutputStream out = Files.newOutputStream(target)) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
                crc.update(buf, 0, n);
                written += n;
            }
        } catch (ZipException e) {
            throw damaged(archiveName, entry, e.getMessage());
        }
        if (entry.getCrc() != -1 && crc.getValue() != entry.getCrc()) {
            throw damaged(archiveName, entry, "CRC mismatch");
        }
        if (entry.getLastModifiedTime() != null) {
            Files.setLastModifiedTime(target, entry.getLastModifiedTime());
        }
        return written;
    }

    private static DownloadException damaged(String archiveName, ZipEntry entry, String why) {
        return new DownloadException(DownloadException.Kind.BAD_ARCHIVE, String.format(Locale.ROOT,
                "%s: entry '%s' is damaged (%s): delete the archive and download it again", archiveName,
                entry.getName(), why));
    }

    private static void checkSpace(Path work, long needed, Path dir) throws IOException {
        long usable = Files.getFileStore(work).getUsableSpace();
        if (needed > usable) {
            throw new DownloadException(DownloadException.Kind.OUTPUT, String.format(Locale.ROOT,
                    "unpacking needs %s but only %s are free in %s", ProgressMeter.human(needed),
                    ProgressMeter.human(usable), dir));
        }
    }

    static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
