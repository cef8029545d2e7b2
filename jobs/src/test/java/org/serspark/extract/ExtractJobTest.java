package org.serspark.extract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.serspark.audio.WavWriter;
import org.serspark.corpus.ClipExtractor;
import org.serspark.corpus.ClipOutcome;
import org.serspark.features.FeatureConfig;
import org.serspark.spark.LocalSpark;

class ExtractJobTest {
    static SparkSession spark;
    static final FeatureConfig FC = FeatureConfig.librosaDefault();

    @BeforeAll
    static void start() {
        spark = LocalSpark.get();
    }

    static ExtractOptions options(Path in, Path out, ExtractOptions.Mode mode, int perChunk) {
        return new ExtractOptions(in.toString(), out.toString(), FC, mode, perChunk, 2, 0,
                ExtractOptions.MAX_FILE_BYTES_DEFAULT, Map.of("test", true));
    }

    static ExtractResult extract(Path in, Path out, ExtractOptions.Mode mode, int perChunk) throws IOException {
        return new ExtractJob(options(in, out, mode, perChunk), spark, quiet()).run();
    }

    static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream());
    }

    @Test
    void withThePitchBlockTheDatasetHasItsColumnsAndTrainingCanReadThem(@TempDir Path tmp) throws IOException {
        Path in = tmp.resolve("corpus");
        TestCorpus.writeTones(in, 2, 2);
        Path out = tmp.resolve("out");
        FeatureConfig pitched = FC.withPitch(org.serspark.features.Yin.SPEECH_DEFAULT);
        ExtractResult r = new ExtractJob(new ExtractOptions(in.toString(), out.toString(), pitched,
                ExtractOptions.Mode.FAIL_IF_EXISTS, 5, 2, 0, ExtractOptions.MAX_FILE_BYTES_DEFAULT,
                Map.of("test", true)), spark, quiet()).run();
        assertEquals(4, r.extracted());
        org.serspark.train.FeatureDataset data = org.serspark.train.FeatureDataset.open(spark, out.toString());
        assertEquals(pitched, data.config());
        assertEquals(184, data.nFeatures());
        JsonNode manifest = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
        assertEquals(pitched.fingerprint(), manifest.get("feature_fingerprint").asText());
        assertEquals("f0_aperiodicity", manifest.get("feature_names").get(183).asText());

        ClipExtractor direct = new ClipExtractor(pitched);
        org.serspark.train.FeatureDataset pitchOnly = data.select(
                org.serspark.features.FeatureSelection.parse("pitch", data.config()));
        assertEquals(2, pitchOnly.nFeatures());
        for (org.serspark.train.Clip c : pitchOnly.clips(new java.util.TreeSet<>(List.of(1, 2))).collect()) {
            float[][] want = ((ClipOutcome.Extracted) direct.process(c.path(),
                    Files.readAllBytes(in.resolve(c.path())))).features().frames();
            assertEquals(want.length, c.frames().length);
            for (int t = 0; t < want.length; t++) {
                assertArrayEquals(new float[] {want[t][182], want[t][183]}, c.frames()[t], 0f, c.path() + " " + t);
            }
        }
    }

    @Test
    void parquetEqualsWhatPipelineCoreComputes(@TempDir Path tmp) throws IOException {
        Path in = tmp.resolve("corpus");
        List<String> paths = TestCorpus.writeTones(in, 3, 4);
        Path out = tmp.resolve("out");
        ExtractResult r = extract(in, out, ExtractOptions.Mode.FAIL_IF_EXISTS, 5);
        assertEquals(12, r.filesListed());
        assertEquals(12, r.extracted());
        assertEquals(0, r.rejected());
        assertTrue(Files.exists(out.resolve("_SUCCESS")));
        assertFalse(Files.exists(out.resolve("_work")), "work folder removed after success");
        // partitioned by actor, no temporary files left in the dataset
        for (int a = 1; a <= 3; a++) {
            try (var s = Files.list(out.resolve("features/actor=" + a))) {
                assertTrue(s.allMatch(p -> p.getFileName().toString().endsWith(".parquet")
                        || p.getFileName().toString().endsWith(".crc")));
            }
        }

        List<Row> rows = spark.read().parquet(out.resolve("features").toString()).collectAsList();
        assertEquals(12, rows.size());
        ClipExtractor direct = new ClipExtractor(FC);
        for (Row row : rows) {
            String path = row.getAs("path");
            assertTrue(paths.contains(path), path);
            ClipOutcome.Extracted c = (ClipOutcome.Extracted) direct.process(path, Files.readAllBytes(in.resolve(path)));
            assertEquals(c.name().actor(), (int) row.getAs("actor"));
            assertEquals(c.name().emotion().label(), row.getAs("emotion"));
            assertEquals(c.name().emotion().code(), (int) row.getAs("emotion_code"));
            assertEquals(c.audioSha256(), row.getAs("audio_sha256"));
            assertEquals(FC.fingerprint(), row.getAs("feature_fingerprint"));
            assertEquals(48_000, (int) row.getAs("source_sample_rate"));
            assertEquals(22_050, (int) row.getAs("sample_rate"));
            assertEquals(path.equals(paths.get(0)) ? 2 : 1, (int) row.getAs("source_channels"));
            assertEquals(c.features().nFrames(), (int) row.getAs("n_frames"));
            assertEquals(182, (int) row.getAs("n_features"));
            List<Object> frames = row.getList(row.fieldIndex("features"));
            assertEquals(c.features().nFrames(), frames.size());
            for (int t = 0; t < frames.size(); t++) {
                @SuppressWarnings("unchecked")
                List<Float> frame = scala.collection.JavaConverters.seqAsJavaList(
                        (scala.collection.Seq<Float>) frames.get(t));
                float[] got = new float[frame.size()];
                for (int k = 0; k < got.length; k++) {
                    got[k] = frame.get(k);
                }
                assertArrayEquals(c.features().frames()[t], got, 0f, path + " frame " + t);
            }
        }

        JsonNode manifest = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
        assertEquals("complete", manifest.get("status").asText());
        assertEquals(12, manifest.get("counts").get("extracted").asInt());
        assertEquals(FC.fingerprint(), manifest.get("feature_fingerprint").asText());
        assertNotNull(manifest.get("code").get("git_commit"));
        assertEquals(182, manifest.get("feature_names").size());
        assertTrue(manifest.get("configuration").get("test").asBoolean());
    }

    @Test
    void badFilesAreRejectedWithReasonsAndGoodOnesExtracted(@TempDir Path tmp) throws IOException {
        Path in = tmp.resolve("corpus");
        List<String> good = TestCorpus.writeTones(in, 2, 3);
        Map<String, String> bad = new TreeMap<>();
        byte[] wav = Files.readAllBytes(in.resolve(good.get(1)));
        write(in, "Actor_01/03-01-03-01-01-02-01.wav", java.util.Arrays.copyOf(wav, 300));
        bad.put("Actor_01/03-01-03-01-01-02-01.wav", "truncated");
        byte[] random = new byte[4000];
        new Random(7).nextBytes(random);
        write(in, "Actor_01/03-01-04-01-01-02-01.wav", random);
        bad.put("Actor_01/03-01-04-01-01-02-01.wav", "not_audio");
        write(in, "Actor_01/03-01-05-01-01-02-01.wav", new byte[0]);
        bad.put("Actor_01/03-01-05-01-01-02-01.wav", "empty");
        write(in, "Actor_01/03-01-09-01-01-01-01.wav", wav);
        bad.put("Actor_01/03-01-09-01-01-01-01.wav", "misnamed");
        write(in, "Actor_02/03-01-06-01-01-01-05.wav", wav); // actor 05 inside Actor_02
        bad.put("Actor_02/03-01-06-01-01-01-05.wav", "misnamed");
        write(in, "Actor_02/notes.txt", "not audio".getBytes());
        bad.put("Actor_02/notes.txt", "not_wav");
        write(in, "Actor_02/03-01-07-01-01-01-02.wav", WavWriter.toBytes(new float[0], 48_000));
        bad.put("Actor_02/03-01-07-01-01-01-02.wav", "empty");
        // a byte-identical copy under another valid name is extracted and reported
        write(in, "Actor_02/03-01-08-02-02-02-02.wav", Files.readAllBytes(in.resolve(good.get(4))));

        // one file per chunk: chunks holding only a rejected file (no Parquet at all) are assembled too
        ExtractResult r = extract(in, tmp.resolve("out"), ExtractOptions.Mode.FAIL_IF_EXISTS, 1);
        assertEquals(good.size() + 1, r.extracted());
        assertEquals(bad.size(), r.rejected());
        Map<String, String> got = new HashMap<>();
        Dataset<Row> rejects = spark.read().parquet(r.rejectsUri());
        // Spark reads every Parquet column as nullable; names and types are the documented ones
        assertEquals(columns(ExtractSchema.REJECT_SCHEMA), columns(rejects.schema()));
        for (Row row : rejects.collectAsList()) {
            got.put(row.getString(0), row.getString(1));
            assertEquals(Files.size(in.resolve(row.getString(0))), row.getLong(3), "size_bytes of " + row.getString(0));
            assertTrue(row.getString(2).contains(row.getString(0)), "detail names the file: " + row.getString(2));
        }
        assertEquals(bad, new TreeMap<>(got));
        assertEquals(List.of(List.of(good.get(4), "Actor_02/03-01-08-02-02-02-02.wav").stream().sorted().toList()),
                r.duplicates());
        JsonNode manifest = new ObjectMapper().readTree(tmp.resolve("out/manifest.json").toFile());
        assertEquals(bad.size(), manifest.get("rejects").size());
        assertEquals(1, manifest.get("duplicates").size());
    }

    @Test
    void existingOutputNeedsOverwriteOrResume(@TempDir Path tmp) throws IOException {
        Path in = tmp.resolve("corpus");
        TestCorpus.writeTones(in, 1, 2);
        Path out = tmp.resolve("out");
        extract(in, out, ExtractOptions.Mode.FAIL_IF_EXISTS, 10);
        ExtractException again = assertThrows(ExtractException.class,
                () -> extract(in, out, ExtractOptions.Mode.FAIL_IF_EXISTS, 10));
        assertTrue(again.getMessage().contains("--overwrite"), again.getMessage());
        ExtractException resume = assertThrows(ExtractException.class,
                () -> extract(in, out, ExtractOptions.Mode.RESUME, 10));
        assertTrue(resume.getMessage().contains("already complete"), resume.getMessage());
        assertEquals(2, extract(in, out, ExtractOptions.Mode.OVERWRITE, 10).extracted());

        Path foreign = tmp.resolve("home");
        write(foreign, "precious.txt", "keep me".getBytes());
        ExtractException refuse = assertThrows(ExtractException.class,
                () -> extract(in, foreign, ExtractOptions.Mode.OVERWRITE, 10));
        assertTrue(refuse.getMessage().contains("not a serspark extract output"), refuse.getMessage());
        assertTrue(Files.exists(foreign.resolve("precious.txt")));
    }

    @Test
    void killedRunIsIncompleteAndResumeFinishesWithoutRedoing(@TempDir Path tmp) throws Exception {
        Path in = tmp.resolve("corpus");
        TestCorpus.writeTones(in, 4, 8);
        Path out = tmp.resolve("out");
        Path chunks = out.resolve("_work/chunks");
        // a real crash: the CLI in its own JVM, killed with SIGKILL once its first chunk is committed
        Process p = JvmProcess.start(tmp.resolve("extract.log"), "org.serspark.cli.Main", "extract",
                "--input", in.toString(), "--output", out.toString(), "--files-per-chunk", "2");
        try {
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (finishedChunks(chunks) < 1) {
                assertTrue(p.isAlive(), "extract ended before it could be killed: " + JvmProcess.log(tmp));
                assertTrue(System.nanoTime() < deadline, "no chunk finished within 120 s");
                Thread.sleep(20);
            }
            p.destroyForcibly().waitFor();
        } finally {
            p.destroyForcibly();
        }
        assertFalse(Files.exists(out.resolve("_SUCCESS")), "a killed output never looks complete");
        assertFalse(Files.exists(out.resolve("manifest.json")));
        ExtractException noFlag = assertThrows(ExtractException.class,
                () -> extract(in, out, ExtractOptions.Mode.FAIL_IF_EXISTS, 2));
        assertTrue(noFlag.getMessage().contains("--resume"), noFlag.getMessage());

        long finishedBefore = finishedChunks(chunks);
        assertTrue(finishedBefore >= 1 && finishedBefore < 16, "killed mid-run: " + finishedBefore + " of 16 chunks");
        ExtractResult r = extract(in, out, ExtractOptions.Mode.RESUME, 2);
        assertEquals(finishedBefore, r.chunksReused());
        assertEquals(32, r.extracted());
        assertTrue(Files.exists(out.resolve("_SUCCESS")));
        List<Row> rows = spark.read().parquet(r.featuresUri()).select("path").collectAsList();
        assertEquals(32, rows.size());
        assertEquals(32, rows.stream().map(x -> x.getString(0)).distinct().count(), "no clip twice, none lost");
    }

    @Test
    void assemblyCutOffMidwayIsFinishedOnResume(@TempDir Path tmp) throws Exception {
        Path in = tmp.resolve("corpus");
        TestCorpus.writeTones(in, 3, 4);
        Path out = tmp.resolve("out");
        ExtractJob.failAfterMovesForTest = 1;
        try {
            IOException e = assertThrows(IOException.class, () -> extract(in, out, ExtractOptions.Mode.FAIL_IF_EXISTS, 2));
            assertTrue(e.getMessage().contains("injected"), e.getMessage());
        } finally {
            ExtractJob.failAfterMovesForTest = -1;
        }
        assertTrue(Files.exists(out.resolve("_work/assembly.json")));
        assertFalse(Files.exists(out.resolve("_SUCCESS")));
        assertFalse(Files.exists(out.resolve("features")), "the dataset appears only when complete");
        ExtractResult r = extract(in, out, ExtractOptions.Mode.RESUME, 2);
        assertEquals(12, r.extracted());
        assertEquals(12, spark.read().parquet(r.featuresUri()).select("path").distinct().count());
        assertFalse(Files.exists(out.resolve("_work")));
    }

    static long finishedChunks(Path chunks) throws IOException {
        if (!Files.isDirectory(chunks)) {
            return 0;
        }
        try (var s = Files.list(chunks)) {
            // finished = the driver wrote the chunk's record (chunk-N.json) after keeping its committed files
            return s.filter(c -> c.getFileName().toString().matches("chunk-\\d+\\.json")).count();
        }
    }

    @Test
    void filesOfFailedTaskAttemptsAreDeletedBeforeTheChunkIsFinished(@TempDir Path tmp) throws IOException {
        Path chunk = tmp.resolve("chunk-00000");
        write(chunk, "actor=1/part-00000-attempt-7.snappy.parquet", new byte[] {1});
        write(chunk, "actor=2/part-00000-attempt-7.snappy.parquet", new byte[] {2});
        // an attempt lost after writing one complete file, and one killed mid-file
        write(chunk, "actor=1/part-00000-attempt-3.snappy.parquet", new byte[] {3});
        write(chunk, "actor=2/.part-00000-attempt-3.snappy.parquet.0f.tmp", new byte[] {4});
        org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(chunk.toUri());
        ExtractJob.removeUncommitted(dir.getFileSystem(spark.sparkContext().hadoopConfiguration()), dir,
                java.util.Set.of("actor=1/part-00000-attempt-7.snappy.parquet",
                        "actor=2/part-00000-attempt-7.snappy.parquet"));
        try (var s = Files.walk(chunk)) {
            assertEquals(List.of("actor=1/part-00000-attempt-7.snappy.parquet",
                    "actor=2/part-00000-attempt-7.snappy.parquet"),
                    s.filter(Files::isRegularFile).map(f -> chunk.relativize(f).toString())
                            .filter(f -> !f.contains(".crc")).sorted().toList());
        }
    }

    static List<String> columns(org.apache.spark.sql.types.StructType schema) {
        return java.util.Arrays.stream(schema.fields()).map(f -> f.name() + " " + f.dataType()).toList();
    }

    static void write(Path root, String rel, byte[] bytes) throws IOException {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.write(p, bytes);
    }
}
