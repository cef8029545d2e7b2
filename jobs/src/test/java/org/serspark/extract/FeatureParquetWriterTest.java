package org.serspark.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.FileMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.serspark.audio.WavWriter;
import org.serspark.corpus.ClipExtractor;
import org.serspark.corpus.ClipOutcome;
import org.serspark.features.FeatureConfig;
import org.serspark.features.FeatureSequence;
import org.serspark.ravdess.RavdessFileName;
import org.serspark.spark.LocalSpark;

class FeatureParquetWriterTest {
    static final FeatureConfig FC = FeatureConfig.librosaDefault();
    static final int ACTOR = 3;

    /** What Spark 3.5's writer puts in the footer for the feature rows (checked against a Spark file below). */
    static final String EXPECTED_SCHEMA = """
            message spark_schema {
              required binary path (STRING);
              required binary gender (STRING);
              required binary emotion (STRING);
              required int32 emotion_code;
              required binary intensity (STRING);
              required int32 statement;
              required int32 repetition;
              required binary vocal_channel (STRING);
              required int32 source_sample_rate;
              required int32 source_channels;
              required double duration_s;
              required int32 sample_rate;
              required int32 n_frames;
              required int32 n_features;
              required group features (LIST) {
                repeated group list {
                  required group element (LIST) {
                    repeated group list {
                      required float element;
                    }
                  }
                }
              }
              required binary audio_sha256 (STRING);
              required binary feature_fingerprint (STRING);
            }
            """;

    static SparkSession spark;
    static List<ClipOutcome.Extracted> clips;

    @BeforeAll
    static void setUp() {
        spark = LocalSpark.get();
        ClipExtractor extractor = new ClipExtractor(FC);
        clips = new ArrayList<>();
        // differing emotion/intensity/statement/repetition/channel, a song, a stereo file, another source rate
        clips.add(extract(extractor, "Actor_03/03-01-05-02-01-01-03.wav", 48_000, 1, 220));
        clips.add(extract(extractor, "Actor_03/03-01-01-01-02-02-03.wav", 48_000, 2, 330));
        clips.add(extract(extractor, "Actor_03/03-02-03-02-02-01-03.wav", 44_100, 1, 440));
        // edge cases Spark's writer has its own handling for: an empty matrix, signed zero, NaN, infinities,
        // subnormals (the float values must come back bit for bit)
        ClipOutcome.Extracted tone = clips.get(0);
        clips.add(withFrames(tone, "Actor_03/03-01-08-01-01-01-03.wav", new float[0][]));
        float[][] odd = new float[3][FC.nFeatures()];
        float[] special = {-0.0f, 0.0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
            Float.MIN_VALUE, -Float.MAX_VALUE, 1e-42f};
        for (int t = 0; t < odd.length; t++) {
            for (int k = 0; k < odd[t].length; k++) {
                odd[t][k] = special[(t + k) % special.length];
            }
        }
        clips.add(withFrames(tone, "Actor_03/03-01-07-02-02-02-03.wav", odd));
    }

    static ClipOutcome.Extracted extract(ClipExtractor extractor, String path, int sr, int channels, double f0) {
        float[] y = new float[sr * 3 / 10];
        for (int t = 0; t < y.length; t++) {
            y[t] = (float) (0.3 * Math.sin(2 * Math.PI * f0 * t / sr) + 0.1 * Math.sin(2 * Math.PI * 2.5 * f0 * t / sr));
        }
        float[] interleaved = y;
        if (channels == 2) {
            float[] right = y.clone();
            for (int t = 0; t < right.length; t++) {
                right[t] *= 0.25f;
            }
            interleaved = WavWriter.interleave(y, right);
        }
        ClipOutcome o = extractor.process(path, WavWriter.toBytes(interleaved, channels, sr));
        assertTrue(o instanceof ClipOutcome.Extracted, o.toString());
        return (ClipOutcome.Extracted) o;
    }

    static ClipOutcome.Extracted withFrames(ClipOutcome.Extracted c, String path, float[][] frames) {
        FeatureSequence f = c.features();
        return new ClipOutcome.Extracted(path, c.sizeBytes(), RavdessFileName.parse(path), c.audioSha256(),
                c.sourceSampleRate(), c.sourceChannels(), c.durationSeconds(),
                new FeatureSequence(frames, f.config(), f.tuning(), f.sampleRate()), c.level());
    }

    static org.apache.hadoop.fs.Path hpath(Path p) {
        return new org.apache.hadoop.fs.Path(p.toUri());
    }

