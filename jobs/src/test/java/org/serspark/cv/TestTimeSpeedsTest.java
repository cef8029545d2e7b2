package org.serspark.cv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.serspark.features.FeatureSelection;
import org.serspark.folds.FoldScheme;
import org.serspark.model.ClassWeights;
import org.serspark.model.LearningRateSchedule;
import org.serspark.model.ModelArchitecture;
import org.serspark.model.ModelBundle;
import org.serspark.model.ModelConfig;
import org.serspark.model.TrainingConfig;
import org.serspark.predict.PredictJob;
import org.serspark.spark.LocalSpark;
import org.serspark.train.ClipPreparation;
import org.serspark.train.ClipSelection;
import org.serspark.train.FeatureDataset;
import org.serspark.train.Prediction;
import org.serspark.train.SparkScorer;
import org.serspark.train.SpeedPerturbationTrainingTest;

/** {@code training.test_speeds}: test clips also scored from their {@code extract --speed} copies, averaged. */
class TestTimeSpeedsTest {
    static final ModelArchitecture SINGLE = ModelArchitecture.SINGLE_LSTM;
    static final ObjectMapper JSON = new ObjectMapper();

    static CvOptions options(Path features, Path out, List<Double> testSpeeds) {
        // per-speaker normalisation: each copy must be standardised with its own statistics, as in training
        TrainingConfig tc = TrainingConfig.builder().batchSize(16).epochs(1).averagingFrequency(1).trimSilenceDb(20)
                .normalization(TrainingConfig.Normalization.SPEAKER).build();
        return new CvOptions(features.toString(), out, FoldScheme.parse("kfold:2"), List.of(SINGLE),
                Map.of(SINGLE, ModelConfig.paper(SINGLE, 182, 8)), tc, 1, 42, Map.of("profile", "test"),
                FeatureSelection.ALL, 1, testSpeeds);
    }

    static Map<String, Object> run(CvOptions o) throws Exception {
        return new CrossValidationJob(LocalSpark.get(), new PrintStream(new ByteArrayOutputStream())).run(o);
    }

    static List<Prediction> score(ModelBundle bundle, FeatureDataset data, TreeSet<Integer> actors,
                                  TrainingConfig tc) {
        return SparkScorer.predict(JavaSparkContext.fromSparkContext(LocalSpark.get().sparkContext()),
                bundle.network(), ClipPreparation.apply(data, ClipSelection.actors(actors), tc), bundle.normalizer(),
                8, 64, 0);
    }

    @Test
    void eachTestClipIsTheMeanOfItsRecordingAndItsSlowedCopy(@TempDir Path tmp) throws Exception {
        Path features = SpeedPerturbationTrainingTest.extractWithCopies(tmp, 4, 0.9);
        Path corpus = tmp.resolve("corpus");

        Path out = tmp.resolve("cv");
        CvOptions o = options(features, out, List.of(0.9));
        run(o);
        JsonNode metrics = JSON.readTree(out.resolve("metrics.json").toFile());
        assertEquals("[0.9]", metrics.get("test_speeds").toString());
        assertEquals("[0.9]", JSON.readTree(out.resolve("cv.json").toFile()).get("test_speeds").toString());

        FeatureDataset data = FeatureDataset.open(LocalSpark.get(), features.toString());
        int differing = 0;
        for (JsonNode fold : metrics.get("folds")) {
            TreeSet<Integer> test = new TreeSet<>();
            fold.get("test_actors").forEach(a -> test.add(a.asInt()));
            Path pair = out.resolve(String.format("folds/fold-%02d/%s", fold.get("fold").asInt(), SINGLE.id()));
            ModelBundle bundle = ModelBundle.load(pair.resolve("model.zip"));
            Map<String, float[]> recorded = byPath(score(bundle, data, test, o.training()));
            Map<String, float[]> slowed = byPath(score(bundle, data.atSpeed(0.9), test, o.training()));
            JsonNode written = JSON.readTree(pair.resolve("test_predictions.json").toFile());
            assertEquals(test.size() * 16, written.size());
            for (JsonNode row : written) {
                String path = row.get("path").asText();
                float[] r = recorded.get(path);
                float[] s = slowed.get(path);
                double gap = 0;
                for (int k = 0; k < 8; k++) {
                    double p = row.get("probabilities").get(k).asDouble();
                    assertEquals((r[k] + s[k]) / 2, p, 1e-5, path + " class " + k);
                    gap = Math.max(gap, Math.abs(p - r[k]));
                }
                differing += gap > 1e-3 ? 1 : 0;
            }
        }
        assertTrue(differing > 32, "the copies change most predictions: " + differing + " of 64 clips");

        // predict --test-speeds plays the WAV files itself and gets what cv got from the extract's copies
        JsonNode fold1 = metrics.get("folds").get(0);
        Path pair = out.resolve(String.format("folds/fold-%02d/%s", fold1.get("fold").asInt(), SINGLE.id()));
        List<String> files = new java.util.ArrayList<>();
        for (JsonNode a : fold1.get("test_actors")) {
            try (var s = java.nio.file.Files.list(corpus.resolve(String.format("Actor_%02d", a.asInt())))) {
                s.sorted().forEach(p -> files.add(corpus.relativize(p).toString()));
            }
        }
        Map<String, float[]> predicted = new HashMap<>();
        for (Row r : PredictJob.score(LocalSpark.get(), pair.resolve("model.zip"), corpus.toString(), files,
                List.of(0.9)).collectAsList()) {
            assertTrue(r.isNullAt(4), r.toString());
            float[] p = new float[8];
            for (int k = 0; k < 8; k++) {
                p[k] = (Float) r.getList(2).get(k);
            }
            predicted.put(r.getString(0), p);
        }
        JsonNode fromCv = JSON.readTree(pair.resolve("test_predictions.json").toFile());
        assertEquals(files.size(), fromCv.size());
        for (JsonNode row : fromCv) {
            float[] p = predicted.get(row.get("path").asText());
            for (int k = 0; k < 8; k++) {
                assertEquals(row.get("probabilities").get(k).asDouble(), p[k], 1e-4, row.get("path") + " class " + k);
            }
        }

        IllegalStateException other = assertThrows(IllegalStateException.class,
                () -> run(options(features, out, List.of())));
        assertTrue(other.getMessage().contains("holds a cross-validation with other settings"), other.getMessage());

        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> run(options(features, tmp.resolve("cv-fast"), List.of(1.1))));
        assertTrue(missing.getMessage().contains("no copy of the corpus at speed 1.1")
                && missing.getMessage().contains("serspark extract --input CORPUS --output " + data.root()
                        + "/speed-1.1 --speed 1.1"), missing.getMessage());
        assertTrue(!java.nio.file.Files.exists(tmp.resolve("cv-fast")), "stopped before training anything");
    }

    static Map<String, float[]> byPath(List<Prediction> preds) {
        Map<String, float[]> m = new HashMap<>();
        for (Prediction p : preds) {
            m.put(p.path(), p.probabilities());
        }
        return m;
    }
}
