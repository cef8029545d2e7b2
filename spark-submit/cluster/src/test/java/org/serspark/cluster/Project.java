package org.serspark.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The checkout the tests run in, and its scripts run as child processes with their output in a log file. */
final class Project {
    /** failsafe runs in the module folder; the scripts live one level up. */
    static final Path ROOT = Path.of(System.getProperty("basedir", "spark-submit/cluster")).toAbsolutePath().getParent()
            .getParent();

    private Project() {
    }

    static Path script(String name) {
        return ROOT.resolve("spark-submit").resolve(name);
    }

    static Path clusterJar() {
        return existing(ROOT.resolve("spark-submit/cluster/target/serspark-cluster.jar"));
    }

    static Path sparkHome() {
        return existing(ROOT.resolve("spark-submit/spark-home/target/spark-3.5.8"));
    }

    private static Path existing(Path p) {
        if (!Files.exists(p)) {
            throw new IllegalStateException(p + " missing: the integration tests run after mvn package");
        }
        return p;
    }

    static Path testConf() {
        return ROOT.resolve("spark-submit/cluster/src/test/resources/cluster-it.yaml");
    }

    /** Starts a script; its stdout and stderr go to {@code log}. */
    static Process start(Path log, Map<String, String> env, String script, List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(script(script).toString());
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(ROOT.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(env);
        return pb.start();
    }

    /** Runs a script to completion; fails with its log when it does not exit 0 within the timeout. */
    static String run(Path log, Map<String, String> env, int timeoutSeconds, String script, String... args)
            throws IOException, InterruptedException {
        long before = Files.exists(log) ? Files.size(log) : 0;
        Process p = start(log, env, script, List.of(args));
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                throw new AssertionError(script + " " + String.join(" ", args) + " did not finish within "
                        + timeoutSeconds + " s:\n" + tail(log));
            }
            String out = Files.readString(log).substring((int) before);
            if (p.exitValue() != 0) {
                throw new AssertionError(script + " " + String.join(" ", args) + " exited " + p.exitValue() + ":\n"
                        + out);
            }
            return out;
        } finally {
            kill(p.toHandle());
        }
    }

    /** A process and everything it started, forcibly: a test that failed must not leave JVMs behind. */
    static void kill(ProcessHandle h) {
        h.descendants().forEach(ProcessHandle::destroyForcibly);
        h.destroyForcibly();
    }

    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log " + log + ": " + e + ")";
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
