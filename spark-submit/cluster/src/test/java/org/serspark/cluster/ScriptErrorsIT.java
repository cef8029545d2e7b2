package org.serspark.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Misuse of the scripts ends in one clear line and a non-zero exit, before any JVM starts. */
class ScriptErrorsIT {

    static Result run(Path tmp, String script, String... args) throws Exception {
        Path log = tmp.resolve(script + ".log");
        Files.deleteIfExists(log);
        Process p = Project.start(log, Map.of("SERSPARK_CLUSTER_JAR", Project.clusterJar().toString(),
                "SPARK_HOME", Project.sparkHome().toString()), script, List.of(args));
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), script + " hung");
        return new Result(p.exitValue(), Files.readString(log).strip());
    }

    record Result(int exit, String output) {
    }

    @Test
    void submitWithoutACommand(@TempDir Path tmp) throws Exception {
        Result r = run(tmp, "submit.sh", "--master", "local[1]");
        assertEquals(2, r.exit());
        assertEquals("submit: no serspark command given (extract, train, cv, predict, pipeline, synth, ...); see --help",
                r.output());
    }

    @Test
    void submitWithAMissingPropertiesFile(@TempDir Path tmp) throws Exception {
        Result r = run(tmp, "submit.sh", "--properties-file", tmp.resolve("nope.conf").toString(), "extract");
        assertEquals(2, r.exit());
        assertEquals("submit: " + tmp.resolve("nope.conf") + ": Spark properties file not found", r.output());
    }

    @Test
    void clusterWithBadArguments(@TempDir Path tmp) throws Exception {
        Result zero = run(tmp, "standalone-cluster.sh", "start", "--workers", "0", "--dir", tmp.toString());
        assertEquals(1, zero.exit());
        assertEquals("standalone-cluster: --workers must be a positive integer, got '0'", zero.output());
        Result unknown = run(tmp, "standalone-cluster.sh", "restart", "--dir", tmp.toString());
        assertEquals(1, unknown.exit());
        assertTrue(unknown.output().startsWith("standalone-cluster: usage: "), unknown.output());
        Result status = run(tmp, "standalone-cluster.sh", "status", "--dir", tmp.toString());
        assertEquals(1, status.exit(), "nothing running");
        assertEquals("master not running", status.output());
    }
}