    static Path onlyParquet(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            List<Path> files = s.filter(p -> p.getFileName().toString().endsWith(".parquet")).toList();
            assertEquals(1, files.size(), files.toString());
            return files.get(0);
        }
    }

    static FileMetaData footer(Path file) throws IOException {
        try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(hpath(file), new Configuration()))) {
            return r.getFooter().getFileMetaData();
        }
    }

    static Set<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    @Test
    void sparkReadsTheSameSchemaAndRowsAsFromSparksOwnWriter(@TempDir Path tmp) throws IOException {
        Path mine = tmp.resolve("mine");
        Path mineFile = mine.resolve("actor=" + ACTOR).resolve("part-x.parquet");
        long rows = FeatureParquetWriter.write(new Configuration(), hpath(mineFile), clips);
        assertEquals(clips.size(), rows);
        assertEquals(Set.of("part-x.parquet", ".part-x.parquet.crc"), names(mineFile.getParent()),
                "only the final file (and its local checksum) is left");

        Path theirs = tmp.resolve("spark");
        List<Row> sparkRows = clips.stream().map(c -> RowFactory.create(ExtractSchema.featureValues(c))).toList();
        spark.createDataFrame(sparkRows, ExtractSchema.FEATURE_SCHEMA).coalesce(1).write()
                .option("compression", "snappy").partitionBy(ExtractSchema.ACTOR).parquet(theirs.toString());

        // the footers: what DuckDB, pyarrow and Spark itself see
        FileMetaData mineMeta = footer(mineFile);
        FileMetaData theirMeta = footer(onlyParquet(theirs));
        assertEquals(theirMeta.getSchema(), mineMeta.getSchema());
        assertEquals(theirMeta.getSchema().toString(), mineMeta.getSchema().toString());
        assertEquals(EXPECTED_SCHEMA, mineMeta.getSchema().toString());
        Map<String, String> kv = mineMeta.getKeyValueMetaData();
        assertEquals(theirMeta.getKeyValueMetaData(), kv);
        assertEquals(FeatureParquetWriter.FILE_SCHEMA.json(), kv.get(FeatureParquetWriter.SPARK_ROW_METADATA_KEY));
        assertEquals(spark.version(), kv.get(FeatureParquetWriter.SPARK_VERSION_KEY));

        Dataset<Row> a = spark.read().parquet(mine.toString());
        Dataset<Row> b = spark.read().parquet(theirs.toString());
        assertEquals(b.schema(), a.schema());
        assertEquals(FeatureParquetWriter.FILE_SCHEMA.size() + 1, a.schema().size(), "actor from the directory");
        List<Row> got = sorted(a.collectAsList());
        List<Row> want = sorted(b.collectAsList());
        assertEquals(clips.size(), got.size());
        assertEquals(clips.size(), want.size());
        int features = a.schema().fieldIndex("features");
        for (int i = 0; i < got.size(); i++) {
            Row g = got.get(i);
            Row w = want.get(i);
            ClipOutcome.Extracted clip = clips.stream()
                    .filter(c -> c.path().equals(g.getAs("path"))).findFirst().orElseThrow();
            for (int col = 0; col < g.size(); col++) {
                if (col != features) {
                    assertEquals(w.get(col), g.get(col), clip.path() + " column " + a.schema().fields()[col].name());
                }
            }
            assertEquals(ACTOR, (int) g.getAs(ExtractSchema.ACTOR));
            assertEquals(clip.features().nFrames(), (int) g.getAs("n_frames"));
            float[][] expected = clip.features().frames();
            assertFramesBitExact(expected, g.getList(features), clip.path() + " (ours)");
            assertFramesBitExact(expected, w.getList(features), clip.path() + " (Spark's)");
        }
    }

    static List<Row> sorted(List<Row> rows) {
        List<Row> out = new ArrayList<>(rows);
        out.sort(Comparator.comparing(r -> r.<String>getAs("path")));
        return out;
    }

    static void assertFramesBitExact(float[][] expected, List<Object> frames, String what) {
        assertEquals(expected.length, frames.size(), what + " frames");
        for (int t = 0; t < expected.length; t++) {
            scala.collection.Seq<?> frame = (scala.collection.Seq<?>) frames.get(t);
            assertEquals(expected[t].length, frame.length(), what + " frame " + t);
            for (int k = 0; k < expected[t].length; k++) {
                float v = (Float) frame.apply(k);
                if (Float.floatToRawIntBits(expected[t][k]) != Float.floatToRawIntBits(v)) {
                    throw new AssertionError(what + " frame " + t + " value " + k + ": expected "
                            + expected[t][k] + " got " + v);
                }
            }
        }
    }

    @Test
    void schemaMatchesFeatureSchemaWithoutThePartitionColumn() {
        assertFalse(FeatureParquetWriter.FILE_SCHEMA.getFieldIndex(ExtractSchema.ACTOR).isDefined());
        List<String> expected = new ArrayList<>(ExtractSchema.FEATURE_COLUMNS);
        expected.remove(ExtractSchema.ACTOR);
        assertEquals(expected, List.of(FeatureParquetWriter.FILE_SCHEMA.fieldNames()));
        assertEquals(EXPECTED_SCHEMA, FeatureParquetWriter.PARQUET_SCHEMA.toString());
    }

    @Test
    void clipsOfTwoActorsAreRefusedAndLeaveNothingBehind(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("actor=3/part-0.parquet");
        Files.createDirectories(file.getParent());
        ClipOutcome.Extracted other = withFrames(clips.get(0), "Actor_04/03-01-05-02-01-01-04.wav",
                clips.get(0).features().frames());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FeatureParquetWriter.write(new Configuration(), hpath(file), List.of(clips.get(0), other)));
        assertTrue(e.getMessage().contains("Actor_04/03-01-05-02-01-01-04.wav"), e.getMessage());
        assertEquals(Set.of(), names(file.getParent()), "no partial or temporary file");
    }

    @Test
    void rewritingAFileReplacesItWhole(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("actor=3/part-0.parquet");
        FeatureParquetWriter.write(new Configuration(), hpath(file), clips);
        FeatureParquetWriter.write(new Configuration(), hpath(file), clips.subList(1, 2));
        assertEquals(Set.of("part-0.parquet", ".part-0.parquet.crc"), names(file.getParent()));
        List<Row> rows = spark.read().parquet(tmp.toString()).collectAsList();
        assertEquals(1, rows.size());
        assertEquals(clips.get(1).path(), rows.get(0).getAs("path"));
    }
}
