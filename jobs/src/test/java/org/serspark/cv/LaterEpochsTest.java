package org.serspark.cv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
import org.serspark.model.ParameterMean;
import org.serspark.model.TrainingConfig;
import org.serspark.spark.LocalSpark;
import org.serspark.train.FeatureDataset;
import org.serspark.train.ParameterAveragingTrainer;
import org.serspark.train.SpeedPerturbationTrainingTest;

/**
 * {@code training.with_later_epochs}: training with early stopping keeps the networks of the epochs after the kept
 * one ({@code checkpoints/epoch-N.zip}), and cv and predict average the kept network's probabilities with theirs.
 */
class LaterEpochsTest {
    /** Early stopping with more epochs than {@link LastEpochTest}'s, so that epochs after the kept one are likely. */
    static final TrainingConfig EARLY_STOPPING = LastEpochTest.EARLY_STOPPING.toBuilder().epochs(5).build();

    static CvOptions options(Path features, Path out, TrainingConfig tc, boolean withLast, LaterEpochs later) {
        return new CvOptions(features.toString(), out, org.serspark.folds.FoldScheme.parse("kfold:2"),
                List.of(TestTimeSpeedsTest.SINGLE),
                Map.of(TestTimeSpeedsTest.SINGLE, ModelConfig.paper(TestTimeSpeedsTest.SINGLE, 182, 8)), tc, 1, 42,
                Map.of("profile", "test"), FeatureSelection.ALL, 1, List.of(), withLast, later);
    }

