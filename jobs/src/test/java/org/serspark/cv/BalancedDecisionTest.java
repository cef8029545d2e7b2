package org.serspark.cv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.serspark.audio.Perturbation;
import org.serspark.cli.Main;
import org.serspark.features.FeatureSelection;
import org.serspark.model.ClipPredictor;
import org.serspark.model.DecisionRule;
import org.serspark.model.EnsemblePredictor;
import org.serspark.model.ModelBundle;
import org.serspark.model.ModelConfig;
import org.serspark.ravdess.RavdessFileName;
import org.serspark.synth.SynthCorpus;
import org.serspark.synth.SynthSpec;
import org.serspark.train.SpeedPerturbationTrainingTest;

/**
 * {@code training.decision: balanced}: each network's test probabilities divided by the emotions' shares of its own
 * training clips, in cv and in predict, on a corpus whose emotions are not equally frequent.
 */
class BalancedDecisionTest {

    static CvOptions options(Path features, Path out, DecisionRule rule) {
        return options(features, out, rule, false);
    }

    static CvOptions options(Path features, Path out, DecisionRule rule, boolean withLastEpoch) {
        return new CvOptions(features.toString(), out, org.serspark.folds.FoldScheme.parse("kfold:2"),
                List.of(TestTimeSpeedsTest.SINGLE),
                Map.of(TestTimeSpeedsTest.SINGLE, ModelConfig.paper(TestTimeSpeedsTest.SINGLE, 182, 8)),
                LastEpochTest.EARLY_STOPPING, 1, 42, Map.of("profile", "test"), FeatureSelection.ALL, 1, List.of(),
                withLastEpoch, LaterEpochs.NONE, rule);
    }

