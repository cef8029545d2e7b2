package org.serspark.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.serspark.cli.Main;
import org.serspark.cli.SweepCommand;
import org.serspark.extract.JvmProcessAccess;
import org.serspark.model.ClipPredictor;
import org.serspark.model.ModelBundle;
import org.serspark.spark.LocalSpark;
import org.serspark.train.SyntheticCorpusFixture;

/**
 * The tiny spec (4 trials of 8-unit networks, 1 epoch, kfold:2) on the shared 8-actor synthetic corpus: about 15 s
 * per trial on 2 cores.
 */
class SweepJobTest {
    static final Path TINY = Path.of("..", "conf", "sweeps", "tiny.yaml").toAbsolutePath().normalize();

    /** One invocation in this JVM (sharing the tests' Spark session); returns the exit code and its output. */
    static Invocation sweep(Path out, String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("sweep", "--spec", TINY.toString(), "--features",
                SyntheticCorpusFixture.extracted().toString(), "--output", out.toString()));
        args.addAll(List.of(extra));
        LocalSpark.get();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream savedErr = System.err;
        PrintStream savedOut = System.out;
        System.setErr(new PrintStream(new Tee(log, savedErr), true, StandardCharsets.UTF_8));
        System.setOut(new PrintStream(new Tee(log, savedOut), true, StandardCharsets.UTF_8));
        try {
            int code = Main.execute(args.toArray(String[]::new));
            return new Invocation(code, log.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(savedErr);
            System.setOut(savedOut);
        }
    }

    record Invocation(int exitCode, String log) {
    }

    /** Rows of the trials table read the way any reader would (Spark on the folder), by trial id. */
    static Map<String, Row> table(Path out) {
        Map<String, Row> rows = new HashMap<>();
        for (Row r : LocalSpark.get().read().parquet(out.resolve(TrialsTable.DIR).toString()).collectAsList()) {
            Row before = rows.put(r.getString(r.fieldIndex("trial_id")), r);
            assertEquals(null, before, "one row per trial id");
        }
        return rows;
    }

    /** Every planned trial done exactly once: ids unique, indices 0..3 with no gap, attempts as expected. */
    static void assertComplete(Path out, Map<Integer, Integer> attemptsByIndex) throws IOException {
        Map<String, Row> rows = table(out);
        assertEquals(4, rows.size());
        Set<Integer> indices = new TreeSet<>();
        JsonNode plan = new ObjectMapper().readTree(out.resolve(SweepJob.SWEEP_JSON).toFile()).get("trials");
        for (JsonNode t : plan) {
            Row r = rows.get(t.get("id").asText());
            assertNotNull(r, "planned trial " + t + " has a row");
            assertEquals("done", r.getString(r.fieldIndex("status")));
            int index = r.getInt(r.fieldIndex("trial_index"));
            assertEquals(t.get("index").asInt(), index);
            indices.add(index);
            assertEquals(attemptsByIndex.getOrDefault(index, 1), r.getInt(r.fieldIndex("attempts")),
                    "attempts of trial #" + index);
            double uar = r.getDouble(r.fieldIndex("objective"));
            assertTrue(uar >= 0 && uar <= 1, "objective is a UAR: " + uar);
            assertEquals(uar, r.getDouble(r.fieldIndex("uar_mean")), 1e-12, "objective = mean UAR");
            assertEquals(2, r.getInt(r.fieldIndex("folds")));
        }
        assertEquals(Set.of(0, 1, 2, 3), indices);
    }

