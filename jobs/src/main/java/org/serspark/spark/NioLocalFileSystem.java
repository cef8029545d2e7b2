package org.serspark.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * Hadoop's {@code file://} file system with permissions set through {@code java.nio} instead of a {@code chmod}
 * process. Without Hadoop's native library (never shipped in the Maven jars), {@link RawLocalFileSystem} starts
 * {@code chmod} for every file and folder it creates: 202 processes in an extract of RAVDESS, and the forks of a
 * multi-gigabyte JVM took a large share of that job's CPU (docs/RESULTS.md section 2). Registered as
 * {@code fs.file.impl} by {@link SparkSessions}; everything else is Hadoop's own code.
 */
public final class NioLocalFileSystem extends LocalFileSystem {
    public NioLocalFileSystem() {
        super(new NioRawLocalFileSystem());
    }

    /** The raw (checksum-less) layer under {@link NioLocalFileSystem}. */
    public static final class NioRawLocalFileSystem extends RawLocalFileSystem {
        @Override
        public void setPermission(Path p, FsPermission permission) throws IOException {
            // sticky/setuid bits have no java.nio equivalent: leave those rare cases to Hadoop's chmod
            if (permission.getStickyBit() || permission.toShort() > 0777) {
                super.setPermission(p, permission);
                return;
            }
            Files.setPosixFilePermissions(pathToFile(p).toPath(),
                    PosixFilePermissions.fromString(permission.toString()));
        }
    }
}
