package org.serspark.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A real Spark standalone master and workers on 127.0.0.1, started and stopped through
 * spark-submit/standalone-cluster.sh on free ports, with its state (PIDs, logs, work and temp folders) in one folder.
 */
final class StandaloneCluster implements AutoCloseable {
    static final int START_TIMEOUT_S = 240;

    final Path dir;
    final int workers;
    final String masterUrl;
    private final int port;
    private final int webUiPort;

    private StandaloneCluster(Path dir, int workers, int port, int webUiPort) {
        this.dir = dir;
        this.workers = workers;
        this.port = port;
        this.webUiPort = webUiPort;
        this.masterUrl = "spark://127.0.0.1:" + port;
    }

    /** Master + {@code workers} workers of 1 core and 2 GB each. */
    static StandaloneCluster start(Path dir, int workers) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        StandaloneCluster c = new StandaloneCluster(dir, workers, Project.freePort(), Project.freePort());
        try {
            c.startMissing();
        } catch (AssertionError | IOException | InterruptedException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /** Starts whatever is not running (a killed worker comes back). */
    void startMissing() throws IOException, InterruptedException {
        Project.run(dir.resolve("script.log"), Map.of("SPARK_HOME", Project.sparkHome().toString()),
                START_TIMEOUT_S, "standalone-cluster.sh", "start",
                "--workers", String.valueOf(workers), "--cores", "1", "--memory", "2g", "--port",
                String.valueOf(port), "--webui-port", String.valueOf(webUiPort), "--dir", dir.toString());
    }

    long workerPid(int i) throws IOException {
        return Long.parseLong(Files.readString(dir.resolve("worker-" + i + ".pid")).trim());
    }

    Optional<ProcessHandle> worker(int i) throws IOException {
        return ProcessHandle.of(workerPid(i)).filter(ProcessHandle::isAlive);
    }

    /** Kills worker {@code i} and its executor the hard way (SIGKILL), as a machine that vanished. */
    void killWorker(int i) throws IOException {
        ProcessHandle w = worker(i).orElseThrow(() -> new AssertionError("worker " + i + " is not running"));
        java.util.List<ProcessHandle> executors = w.descendants().toList();
        w.destroyForcibly();
        executors.forEach(ProcessHandle::destroyForcibly);
        w.onExit().join();
        executors.forEach(e -> e.onExit().join());
    }

    /** The master, the workers and the workers' executors now running. */
    List<ProcessHandle> processes() throws IOException {
        List<ProcessHandle> all = new ArrayList<>();
        for (long pid : pids()) {
            ProcessHandle.of(pid).ifPresent(h -> {
                all.add(h);
                h.descendants().forEach(all::add);
            });
        }
        return all;
    }

    String log(String name) {
        return Project.tail(dir.resolve("logs").resolve(name + ".log"));
    }

    /** Stops through the script, then makes sure by PID that nothing it started is left. */
    @Override
    public void close() throws IOException, InterruptedException {
        long[] pids = pids();
        try {
            Project.run(dir.resolve("script.log"), Map.of(), 120, "standalone-cluster.sh", "stop", "--dir",
                    dir.toString());
        } finally {
            for (long pid : pids) {
                ProcessHandle.of(pid).ifPresent(Project::kill);
            }
        }
    }

    private long[] pids() throws IOException {
        try (var s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".pid")).mapToLong(p -> {
                try {
                    return Long.parseLong(Files.readString(p).trim());
                } catch (IOException | NumberFormatException e) {
                    return -1;
                }
            }).filter(p -> p > 0).toArray();
        }
    }
}