    static TreeSet<String> epochFiles(Path pair) throws Exception {
        TreeSet<String> out = new TreeSet<>();
        try (Stream<Path> files = Files.list(pair.resolve("checkpoints"))) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("epoch-")).forEach(out::add);
        }
        return out;
    }

    static TreeSet<String> expectedFiles(int from, int to) {
        TreeSet<String> out = new TreeSet<>();
        for (int e = from; e <= to; e++) {
            out.add("epoch-" + e + ".zip");
        }
        return out;
    }

    /** A pair's kept network and those of the epochs after it up to {@code last}. */
    static List<Path> networks(Path pair, int kept, int last) {
        List<Path> out = new ArrayList<>(List.of(pair.resolve("model.zip")));
        for (int e = kept + 1; e <= last; e++) {
            out.add(pair.resolve("checkpoints/epoch-" + e + ".zip"));
        }
        return out;
    }

    @Test
    void trainingKeepsTheEpochsAfterTheKeptOneAndScoringAveragesThemAll(@TempDir Path tmp) throws Exception {
        Path features = SpeedPerturbationTrainingTest.extractWithCopies(tmp, 4);
        Path kept = tmp.resolve("cv-kept");
        TestTimeSpeedsTest.run(options(features, kept, EARLY_STOPPING, false, LaterEpochs.NONE));

        // what training left: exactly the epochs after the kept one, the last of them the network of last.zip
        int[] keptEpoch = new int[3];
        int[] lastEpoch = new int[3];
        for (int fold = 1; fold <= 2; fold++) {
            Path pair = LastEpochTest.pair(kept, fold);
            JsonNode m = TestTimeSpeedsTest.JSON.readTree(pair.resolve("metrics.json").toFile());
            int k = m.get("kept_epoch").asInt();
            int last = m.get("last_epoch").asInt();
            // patience 3 stops 5 epochs early only when epoch 1 stays the best: after epoch 4
            assertEquals(k == 1 ? 4 : 5, last, "fold " + fold + ", kept epoch " + k);
            keptEpoch[fold] = k;
            lastEpoch[fold] = last;
            assertEquals(expectedFiles(k + 1, last), epochFiles(pair), "fold " + fold + ", kept epoch " + k);
            if (k < last) {
                assertArrayEquals(ModelBundle.load(pair.resolve("checkpoints/last.zip")).network().params()
                        .toFloatVector(), ModelBundle.load(pair.resolve("checkpoints/epoch-" + last + ".zip"))
                        .network().params().toFloatVector(), "epoch-" + last + ".zip is the last epoch's network");
            }
        }

        assertTrue(keptEpoch[1] < lastEpoch[1] || keptEpoch[2] < lastEpoch[2], "no fold kept an epoch before the "
                + "last, so nothing above was checked: kept " + keptEpoch[1] + ", " + keptEpoch[2]);

        // scored again with the later epochs, the trained folds copied without their test predictions; fold 1 given
        // two later networks that surely differ from its own (fold 2's kept and last), as LastEpochTest does
        Path later = tmp.resolve("cv-later");
        LastEpochTest.copyTrained(kept, later);
        Path fold1 = LastEpochTest.pair(later, 1);
        for (String f : epochFiles(fold1)) {
            Files.delete(fold1.resolve("checkpoints").resolve(f));
        }
        int k1 = keptEpoch[1];
        Files.copy(LastEpochTest.pair(kept, 2).resolve("model.zip"), fold1.resolve("checkpoints/epoch-" + (k1 + 1)
                + ".zip"));
        Path missingFile = fold1.resolve("checkpoints/epoch-" + (k1 + 2) + ".zip");
        ObjectNode m1 = (ObjectNode) TestTimeSpeedsTest.JSON.readTree(fold1.resolve("metrics.json").toFile());
        m1.put("last_epoch", k1 + 2);
        TestTimeSpeedsTest.JSON.writeValue(fold1.resolve("metrics.json").toFile(), m1);
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> TestTimeSpeedsTest.run(options(features, later, EARLY_STOPPING, false, LaterEpochs.PROBABILITIES)));
        assertEquals(missingFile + ": no such file; training.with_later_epochs also scores the networks of epochs "
                + (k1 + 1) + "-" + (k1 + 2) + " (after the kept epoch " + k1 + "), which train keeps there (was "
                + "checkpoints/ deleted, or the folder copied without it?)", missing.getMessage());
        assertFalse(Files.exists(fold1.resolve("test_predictions.json")));
        Files.copy(LastEpochTest.pair(kept, 2).resolve("checkpoints/last.zip"), missingFile);
        Map<String, Object> metrics = TestTimeSpeedsTest.run(options(features, later, EARLY_STOPPING, false, LaterEpochs.PROBABILITIES));
        assertEquals(Boolean.TRUE, metrics.get("with_later_epochs"));
        assertEquals(Boolean.FALSE, metrics.get("with_last_epoch"));
        assertTrue(TestTimeSpeedsTest.JSON.readTree(later.resolve("cv.json").toFile()).get("with_later_epochs")
                .asBoolean());

        FeatureDataset data = FeatureDataset.open(LocalSpark.get(), features.toString());
        int differing = 0;
        for (int fold = 1; fold <= 2; fold++) {
            Path pair = LastEpochTest.pair(later, fold);
            int k = keptEpoch[fold];
            int last = fold == 1 ? k + 2 : lastEpoch[fold];
            List<Path> networks = networks(pair, k, last);
            JsonNode written = TestTimeSpeedsTest.JSON.readTree(pair.resolve("test_predictions.json").toFile());
            TreeSet<Integer> test = new TreeSet<>();
            written.forEach(r -> test.add(r.get("actor").asInt()));
            List<Map<String, float[]>> each = new ArrayList<>();
            for (Path n : networks) {
                each.add(TestTimeSpeedsTest.byPath(TestTimeSpeedsTest.score(ModelBundle.load(n), data, test,
                        EARLY_STOPPING)));
            }
            assertEquals(32, written.size());
            for (JsonNode row : written) {
                String path = row.get("path").asText();
                double gap = 0;
                for (int c = 0; c < 8; c++) {
                    double mean = 0;
                    for (Map<String, float[]> e : each) {
                        mean += e.get(path)[c] / each.size();
                    }
                    double p = row.get("probabilities").get(c).asDouble();
                    assertEquals(mean, p, 1e-5, "fold " + fold + " " + path + " class " + c);
                    gap = Math.max(gap, Math.abs(p - each.get(0).get(path)[c]));
                }
                differing += fold == 1 && gap > 1e-3 ? 1 : 0;
            }
        }
        assertTrue(differing > 16, "fold 1's other networks move most of its clips: " + differing + " of 32");

        // predict --with-later-epochs with fold 1's folder scores the same three networks
        Path csv = tmp.resolve("predicted.csv");
        assertEquals(0, Main.execute("predict", "--model", fold1.toString(), "--with-later-epochs",
                "--output", csv.toString(), "--profile=", tmp.resolve("corpus").toString()));
        EnsemblePredictTest.assertPredictedAsCv(csv, fold1.resolve("test_predictions.json"));
        assertEquals(2, Main.execute("predict", "--model", fold1.toString(), "--with-later-epochs",
                "--with-last-epoch", "--output", tmp.resolve("both.csv").toString(), "--profile=",
                tmp.resolve("corpus").toString()));
        assertFalse(Files.exists(tmp.resolve("both.csv")));

        // the same networks with their parameters averaged instead: one network scores, in cv and in predict
        Path mean = tmp.resolve("cv-parameters");
        LastEpochTest.copyTrained(later, mean);
        TestTimeSpeedsTest.run(options(features, mean, EARLY_STOPPING, false, LaterEpochs.PARAMETERS));
        assertEquals("parameters", TestTimeSpeedsTest.JSON.readTree(mean.resolve("cv.json").toFile())
                .get("later_epochs_mean").asText());
        double apart = 0;
        for (int fold = 1; fold <= 2; fold++) {
            Path pair = LastEpochTest.pair(mean, fold);
            JsonNode written = TestTimeSpeedsTest.JSON.readTree(pair.resolve("test_predictions.json").toFile());
            JsonNode byProbabilities = TestTimeSpeedsTest.JSON.readTree(LastEpochTest.pair(later, fold)
                    .resolve("test_predictions.json").toFile());
            TreeSet<Integer> test = new TreeSet<>();
            written.forEach(r -> test.add(r.get("actor").asInt()));
            Map<String, float[]> want = TestTimeSpeedsTest.byPath(TestTimeSpeedsTest.score(ParameterMean.of(
                    networks(pair, keptEpoch[fold], fold == 1 ? keptEpoch[1] + 2 : lastEpoch[fold])), data, test,
                    EARLY_STOPPING));
            for (int i = 0; i < written.size(); i++) {
                JsonNode row = written.get(i);
                for (int c = 0; c < 8; c++) {
                    double p = row.get("probabilities").get(c).asDouble();
                    assertEquals(want.get(row.get("path").asText())[c], p, 1e-5, "fold " + fold + " " + row);
                    apart = Math.max(apart, Math.abs(p - byProbabilities.get(i).get("probabilities").get(c)
                            .asDouble()));
                }
            }
        }
        assertTrue(apart > 1e-3, "the mean of parameters is not the mean of probabilities: " + apart);
        Path meanCsv = tmp.resolve("mean.csv");
        assertEquals(0, Main.execute("predict", "--model", fold1.toString(), "--with-later-epochs",
                "--later-epochs-mean", "parameters", "--output", meanCsv.toString(), "--profile=",
                tmp.resolve("corpus").toString()));
        EnsemblePredictTest.assertPredictedAsCv(meanCsv, LastEpochTest.pair(mean, 1).resolve("test_predictions.json"));
        IllegalArgumentException mode = assertThrows(IllegalArgumentException.class,
                () -> LaterEpochs.of(true, "weights"));
        assertEquals("training.later_epochs_mean must be probabilities or parameters, got 'weights'",
                mode.getMessage());

        // a network trained before last_epoch was recorded: refused, naming its metrics.json
        ObjectNode old = (ObjectNode) TestTimeSpeedsTest.JSON.readTree(fold1.resolve("metrics.json").toFile());
        old.remove("last_epoch");
        TestTimeSpeedsTest.JSON.writeValue(fold1.resolve("metrics.json").toFile(), old);
        IllegalStateException before = assertThrows(IllegalStateException.class,
                () -> ParameterAveragingTrainer.laterNetworks(fold1));
        assertTrue(before.getMessage().startsWith(fold1.resolve("metrics.json") + " does not give kept_epoch and "
                + "last_epoch"), before.getMessage());

        IllegalStateException other = assertThrows(IllegalStateException.class,
                () -> TestTimeSpeedsTest.run(options(features, kept, EARLY_STOPPING, false, LaterEpochs.PROBABILITIES)));
        assertTrue(other.getMessage().contains("holds a cross-validation with other settings"), other.getMessage());
        IllegalArgumentException both = assertThrows(IllegalArgumentException.class,
                () -> options(features, tmp.resolve("cv-both"), EARLY_STOPPING, true, LaterEpochs.PROBABILITIES));
        assertTrue(both.getMessage().startsWith("training.with_later_epochs already scores the last epoch's "
                + "network"), both.getMessage());
        IllegalArgumentException noStopping = assertThrows(IllegalArgumentException.class,
                () -> options(features, tmp.resolve("cv-later2"), EARLY_STOPPING.toBuilder().patience(0).build(),
                        false, LaterEpochs.PROBABILITIES));
        assertEquals("training.with_later_epochs needs early stopping (early_stopping.patience > 0): without it "
                + "the network kept is the last epoch's", noStopping.getMessage());
    }
}
