package org.serspark.extract;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts a main class in a separate JVM with this test JVM's classpath and Spark's Java 17 flags. */
final class JvmProcess {
    private JvmProcess() {
    }

    static Process start(Path log, String mainClass, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens") || a.startsWith("-Djdk.reflect")
                        || a.startsWith("-XX:+IgnoreUnrecognizedVMOptions"))
                .toList());
        cmd.add("-Xmx1g");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass);
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().put("OMP_NUM_THREADS", "1");
        return pb.start();
    }

    static String log(Path dir) {
        try {
            return Files.readString(dir.resolve("extract.log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
