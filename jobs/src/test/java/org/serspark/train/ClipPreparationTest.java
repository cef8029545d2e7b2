package org.serspark.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.serspark.model.ClipPredictor;
import org.serspark.model.FeatureNormalizer;
import org.serspark.model.FeatureStats;
import org.serspark.model.ModelArchitecture;
import org.serspark.model.ModelBundle;
import org.serspark.model.ModelConfig;
import org.serspark.model.TrainingConfig;
import org.serspark.predict.PredictJob;
import org.serspark.spark.LocalSpark;

/** Silence trimming and {@code training.normalization: speaker|clip} in training, scoring and prediction. */
class ClipPreparationTest {

    @Test
    void trimmingCutsOnlyTheQuietEnds() throws Exception {
        FeatureDataset data = FeatureDataset.open(LocalSpark.get(), SyntheticCorpusFixture.extracted().toString());
        org.serspark.features.FeatureConfig fc = data.config();
        List<Clip> raw = data.clips(new TreeSet<>(List.of(1))).collect();
        TrainingConfig tc = TrainingConfig.builder().batchSize(16).epochs(1).averagingFrequency(1).trimSilenceDb(20)
                .build();
        Map<String, float[][]> trimmed = new HashMap<>();
        for (Clip c : ClipPreparation.apply(data.clips(new TreeSet<>(List.of(1))), tc, fc).collect()) {
            trimmed.put(c.path(), c.frames());
        }
        int shorter = 0;
        for (Clip c : raw) {
            float[][] t = trimmed.get(c.path());
            int[] b = org.serspark.model.SilenceTrim.bounds(c.frames(), fc.melOffset(), fc.nMels(), 20);
            assertEquals(b[1] - b[0], t.length, c.path());
            // a contiguous stretch of the original, untouched
            assertArrayEquals(c.frames()[b[0]], t[0], 0f);
            assertArrayEquals(c.frames()[b[1] - 1], t[t.length - 1], 0f);
            shorter += t.length < c.frames().length ? 1 : 0;
        }
        assertTrue(shorter > raw.size() / 2, shorter + " of " + raw.size() + " synthetic clips have quiet ends");
    }

    @Test
    void everyActorEndsUpWithZeroMeanAndUnitDeviation() throws Exception {
        FeatureDataset data = FeatureDataset.open(LocalSpark.get(), SyntheticCorpusFixture.extracted().toString());
        JavaRDD<Clip> clips = data.clips(new TreeSet<>(List.of(1, 2)));
        assertSame(clips, ClipPreparation.standardize(clips, TrainingConfig.Normalization.GLOBAL, 182));
        Map<Integer, FeatureStats> byActor = new HashMap<>();
        Map<Integer, double[]> raw = new HashMap<>();
        for (Clip c : ClipPreparation.standardize(clips, TrainingConfig.Normalization.SPEAKER, 182).collect()) {
            byActor.computeIfAbsent(c.actor(), a -> new FeatureStats(182)).add(c.frames());
        }
        for (Clip c : clips.collect()) {
            raw.computeIfAbsent(c.actor(), a -> new double[182])[0] += c.frames()[0][0];
        }
        assertEquals(2, byActor.size());
        for (FeatureStats s : byActor.values()) {
            double[] mean = s.toNormalizer().mean();
            double[] std = s.toNormalizer().std();
            int constant = 0;
            for (int k = 0; k < 182; k++) {
                assertEquals(0, mean[k], 1e-4, "feature " + k);
                if (std[k] < 1e-6) {
                    constant++; // a feature constant within an actor stays constant
                } else {
                    assertEquals(1, std[k], 1e-3, "feature " + k);
                }
            }
            assertTrue(constant < 5, constant + " constant features");
        }
        // the two actors started from different means (else this test would prove nothing)
        assertTrue(Math.abs(raw.get(1)[0] - raw.get(2)[0]) > 1, "actors differ in MFCC 0 before normalising");
    }

