package org.serspark.download;

import java.nio.file.Path;

/**
 * A complete, checked archive on disk.
 *
 * @param path        where it is
 * @param url         where it came from (or {@code null} when it was already there)
 * @param checksums   its size, MD5 and SHA-256
 * @param md5Verified whether the MD5 was held against a known value (false when none was known)
 */
public record ArchiveFile(Path path, String url, Checksums checksums, boolean md5Verified) {
}
