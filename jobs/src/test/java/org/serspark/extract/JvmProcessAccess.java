package org.serspark.extract;

import java.io.IOException;
import java.nio.file.Path;

/** Lets tests in other packages start a JVM the way the extract tests do. */
public final class JvmProcessAccess {
    private JvmProcessAccess() {
    }

    public static Process start(Path log, String mainClass, String... args) throws IOException {
        return JvmProcess.start(log, mainClass, args);
    }
}