    @Test
    void predictStandardisesEachSpeakerWithItsOwnFiles(@TempDir Path tmp) throws Exception {
        Path extract = SyntheticCorpusFixture.extracted();
        Path corpus = extract.resolveSibling("corpus");
        TrainResult r = trainOneEpoch(tmp, FeatureDataset.open(LocalSpark.get(), extract.toString()),
                oneEpochConfig(TrainingConfig.Normalization.SPEAKER));
        ModelBundle bundle = ModelBundle.load(r.bundle());
        ClipPredictor predictor = new ClipPredictor(bundle);
        assertTrue(predictor.perSpeaker(), "the bundle says how it was trained");
        String first = "Actor_04/" + Files.list(corpus.resolve("Actor_04")).sorted().findFirst().orElseThrow()
                .getFileName();
        byte[] wav = Files.readAllBytes(corpus.resolve(first));
        var audio = org.serspark.audio.WavDecoder.decode(wav, first);
        float[][] untrimmed = new org.serspark.features.FeatureExtractor(bundle.featureConfig())
                .extract(audio.samples(), audio.sampleRate()).frames();
        assertTrue(predictor.features(wav, first).length < untrimmed.length, "predict trims as training did");

        List<String> files = new ArrayList<>();
        for (int actor : List.of(4, 5)) {
            try (var s = Files.list(corpus.resolve(String.format("Actor_%02d", actor)))) {
                s.sorted().limit(6).forEach(p -> files.add(corpus.relativize(p).toString()));
            }
        }
        Map<String, float[]> spark = predicted(r, corpus, files);
        // by hand: each actor's statistics over its 6 files given, then the bundle
        int differs = 0;
        for (int actor : List.of(4, 5)) {
            FeatureStats s = new FeatureStats(182);
            Map<String, float[][]> frames = new HashMap<>();
            for (String f : files) {
                if (f.startsWith(String.format("Actor_%02d/", actor))) {
                    frames.put(f, predictor.features(Files.readAllBytes(corpus.resolve(f)), f));
                    s.add(frames.get(f));
                }
            }
            for (Map.Entry<String, float[][]> e : frames.entrySet()) {
                float[] expect = predictor.probabilities(e.getValue(), s.toNormalizer());
                assertArrayEquals(expect, spark.get(e.getKey()), 1e-5f, e.getKey());
                float[] alone = predictor.probabilities(Files.readAllBytes(corpus.resolve(e.getKey())), e.getKey());
                differs += java.util.Arrays.equals(alone, expect) ? 0 : 1;
            }
        }
        assertTrue(differs > 0, "a file alone is its own speaker: other statistics, other probabilities");
    }

    @Test
    void clipNormalisationStandardisesEveryClipOnItsOwn() throws Exception {
        FeatureDataset data = FeatureDataset.open(LocalSpark.get(), SyntheticCorpusFixture.extracted().toString());
        JavaRDD<Clip> clips = data.clips(new TreeSet<>(List.of(1, 2)));
        List<Clip> together = ClipPreparation.standardize(clips, TrainingConfig.Normalization.CLIP, 182)
                .collect();
        Map<String, Clip> raw = new HashMap<>();
        clips.collect().forEach(c -> raw.put(c.path(), c));
        assertEquals(raw.size(), together.size());
        int moved = 0;
        for (Clip c : together) {
            FeatureNormalizer fitted = new FeatureStats(182).add(c.frames()).toNormalizer();
            int constant = 0;
            for (int k = 0; k < 182; k++) {
                assertEquals(0, fitted.mean()[k], 1e-4, c.path() + " feature " + k);
                if (fitted.std()[k] < 1e-6) {
                    constant++;
                } else {
                    assertEquals(1, fitted.std()[k], 1e-3, c.path() + " feature " + k);
                }
            }
            assertTrue(constant < 5, c.path() + ": " + constant + " constant features");
            // no other clip has a say: the clip standardised alone is the same
            List<Clip> alone = ClipPreparation.standardize(jsc().parallelize(List.of(raw.get(c.path()))),
                    TrainingConfig.Normalization.CLIP, 182).collect();
            for (int t = 0; t < c.frames().length; t++) {
                assertArrayEquals(alone.get(0).frames()[t], c.frames()[t], 0f, c.path());
            }
            moved += Math.abs(raw.get(c.path()).frames()[0][0] - c.frames()[0][0]) > 1 ? 1 : 0;
        }
        assertTrue(moved > together.size() / 2, "the raw clips were not standardised already: " + moved);
    }

