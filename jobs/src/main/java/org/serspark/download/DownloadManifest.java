package org.serspark.download;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The marker {@code DIR/.serspark-download.json}, written last by {@link ZipUnpacker}: its presence means the
 * corpus in DIR is complete, and it records where the corpus came from.
 *
 * @param archive       archive file name
 * @param url           where it was downloaded from ({@code null} if it was put in DIR by hand)
 * @param archiveBytes  archive size
 * @param md5           archive MD5
 * @param md5Verified   whether the MD5 matched a published value (false: none was known)
 * @param sha256        archive SHA-256
 * @param files         files unpacked
 * @param unpackedBytes their total size
 * @param topLevel      the top-level entries unpacked into DIR (e.g. Actor_01..Actor_24)
 * @param completedAt   when unpacking finished (ISO-8601 UTC)
 * @param serspark      the serspark code version that wrote it
 */
public record DownloadManifest(
        @JsonProperty("archive") String archive,
        @JsonProperty("url") String url,
        @JsonProperty("archive_bytes") long archiveBytes,
        @JsonProperty("md5") String md5,
        @JsonProperty("md5_verified") boolean md5Verified,
        @JsonProperty("sha256") String sha256,
        @JsonProperty("files") long files,
        @JsonProperty("unpacked_bytes") long unpackedBytes,
        @JsonProperty("top_level") List<String> topLevel,
        @JsonProperty("completed_at") String completedAt,
        @JsonProperty("serspark") String serspark) {

    public static final String FILE_NAME = ".serspark-download.json";
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The marker in {@code dir}, if there is a readable one. */
    public static Optional<DownloadManifest> read(Path dir) {
        Path file = dir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), DownloadManifest.class));
        } catch (IOException e) {
            // a marker we cannot read proves nothing: treat the corpus as not there
            return Optional.empty();
        }
    }

    /** Writes the marker atomically, so it is never seen half-written. */
    void write(Path dir, Path scratch) throws IOException {
        Path tmp = scratch.resolve(FILE_NAME + ".tmp");
        JSON.writeValue(tmp.toFile(), this);
        ArchiveDownloader.moveAtomically(tmp, dir.resolve(FILE_NAME));
    }

    /** The top-level entries the marker promises that are missing from {@code dir} (empty when intact). */
    public List<String> missingIn(Path dir) {
        return topLevel.stream().filter(name -> !Files.exists(dir.resolve(name))).toList();
    }
}