    /** The corpus's clips of these actors per emotion, counted from the file names. */
    static long[] clipsPerClass(Path corpus, Set<Integer> actors) throws java.io.IOException {
        long[] out = new long[8];
        try (Stream<Path> files = Files.walk(corpus)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".wav")).toList()) {
                RavdessFileName n = RavdessFileName.parse(p.getFileName().toString());
                if (actors.contains(n.actor())) {
                    out[n.emotion().code() - 1]++;
                }
            }
        }
        return out;
    }

    @Test
    void eachNetworksProbabilitiesAreDividedByTheSharesOfItsTrainingClips(@TempDir Path tmp) throws Exception {
        // 4 actors x 16 clips (two of each emotion), less the strong calm and strong happy clips: calm and happy are
        // half as frequent as the rest
        Path corpus = tmp.resolve("corpus");
        SynthCorpus.write(SynthSpec.defaults().withActors(4).withClipsPerActor(16).withDurationSeconds(1.0), corpus);
        try (Stream<Path> files = Files.walk(corpus)) {
            for (Path p : files.filter(f -> f.getFileName().toString().matches("03-01-0[23]-02-.*\\.wav")).toList()) {
                Files.delete(p);
            }
        }
        Path features = tmp.resolve("extract");
        SpeedPerturbationTrainingTest.extract(corpus, features, Perturbation.NONE);
        Path plain = tmp.resolve("cv-argmax");
        TestTimeSpeedsTest.run(options(features, plain, DecisionRule.ARGMAX));

        // the same networks scored again (docs/cv.md): the trained folds copied without their test predictions
        Path balanced = tmp.resolve("cv-balanced");
        LastEpochTest.copyTrained(plain, balanced);
        Map<String, Object> metrics = TestTimeSpeedsTest.run(options(features, balanced, DecisionRule.BALANCED));
        assertEquals("balanced", metrics.get("decision"));
        assertEquals("balanced", TestTimeSpeedsTest.JSON.readTree(balanced.resolve("cv.json").toFile())
                .get("decision").asText());
        assertFalse(TestTimeSpeedsTest.JSON.readTree(plain.resolve("cv.json").toFile()).has("decision"),
                "argmax is not recorded, so the runs from before the setting resume");

        int moved = 0;
        for (int fold = 1; fold <= 2; fold++) {
            Path pair = LastEpochTest.pair(balanced, fold);
            TreeSet<Integer> trainActors = new TreeSet<>();
            TestTimeSpeedsTest.JSON.readTree(pair.resolve("train.json").toFile()).get("train_actors")
                    .forEach(a -> trainActors.add(a.asInt()));
            long[] counts = clipsPerClass(corpus, trainActors);
            assertEquals(counts[0], 2 * counts[1], "calm is half as frequent as neutral: " + trainActors);
            assertEquals(counts[0], 2 * counts[2]);
            assertArrayEquals(counts, DecisionRule.clipsPerClass(ModelBundle.load(pair.resolve("model.zip"))),
                    "the trainer records its training clips per class in the bundle");

            JsonNode argmax = TestTimeSpeedsTest.JSON.readTree(LastEpochTest.pair(plain, fold)
                    .resolve("test_predictions.json").toFile());
            JsonNode written = TestTimeSpeedsTest.JSON.readTree(pair.resolve("test_predictions.json").toFile());
            assertEquals(28, written.size(), "two test actors of 14 clips");
            for (int i = 0; i < written.size(); i++) {
                float[] p = new float[8];
                for (int k = 0; k < 8; k++) {
                    p[k] = (float) argmax.get(i).get("probabilities").get(k).asDouble();
                }
                float[] expected = DecisionRule.BALANCED.apply(p, counts);
                for (int k = 0; k < 8; k++) {
                    assertEquals(expected[k], written.get(i).get("probabilities").get(k).asDouble(), 1e-6,
                            written.get(i).get("path") + " class " + k);
                }
                // calm and happy, half as frequent in training, doubled against the rest before renormalising
                assertEquals(2 * p[1] / p[0], expected[1] / expected[0], 1e-3 * expected[1] / expected[0]);
                moved += Math.abs(expected[1] - p[1]) > 1e-3 ? 1 : 0;
            }
        }
        assertTrue(moved > 28, "calm's probability moves on most clips: " + moved + " of 56");

        // predict --decision balanced with the pair's folder reads the same probabilities from the files
        Path pair = LastEpochTest.pair(balanced, 1);
        Path csv = tmp.resolve("predicted.csv");
        assertEquals(0, Main.execute("predict", "--model", pair.toString(), "--decision", "balanced",
                "--output", csv.toString(), "--profile=", corpus.toString()));
        EnsemblePredictTest.assertPredictedAsCv(csv, pair.resolve("test_predictions.json"));
        // beside the CSV, and inside a Parquet output: what made the predictions
        Path parquet = tmp.resolve("predicted");
        assertEquals(0, Main.execute("predict", "--model", pair.toString(), "--output", parquet.toString(),
                "--profile=", corpus.toString()));
        for (Path prov : List.of(Path.of(csv + ".provenance.json"), parquet.resolve("_provenance.json"))) {
            JsonNode p = TestTimeSpeedsTest.JSON.readTree(prov.toFile());
            assertEquals("serspark predict", p.get("kind").asText(), prov.toString());
            assertEquals(prov.startsWith(parquet) ? "argmax" : "balanced", p.get("decision").asText());
            assertEquals(56, p.get("files").asInt());
            assertEquals(0, p.get("failed").asInt());
            assertEquals(1, p.get("networks").size());
            assertEquals(pair.resolve("model.zip").toString(), p.get("networks").get(0).get("model").asText());
            assertEquals("fold 1 " + TestTimeSpeedsTest.SINGLE.id(), p.get("networks").get(0).get("label").asText());
            assertTrue(p.get("code_version").asText().startsWith("0."), p.get("code_version").asText());
            assertTrue(p.get("configuration").has("training"), "the resolved configuration");
        }
        assertEquals(56, org.serspark.spark.LocalSpark.get().read().parquet(parquet.toString()).count(),
                "Spark reads the Parquet output past the provenance file");

        // a network scored with two epochs is read once, their mean: predict --with-last-epoch gets what cv got
        Path twoEpochs = tmp.resolve("cv-balanced-last");
        LastEpochTest.copyTrained(plain, twoEpochs);
        Path pair1 = LastEpochTest.pair(twoEpochs, 1);
        Files.copy(LastEpochTest.pair(plain, 2).resolve("model.zip"), pair1.resolve("checkpoints/last.zip"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING); // so that its two networks surely differ
        TestTimeSpeedsTest.run(options(features, twoEpochs, DecisionRule.BALANCED, true));
        Path csvLast = tmp.resolve("predicted-last.csv");
        assertEquals(0, Main.execute("predict", "--model", pair1.toString(), "--with-last-epoch", "--decision",
                "balanced", "--output", csvLast.toString(), "--profile=", corpus.toString()));
        EnsemblePredictTest.assertPredictedAsCv(csvLast, pair1.resolve("test_predictions.json"));

        // a network trained before serspark recorded its training clips per class cannot be read balanced
        ModelBundle b = ModelBundle.load(pair.resolve("model.zip"));
        Map<String, Object> older = new LinkedHashMap<>(b.metadata());
        older.remove(DecisionRule.CLIPS_PER_CLASS);
        ModelBundle old = new ModelBundle(b.network(), b.normalizer(), b.featureConfig(), b.labels(), older);
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> new EnsemblePredictor(
                List.of(new ClipPredictor(b), new ClipPredictor(old)), List.of("new.zip", "old.zip"),
                DecisionRule.BALANCED));
        assertEquals("old.zip records no training clips per class (train_clips_per_class, trained before serspark "
                + "recorded them), which the balanced decision needs: score it with decision argmax",
                missing.getMessage());
        new EnsemblePredictor(List.of(new ClipPredictor(old)), List.of("old.zip"), DecisionRule.ARGMAX);

        IllegalStateException other = assertThrows(IllegalStateException.class,
                () -> TestTimeSpeedsTest.run(options(features, plain, DecisionRule.BALANCED)));
        assertTrue(other.getMessage().contains("holds a cross-validation with other settings"), other.getMessage());
    }
}
