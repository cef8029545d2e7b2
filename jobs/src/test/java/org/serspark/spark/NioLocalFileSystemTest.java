package org.serspark.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NioLocalFileSystemTest {
    @TempDir
    java.nio.file.Path tmp;

    private static FileSystem fileSystem() throws Exception {
        Configuration conf = new Configuration(false);
        conf.set("fs.file.impl", NioLocalFileSystem.class.getName());
        // a private instance: the JVM-wide cache may already hold Hadoop's own file:// system
        conf.setBoolean("fs.file.impl.disable.cache", true);
        FileSystem fs = FileSystem.get(java.net.URI.create("file:///"), conf);
        assertEquals(NioLocalFileSystem.class, fs.getClass());
        return fs;
    }

    private String mode(java.nio.file.Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void createMkdirsAndSetPermissionApplyTheRequestedModes() throws Exception {
        try (FileSystem fs = fileSystem()) {
            Path dir = new Path(tmp.toUri().toString(), "a/b");
            fs.mkdirs(dir, new FsPermission((short) 0750));
            assertEquals("rwxr-x---", mode(tmp.resolve("a/b")));

            Path file = new Path(dir, "part.parquet");
            try (OutputStream out = fs.create(file, new FsPermission((short) 0640), false, 4096, (short) 1,
                    1 << 20, null)) {
                out.write("features".getBytes(StandardCharsets.UTF_8));
            }
            assertEquals("rw-r-----", mode(tmp.resolve("a/b/part.parquet")));

            fs.setPermission(file, new FsPermission((short) 0604));
            assertEquals("rw----r--", mode(tmp.resolve("a/b/part.parquet")));

            // still Hadoop's checksummed local file system: the data reads back through its .crc
            try (FSDataInputStream in = fs.open(file)) {
                assertEquals("features", new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            assertEquals(true, Files.exists(tmp.resolve("a/b/.part.parquet.crc")));
        }
    }
}
