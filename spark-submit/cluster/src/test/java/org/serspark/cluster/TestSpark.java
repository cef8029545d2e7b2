package org.serspark.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** One local[1] session in the test JVM for reading outputs back and for the HDFS test's in-process extract. */
final class TestSpark {
    private static SparkSession session;
    private static Path localDir;

    private TestSpark() {
    }

    static synchronized SparkSession get() {
        if (session == null) {
            try {
                localDir = Files.createTempDirectory("serspark-it-spark");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            session = SparkSession.builder().master("local[1]").appName("serspark-it")
                    .config("spark.ui.enabled", "false")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.local.dir", localDir.toString())
                    .config("spark.sql.shuffle.partitions", "2")
                    .getOrCreate();
            session.sparkContext().setLogLevel("WARN");
            Runtime.getRuntime().addShutdownHook(new Thread(TestSpark::stop));
        }
        return session;
    }

    static synchronized void stop() {
        if (session != null) {
            session.stop();
            session = null;
        }
        if (localDir != null) {
            deleteTree(localDir);
            localDir = null;
        }
    }

    /** Every feature row of an extract output, ordered by clip path. */
    static List<Row> featureRows(String extractOutput) {
        return get().read().parquet(extractOutput + "/features").orderBy("path").collectAsList();
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (var s = Files.walk(root)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
