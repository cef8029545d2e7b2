package org.serspark.download;

import java.io.IOException;
import java.nio.file.Path;

/** File helpers for tests in other packages. */
public final class TestFiles {
    private TestFiles() {
    }

    public static void deleteRecursively(Path p) throws IOException {
        ZipUnpacker.deleteRecursively(p);
    }
}
