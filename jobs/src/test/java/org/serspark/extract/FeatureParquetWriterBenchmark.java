package org.serspark.extract;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.serspark.corpus.ClipOutcome;
import org.serspark.features.FeatureConfig;
import org.serspark.features.FeatureSequence;
import org.serspark.ravdess.Emotion;
import org.serspark.ravdess.Intensity;
import org.serspark.ravdess.RavdessFileName;
import org.serspark.ravdess.Statement;
import org.serspark.spark.LocalSpark;

/**
 * Throw-away timing of {@link FeatureParquetWriter} against Spark's {@code createDataFrame + write} on one actor's
 * clips (not a test). Run each writer in its own JVM so its first write is a cold one:
 * {@code java -cp ... org.serspark.extract.FeatureParquetWriterBenchmark MODE [clips] [frames] [reps]}, MODE one of
 * {@code mine}, {@code spark}, {@code mine-warmed-env} (Hadoop FileSystem and schema JSON loaded before timing, as in
 * an executor) and {@code ab} (this writer and {@link DirectColumnPrototype} alternated in one JVM).
 */
public final class FeatureParquetWriterBenchmark {
    static final int ACTOR = 3;
    /** The clips of a run; local-mode Spark tasks run in this JVM and read them from here, as executors would hold them. */
    static List<ClipOutcome.Extracted> clips;

    private FeatureParquetWriterBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        String mode = args[0];
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int frames = args.length > 2 ? Integer.parseInt(args[2]) : 160;
        int reps = args.length > 3 ? Integer.parseInt(args[3]) : 6;
        clips = makeClips(n, frames);
        Path dir = Files.createTempDirectory("fpw-bench");
        if (mode.equals("ab")) {
            Path d = Files.createTempDirectory("fpw-ab");
            double[][] t = new double[2][reps];
            for (int r = 0; r < reps; r++) {
                for (int m = 0; m < 2; m++) {
                    org.apache.hadoop.fs.Path f = new org.apache.hadoop.fs.Path(d.resolve("f" + m + "-" + r).toUri());
                    long t0 = System.nanoTime();
                    if (m == 0) {
                        FeatureParquetWriter.write(new Configuration(), f, clips);
                    } else {
                        DirectColumnPrototype.write(new Configuration(), f, clips);
                    }
                    t[m][r] = (System.nanoTime() - t0) / 1e6 / n;
                    Files.delete(d.resolve("f" + m + "-" + r));
                }
            }
            for (int m = 0; m < 2; m++) {
                double[] w = Arrays.copyOfRange(t[m], 2, reps);
                Arrays.sort(w);
                System.out.printf("AB %s: median %.2f min %.2f ms/clip%n", m == 0 ? "writeSupport" : "direct",
                        w[w.length / 2], w[0]);
            }
            return;
        }
        SparkSession spark = mode.equals("spark") ? LocalSpark.get() : null;
        if (mode.equals("mine-warmed-env")) {
            // what a Spark executor has loaded before its first task: Hadoop's FileSystem and Spark's schema JSON
            long t0 = System.nanoTime();
            org.apache.hadoop.fs.FileSystem.getLocal(new Configuration());
            long t1 = System.nanoTime();
            String json = FeatureParquetWriter.FILE_SCHEMA.json();
            long t2 = System.nanoTime();
            System.out.printf("hadoop local fs %.0f ms, class init + schema json %.0f ms (%d chars)%n",
                    (t1 - t0) / 1e6, (t2 - t1) / 1e6, json.length());
        }
        double[] ms = new double[reps];
        for (int r = 0; r < reps; r++) {
            Path out = dir.resolve("run-" + r);
            long t0 = System.nanoTime();
            if (mode.equals("direct")) {
                DirectColumnPrototype.write(new Configuration(), new org.apache.hadoop.fs.Path(
                        out.resolve("actor=" + ACTOR).resolve("part-00000.snappy.parquet").toUri()), clips);
            } else if (spark == null) {
                FeatureParquetWriter.write(new Configuration(), new org.apache.hadoop.fs.Path(
                        out.resolve("actor=" + ACTOR).resolve("part-00000.snappy.parquet").toUri()), clips);
            } else {
                JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
                JavaRDD<Row> rows = jsc.parallelize(List.of(0), 1)
                        .mapPartitions(ignored -> clips.stream().map(ExtractSchema::toRow).iterator());
                spark.createDataFrame(rows, ExtractSchema.FEATURE_SCHEMA).write().option("compression", "snappy")
                        .partitionBy(ExtractSchema.ACTOR).parquet(out.toString());
            }
            ms[r] = (System.nanoTime() - t0) / 1e6;
            System.out.printf("%s rep %d: %.0f ms, %.2f ms/clip, %d bytes%n", mode, r, ms[r], ms[r] / n, size(out));
        }
        double[] warm = Arrays.copyOfRange(ms, 1, reps);
        Arrays.sort(warm);
        System.out.printf("RESULT %s clips=%d frames=%d: cold %.2f ms/clip, warm median %.2f ms/clip (min %.2f)%n",
                mode, n, frames, ms[0] / n, warm[warm.length / 2] / n, warm[0] / n);
        if (spark != null) {
            spark.stop();
        }
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    static long size(Path dir) throws IOException {
        try (var s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(".parquet")).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    /** Clips of plausible feature magnitudes (full-mantissa floats compress as poorly as real features). */
    static List<ClipOutcome.Extracted> makeClips(int n, int frames) {
        FeatureConfig fc = FeatureConfig.librosaDefault();
        Random rnd = new Random(42);
        List<ClipOutcome.Extracted> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Emotion e = Emotion.values()[i % Emotion.COUNT];
            Intensity in = e == Emotion.NEUTRAL ? Intensity.NORMAL : Intensity.values()[(i / 8) % 2];
            RavdessFileName name = RavdessFileName.audioSpeech(e, in, Statement.values()[(i / 16) % 2],
                    1 + (i / 32) % 2, ACTOR);
            float[][] f = new float[frames][fc.nFeatures()];
            for (float[] row : f) {
                for (int k = 0; k < row.length; k++) {
                    row[k] = (float) (rnd.nextGaussian() * 20 - 40);
                }
            }
            out.add(new ClipOutcome.Extracted(name.toRelativePath(), 350_000, name, String.format("%064x", i),
                    48_000, 1, 3.7, new FeatureSequence(f, fc, 0.0, 22_050)));
        }
        return out;
    }
}
