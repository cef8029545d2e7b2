package org.serspark.cv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.serspark.cli.Main;
import org.serspark.features.FeatureSelection;
import org.serspark.model.ModelBundle;
import org.serspark.model.ModelConfig;
import org.serspark.model.TrainingConfig;
import org.serspark.spark.LocalSpark;
import org.serspark.train.FeatureDataset;
import org.serspark.train.SpeedPerturbationTrainingTest;

/**
 * {@code training.with_last_epoch}: each network's test probabilities averaged with those of its last epoch's network
 * ({@code checkpoints/last.zip}), in cv and in predict.
 */
class LastEpochTest {
    static final TrainingConfig EARLY_STOPPING = TrainingConfig.builder().batchSize(16).epochs(2).patience(3)
            .averagingFrequency(1).trimSilenceDb(20).normalization(TrainingConfig.Normalization.SPEAKER).build();

    static CvOptions options(Path features, Path out, TrainingConfig tc, boolean withLastEpoch) {
        return new CvOptions(features.toString(), out, org.serspark.folds.FoldScheme.parse("kfold:2"),
                List.of(TestTimeSpeedsTest.SINGLE),
                Map.of(TestTimeSpeedsTest.SINGLE, ModelConfig.paper(TestTimeSpeedsTest.SINGLE, 182, 8)), tc, 1, 42,
                Map.of("profile", "test"), FeatureSelection.ALL, 1, List.of(), withLastEpoch);
    }

    static Path pair(Path run, int fold) {
        return run.resolve(String.format("folds/fold-%02d/%s", fold, TestTimeSpeedsTest.SINGLE.id()));
    }

    /** A cv run's trained folds copied into {@code to} without their test predictions, to be scored again. */
    static void copyTrained(Path run, Path to) throws java.io.IOException {
        try (Stream<Path> files = Files.walk(run.resolve("folds"))) {
            for (Path p : files.toList()) {
                Path target = to.resolve(run.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else if (!p.getFileName().toString().equals("test_predictions.json")) {
                    Files.copy(p, target);
                }
            }
        }
    }

    @Test
    void eachTestClipIsTheMeanOfTheKeptAndTheLastEpochsNetworks(@TempDir Path tmp) throws Exception {
        Path features = SpeedPerturbationTrainingTest.extractWithCopies(tmp, 4);
        Path kept = tmp.resolve("cv-kept");
        TestTimeSpeedsTest.run(options(features, kept, EARLY_STOPPING, false));

        // the networks scored again, as docs/cv.md does it: the trained folds copied without their test predictions;
        // fold 1's last network swapped for fold 2's, so that the two networks it averages surely differ
        Path both = tmp.resolve("cv-with-last");
        copyTrained(kept, both);
        Files.copy(pair(kept, 2).resolve("model.zip"), pair(both, 1).resolve("checkpoints/last.zip"),
                StandardCopyOption.REPLACE_EXISTING);
        Path fold2Last = pair(both, 2).resolve("checkpoints/last.zip");
        Files.move(fold2Last, tmp.resolve("last.zip"));
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> TestTimeSpeedsTest.run(options(features, both, EARLY_STOPPING, true)));
        assertTrue(missing.getMessage().startsWith(fold2Last + ": no such file; training.with_last_epoch also "
                + "scores the last epoch's network"), missing.getMessage());
        assertTrue(Files.exists(pair(both, 1).resolve("test_predictions.json")), "fold 1 done before fold 2 failed");
        Files.move(tmp.resolve("last.zip"), fold2Last);
        Map<String, Object> metrics = TestTimeSpeedsTest.run(options(features, both, EARLY_STOPPING, true));
        assertEquals(Boolean.TRUE, metrics.get("with_last_epoch"));
        assertTrue(TestTimeSpeedsTest.JSON.readTree(both.resolve("cv.json").toFile()).get("with_last_epoch")
                .asBoolean());

        FeatureDataset data = FeatureDataset.open(LocalSpark.get(), features.toString());
        int differing = 0;
        for (int fold = 1; fold <= 2; fold++) {
            JsonNode written = TestTimeSpeedsTest.JSON.readTree(pair(both, fold).resolve("test_predictions.json")
                    .toFile());
            TreeSet<Integer> test = new TreeSet<>();
            written.forEach(r -> test.add(r.get("actor").asInt()));
            assertEquals(2, test.size());
            Map<String, float[]> best = TestTimeSpeedsTest.byPath(TestTimeSpeedsTest.score(
                    ModelBundle.load(pair(both, fold).resolve("model.zip")), data, test, EARLY_STOPPING));
            Map<String, float[]> last = TestTimeSpeedsTest.byPath(TestTimeSpeedsTest.score(
                    ModelBundle.load(pair(both, fold).resolve("checkpoints/last.zip")), data, test, EARLY_STOPPING));
            JsonNode alone = TestTimeSpeedsTest.JSON.readTree(pair(kept, fold).resolve("test_predictions.json")
                    .toFile());
            assertEquals(32, written.size());
            for (int i = 0; i < written.size(); i++) {
                JsonNode row = written.get(i);
                String path = row.get("path").asText();
                double gap = 0;
                for (int k = 0; k < 8; k++) {
                    double p = row.get("probabilities").get(k).asDouble();
                    assertEquals((best.get(path)[k] + last.get(path)[k]) / 2, p, 1e-5, path + " class " + k);
                    assertEquals(best.get(path)[k], alone.get(i).get("probabilities").get(k).asDouble(), 1e-5,
                            "the run without it scored the kept network alone: " + path);
                    gap = Math.max(gap, Math.abs(p - best.get(path)[k]));
                }
                differing += gap > 1e-3 ? 1 : 0;
            }
        }
        assertTrue(differing > 16, "the other network moves most of fold 1's clips: " + differing + " of 64");

        // predict --with-last-epoch with the pair's folder: the kept network and checkpoints/last.zip, as cv
        Path csv = tmp.resolve("predicted.csv");
        assertEquals(0, Main.execute("predict", "--model", pair(both, 1).toString(), "--with-last-epoch",
                "--output", csv.toString(), "--profile=", tmp.resolve("corpus").toString()));
        EnsemblePredictTest.assertPredictedAsCv(csv, pair(both, 1).resolve("test_predictions.json"));

        IllegalStateException other = assertThrows(IllegalStateException.class,
                () -> TestTimeSpeedsTest.run(options(features, kept, EARLY_STOPPING, true)));
        assertTrue(other.getMessage().contains("holds a cross-validation with other settings"), other.getMessage());
        IllegalArgumentException noStopping = assertThrows(IllegalArgumentException.class,
                () -> options(features, tmp.resolve("cv-last"), EARLY_STOPPING.toBuilder().patience(0).build(), true));
        assertEquals("training.with_last_epoch needs early stopping (early_stopping.patience > 0): without it the "
                + "network kept is the last epoch's", noStopping.getMessage());
        assertFalse(Files.exists(tmp.resolve("cv-last")));
    }
}