    @Test
    void budgetStopsAndThreeInvocationsCoverTheWholeGrid(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("sweep");
        Invocation first = sweep(out, "--max-trials", "2");
        assertEquals(0, first.exitCode(), first.log());
        assertEquals(2, table(out).size());
        assertTrue(first.log().contains("stopped by max_trials"), first.log());

        // the first trial always starts; the next would start after the budget: exactly one trial
        Invocation second = sweep(out, "--max-wall-seconds", "1");
        assertEquals(0, second.exitCode(), second.log());
        assertEquals(3, table(out).size());
        assertTrue(second.log().contains("stopped by max_wall_seconds"), second.log());

        Invocation third = sweep(out);
        assertEquals(0, third.exitCode(), third.log());
        assertTrue(third.log().contains("4/4 trials done, 0 failed, 0 to go; ran 1"), third.log());
        assertComplete(out, Map.of());

        List<String> board = Files.readAllLines(out.resolve(TrialsTable.LEADERBOARD));
        assertEquals(5, board.size());
        double previous = Double.POSITIVE_INFINITY;
        for (String line : board.subList(1, 5)) {
            double objective = Double.parseDouble(line.split(",")[3]);
            assertTrue(objective <= previous, "ranked best first: " + board);
            previous = objective;
        }
        assertBestIsTopOfLeaderboard(out, board.get(1).split(",")[1]);

        // a trial on MFCC + chroma only: its network reads 52 columns, and its bundle tells predict which
        Row mfccChroma = table(out).values().stream().filter(r -> r.getInt(r.fieldIndex("trial_index")) == 1)
                .findFirst().orElseThrow();
        assertEquals("mfcc+chroma", mfccChroma.getString(mfccChroma.fieldIndex("feature_blocks")));
        ModelBundle fold = ModelBundle.load(out.resolve(mfccChroma.getString(mfccChroma.fieldIndex("run_dir")))
                .resolve("cv/folds/fold-01/single-lstm/model.zip"));
        assertEquals(52, ((java.util.List<?>) fold.metadata().get(ClipPredictor.FEATURE_COLUMNS)).size());
        assertEquals(52, fold.network().layerInputSize(0));
        assertProbabilities(new ClipPredictor(fold).probabilities(new float[20][182]));

        Invocation fourth = sweep(out);
        assertEquals(0, fourth.exitCode(), fourth.log());
        assertTrue(fourth.log().contains("0 to run"), "a finished sweep runs nothing: " + fourth.log());
        assertEquals(4, table(out).size());
    }

    @Test
    void killedInvocationIsResumedAndAConcurrentOneIsRefused(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("sweep");
        Process p = JvmProcessAccess.start(tmp.resolve("sweep.log"), "org.serspark.cli.Main", "sweep", "--spec",
                TINY.toString(), "--features", SyntheticCorpusFixture.extracted().toString(), "--output",
                out.toString());
        Map<String, byte[]> firstTrialPredictions;
        try {
            // kill it in the middle of trial #1: trial #0's 2 folds and trial #1's first fold are saved
            long deadline = System.nanoTime() + 300_000_000_000L;
            while (predictions(out).size() < 3) {
                assertTrue(p.isAlive(), "sweep ended before it could be killed: " + log(tmp));
                assertTrue(System.nanoTime() < deadline, "no progress within 300 s: " + log(tmp));
                Thread.sleep(50);
            }
            // a second invocation while the first runs: refused at once, nothing written
            long t = System.nanoTime();
            Invocation refused = sweep(out);
            assertEquals(SweepCommand.EXIT_LOCKED, refused.exitCode(), refused.log());
            assertTrue((System.nanoTime() - t) / 1e9 < 5, "refused at once");
            assertTrue(refused.log().contains("another invocation of this sweep is running"), refused.log());
            assertEquals(1, refused.log().lines().count(), "one line: " + refused.log());
            assertTrue(p.isAlive());
            firstTrialPredictions = predictions(out);
            p.destroyForcibly().waitFor();
        } finally {
            p.destroyForcibly();
        }
        Map<String, Row> killed = table(out);
        assertEquals(2, killed.size(), "trial #0 done, #1 started: " + killed.keySet());
        String done0 = null;
        for (Row r : killed.values()) {
            int index = r.getInt(r.fieldIndex("trial_index"));
            assertEquals(index == 0 ? "done" : "running", r.getString(r.fieldIndex("status")));
            if (index == 0) {
                done0 = r.getString(r.fieldIndex("finished_at"));
            }
        }
        assertTrue(Files.exists(out.resolve(SweepLock.FILE)), "the killed process left its lock");

        Invocation resumed = sweep(out);
        assertEquals(0, resumed.exitCode(), resumed.log());
        assertTrue(resumed.log().contains("taking over the lock of pid " + p.pid()), resumed.log());
        assertTrue(resumed.log().contains("was interrupted; rerunning it"), resumed.log());
        assertComplete(out, Map.of(1, 2));
        for (Row r : table(out).values()) {
            if (r.getInt(r.fieldIndex("trial_index")) == 0) {
                assertEquals(done0, r.getString(r.fieldIndex("finished_at")), "trial #0 never ran again");
            }
        }
        // the folds finished before the kill were not redone
        Map<String, byte[]> after = predictions(out);
        assertEquals(8, after.size(), "4 trials x 2 folds");
        firstTrialPredictions.forEach((file, bytes) ->
                assertTrue(java.util.Arrays.equals(bytes, after.get(file)), file + " unchanged"));
        assertFalse(Files.exists(out.resolve(SweepLock.FILE)), "released at the end");
        assertBestIsTopOfLeaderboard(out,
                Files.readAllLines(out.resolve(TrialsTable.LEADERBOARD)).get(1).split(",")[1]);
    }

