package org.serspark.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.serspark.download.ArchiveDownloader;
import org.serspark.download.Checksums;
import org.serspark.download.CorpusDownload;
import org.serspark.download.DownloadManifest;
import org.serspark.download.ProgressMeter;
import org.serspark.download.RavdessArchive;
import org.serspark.download.ZipUnpacker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "download", mixinStandardHelpOptions = true,
        description = {"Download the RAVDESS speech archive (" + RavdessArchive.FILE_NAME + ", 208.5 MB: 1440 WAV "
                + "files of 24 actors) from Zenodo record 1188976, check its MD5 and unpack it into DIR/Actor_NN/.",
            "An interrupted download resumes where it stopped; a corpus already unpacked is not fetched again. "
                + "RAVDESS is licensed CC BY-NC-SA 4.0: cite Livingstone & Russo (2018), PLoS ONE 13(5): e0196391."})
public final class DownloadCommand implements Callable<Integer> {
    private static final int PROGRESS_LINE_INTERVAL_S = 5;

    @Spec
    CommandSpec spec;

    @Option(names = "--output", required = true, paramLabel = "DIR",
            description = "Where the corpus goes (created if missing).")
    Path output;

    @Option(names = "--url", paramLabel = "URL", defaultValue = RavdessArchive.URL,
            description = "Where to download from (default: ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--md5", paramLabel = "HEX",
            description = "Expected MD5 of the archive (default: Zenodo's published " + RavdessArchive.MD5
                    + " when the file is " + RavdessArchive.FILE_NAME + "; other files are only checked with this).")
    String md5;

    @Option(names = "--keep-zip", description = "Keep the archive in DIR after unpacking.")
    boolean keepZip;

    @Option(names = "--retries", paramLabel = "N", defaultValue = "3",
            description = "Automatic resumes after a lost connection (default: ${DEFAULT-VALUE}).")
    int retries;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "Give up on a connection silent this long (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--progress", paramLabel = "auto|bar|lines|none", defaultValue = "auto",
            description = "Progress on stderr: a bar on a terminal, a line every " + PROGRESS_LINE_INTERVAL_S
                    + " s otherwise (default: ${DEFAULT-VALUE}).")
    String progress;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            URI uri = parseUrl(url);
            String fileName = fileNameOf(uri);
            String expectedMd5 = md5 != null ? checkedMd5(md5) : RavdessArchive.knownMd5(fileName);
            ProgressMeter.Style style = progressStyle();
            if (retries < 0 || timeoutSeconds <= 0) {
                throw new UserException("--retries must be >= 0 and --timeout > 0");
            }
            ArchiveDownloader downloader = new ArchiveDownloader(
                    new ArchiveDownloader.Settings(Duration.ofSeconds(timeoutSeconds), retries, Duration.ofSeconds(2)),
                    name -> new ProgressMeter(err, style, name, System::nanoTime, PROGRESS_LINE_INTERVAL_S), err);
            CorpusDownload.Result r = new CorpusDownload(downloader, new ZipUnpacker(err), err)
                    .run(uri, output, fileName, expectedMd5, keepZip);
            out.println(summary(r, output, keepZip));
            out.flush();
            return 0;
        } catch (IOException | UserException e) {
            err.println("serspark download: " + e.getMessage());
            err.flush();
            return 2;
        }
    }

    static String summary(CorpusDownload.Result r, Path dir, boolean keepZip) {
        DownloadManifest m = r.manifest();
        String check = m.md5Verified() ? "MD5 " + m.md5() + " verified" : "MD5 " + m.md5() + ", not checked";
        if (r.alreadyThere()) {
            return String.format(Locale.ROOT, "download: already downloaded: %s holds the %d files of %s (%s, "
                    + "unpacked %s); nothing to do", dir, m.files(), m.archive(), check, m.completedAt());
        }
        return String.format(Locale.ROOT, "download: %d files (%s) from %s unpacked into %s%n"
                        + "  archive: %s, SHA-256 %s%s%n  marker:  %s", m.files(), ProgressMeter.human(m.unpackedBytes()),
                m.archive(), dir, check, m.sha256(), keepZip ? " (kept as " + dir.resolve(m.archive()) + ")" : "",
                dir.resolve(DownloadManifest.FILE_NAME));
    }

    private ProgressMeter.Style progressStyle() {
        switch (progress.toLowerCase(Locale.ROOT)) {
            case "auto":
                // Java cannot ask whether stderr is a terminal; console() (stdin and stdout are) is the best proxy
                return System.console() != null && !"dumb".equals(System.getenv("TERM"))
                        ? ProgressMeter.Style.BAR : ProgressMeter.Style.LINES;
            case "bar":
                return ProgressMeter.Style.BAR;
            case "lines":
                return ProgressMeter.Style.LINES;
            case "none":
                return ProgressMeter.Style.NONE;
            default:
                throw new UserException("--progress must be auto, bar, lines or none, not '" + progress + "'");
        }
    }

    static URI parseUrl(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new UserException("--url: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new UserException("--url: " + text + " is not an http(s) URL");
        }
        return uri;
    }

    /**
     * The archive's file name: the last path segment ending in .zip (Zenodo's API form ends in {@code /content}),
     * else the last segment, made safe to use as a file name.
     */
    static String fileNameOf(URI uri) {
        String path = uri.getPath() == null ? "" : uri.getPath();
        String[] segments = path.split("/");
        String name = "";
        for (int i = segments.length - 1; i >= 0; i--) {
            if (segments[i].toLowerCase(Locale.ROOT).endsWith(".zip")) {
                name = segments[i];
                break;
            }
        }
        if (name.isEmpty() && segments.length > 0) {
            name = segments[segments.length - 1];
        }
        name = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return name.isEmpty() || name.startsWith(".") ? "download" + name : name;
    }

    private static String checkedMd5(String hex) {
        if (!Checksums.isMd5(hex)) {
            throw new UserException("--md5: '" + hex + "' is not an MD5 (32 hex digits)");
        }
        return hex.toLowerCase(Locale.ROOT);
    }
}
