package org.serspark.download;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * MD5 (what Zenodo publishes) and SHA-256 (what we record, since MD5 is no longer collision resistant) of a file,
 * computed in one pass.
 */
public record Checksums(long bytes, String md5, String sha256) {
    private static final int BUFFER_BYTES = 1 << 20;

    public static Checksums of(Path file) throws IOException {
        MessageDigest md5 = digest("MD5");
        MessageDigest sha256 = digest("SHA-256");
        long bytes = 0;
        byte[] buf = new byte[BUFFER_BYTES];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                md5.update(buf, 0, n);
                sha256.update(buf, 0, n);
                bytes += n;
            }
        }
        HexFormat hex = HexFormat.of();
        return new Checksums(bytes, hex.formatHex(md5.digest()), hex.formatHex(sha256.digest()));
    }

    /** True when {@code hex} is a well-formed MD5 (32 hex digits, either case). */
    public static boolean isMd5(String hex) {
        return hex != null && hex.matches("[0-9a-fA-F]{32}");
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is required of every Java platform", e);
        }
    }
}