    static void assertBestIsTopOfLeaderboard(Path out, String topId) throws Exception {
        Path best = out.resolve(BestModel.LINK);
        assertTrue(Files.isSymbolicLink(best));
        assertEquals(Path.of(BestModel.PROMOTED, topId), Files.readSymbolicLink(best));
        JsonNode trial = new ObjectMapper().readTree(best.resolve(BestModel.TRIAL).toFile());
        assertEquals(topId, trial.get("trial_id").asText());
        ModelBundle bundle = ModelBundle.load(best.resolve("model.zip"));
        assertEquals(trial.get("settings").get("model"),
                new ObjectMapper().valueToTree(bundle.metadata().get("model_config")),
                "the promoted bundle is the best trial's network");
        assertTrue(Files.exists(best.resolve("metrics.json")));
        assertProbabilities(new ClipPredictor(bundle).probabilities(new float[20][182]));
        try (Stream<Path> s = Files.list(out.resolve(BestModel.PROMOTED))) {
            assertTrue(s.noneMatch(f -> f.getFileName().toString().startsWith(".")), "no half-copied folder left");
        }
    }

    static void assertProbabilities(float[] p) {
        assertEquals(8, p.length);
        double sum = 0;
        for (float x : p) {
            sum += x;
        }
        assertEquals(1.0, sum, 1e-4);
    }

    /** test_predictions.json of every trial's folds, by path. */
    static Map<String, byte[]> predictions(Path out) throws IOException {
        Map<String, byte[]> m = new HashMap<>();
        Path runs = out.resolve(SweepJob.RUNS);
        if (!Files.isDirectory(runs)) {
            return m;
        }
        // the sweep may be writing while we look: a file or folder that vanishes under the walk
        // (a .tmp renamed into place) is skipped, not an error
        Files.walkFileTree(runs, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
                if (f.getFileName().toString().equals("test_predictions.json")) {
                    try {
                        m.put(runs.relativize(f).toString(), Files.readAllBytes(f));
                    } catch (NoSuchFileException raced) {
                        // replaced while we read it; the next poll sees it
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path f, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e == null || e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }
        });
        return m;
    }

    static String log(Path tmp) {
        try {
            return Files.readString(tmp.resolve("sweep.log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    /** Copies what the command prints to stderr into the test's buffer as well as the console. */
    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int x) throws IOException {
            a.write(x);
            b.write(x);
        }

        @Override
        public void write(byte[] buf, int off, int len) throws IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }
    }
}