    @Test
    void predictStandardisesEachFileOfAClipNormalisedModelOnItsOwnAsCvDoes(@TempDir Path tmp) throws Exception {
        Path extract = SyntheticCorpusFixture.extracted();
        Path corpus = extract.resolveSibling("corpus");
        FeatureDataset data = FeatureDataset.open(LocalSpark.get(), extract.toString());
        TrainingConfig tc = oneEpochConfig(TrainingConfig.Normalization.CLIP);
        TrainResult r = trainOneEpoch(tmp, data, tc);
        ModelBundle bundle = ModelBundle.load(r.bundle());
        ClipPredictor predictor = new ClipPredictor(bundle);
        assertTrue(!predictor.perSpeaker(), "no speaker statistics to gather");

        List<String> files = new ArrayList<>();
        try (var s = Files.list(corpus.resolve("Actor_04"))) {
            s.sorted().forEach(p -> files.add(corpus.relativize(p).toString()));
        }
        Map<String, float[]> spark = predicted(r, corpus, files);
        // cv's way: the extract's features of the actor, prepared as in training, scored on Spark
        Map<String, float[]> cv = new HashMap<>();
        for (Prediction p : SparkScorer.predict(jsc(), bundle.network(),
                ClipPreparation.apply(data, ClipSelection.actors(new TreeSet<>(List.of(4))), tc), bundle.normalizer(),
                8, 64, 0)) {
            cv.put(p.path(), p.probabilities());
        }
        assertEquals(files.size(), cv.size());
        int differs = 0;
        for (String f : files) {
            byte[] wav = Files.readAllBytes(corpus.resolve(f));
            float[][] frames = predictor.features(wav, f);
            float[] expect = predictor.probabilities(FeatureStats.standardize(frames));
            assertArrayEquals(expect, spark.get(f), 1e-5f, f);
            assertArrayEquals(expect, predictor.probabilities(wav, f), 1e-5f, f + " alone");
            assertArrayEquals(expect, cv.get(f), 1e-4f, f + " as cv scores it");
            differs += java.util.Arrays.equals(expect, predictor.probabilities(frames)) ? 0 : 1;
        }
        assertTrue(differs > files.size() / 2, "without the clip's own statistics other probabilities: " + differs);
    }

    private static org.apache.spark.api.java.JavaSparkContext jsc() {
        return org.apache.spark.api.java.JavaSparkContext.fromSparkContext(LocalSpark.get().sparkContext());
    }

    private static TrainingConfig oneEpochConfig(TrainingConfig.Normalization mode) {
        return TrainingConfig.builder().batchSize(16).epochs(1).averagingFrequency(1).trimSilenceDb(20)
                .normalization(mode).build();
    }

    /** A small network trained for one epoch on actors 1-2 of the synthetic corpus (3 validates). */
    private static TrainResult trainOneEpoch(Path tmp, FeatureDataset data, TrainingConfig tc) throws Exception {
        ModelConfig mc = new ModelConfig(ModelArchitecture.DUAL_LSTM, List.of(8, 4), 0.3, 8, 1e-2, 0, 7, 182, 8);
        return new ParameterAveragingTrainer(LocalSpark.get(), new PrintStream(new ByteArrayOutputStream()))
                .train(TrainRequest.byActors(data, new TreeSet<>(List.of(1, 2)), new TreeSet<>(List.of(3)), mc,
                        tc, tmp.resolve("run"), TrainRequest.Mode.FAIL_IF_EXISTS, Map.of()));
    }

    /** predict's Spark path: each file's probabilities, every file read. */
    private static Map<String, float[]> predicted(TrainResult r, Path corpus, List<String> files) {
        Map<String, float[]> out = new HashMap<>();
        for (Row row : PredictJob.score(LocalSpark.get(), r.bundle(), corpus.toString(), files).collectAsList()) {
            assertTrue(row.isNullAt(4), row.toString());
            List<Object> p = row.getList(2);
            float[] f = new float[p.size()];
            for (int k = 0; k < f.length; k++) {
                f[k] = (Float) p.get(k);
            }
            out.put(row.getString(0), f);
        }
        return out;
    }
}
