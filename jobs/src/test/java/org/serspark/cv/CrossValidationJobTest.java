package org.serspark.cv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.serspark.folds.FoldScheme;
import org.serspark.folds.ValidationActors;
import org.serspark.model.ModelArchitecture;
import org.serspark.model.ModelConfig;
import org.serspark.model.TrainingConfig;
import org.serspark.spark.LocalSpark;
import org.serspark.train.SyntheticCorpusFixture;

class CrossValidationJobTest {
    static final List<ModelArchitecture> BOTH = List.of(ModelArchitecture.DUAL_LSTM, ModelArchitecture.SINGLE_LSTM);

    static CvOptions options(Path out, String scheme, List<ModelArchitecture> models) throws Exception {
        Map<ModelArchitecture, ModelConfig> mcs = new EnumMap<>(ModelArchitecture.class);
        for (ModelArchitecture a : models) {
            mcs.put(a, ModelConfig.paper(a, 182, 8));
        }
        TrainingConfig tc = TrainingConfig.builder().batchSize(16).epochs(1).averagingFrequency(1).build();
        return new CvOptions(SyntheticCorpusFixture.extracted().toString(), out, FoldScheme.parse(scheme), models,
                mcs, tc, 1, 42, Map.of("profile", "test"));
    }

    static Map<String, Object> run(CvOptions o) throws Exception {
        return new CrossValidationJob(LocalSpark.get(), new PrintStream(new ByteArrayOutputStream())).run(o);
    }

    @Test
    void networksSizedForOtherFeaturesAreRefusedBeforeAnyTraining(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("cv");
        CvOptions right = options(out, "kfold:2", List.of(ModelArchitecture.SINGLE_LSTM));
        // what a configuration with the pitch block sizes on features extracted without it
        CvOptions wrong = new CvOptions(right.features(), out, right.scheme(), right.models(),
                Map.of(ModelArchitecture.SINGLE_LSTM, ModelConfig.paper(ModelArchitecture.SINGLE_LSTM, 184, 8)),
                right.training(), 1, 42, Map.of("profile", "test"));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> run(wrong));
        assertEquals("single-lstm is built for 184 values per frame, but " + right.features() + " gives 182 (182 "
                + "features per frame, without the pitch block, blocks all): use the configuration the features were "
                + "extracted with (features.pitch and the other features.* settings)", e.getMessage());
        assertFalse(java.nio.file.Files.exists(out), "nothing written");
    }

    @Test
    void writesMetricsPredictionsAndResumesOnlyWhatIsMissing(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("cv");
        Map<String, Object> first = run(options(out, "kfold:2", BOTH));
        assertEquals(4, first.get("fold_model_runs_this_invocation"));

        JsonNode m = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        assertTrue(m.get("speaker_independent").asBoolean());
        assertEquals(2, m.get("folds").size());
        Set<Integer> tested = new HashSet<>();
        for (JsonNode f : m.get("folds")) {
            Set<Integer> train = new HashSet<>();
            f.get("train_actors").forEach(a -> train.add(a.asInt()));
            for (JsonNode a : f.get("test_actors")) {
                assertFalse(train.contains(a.asInt()), "test actor " + a + " never trains");
                tested.add(a.asInt());
            }
            for (JsonNode v : f.get("val_actors")) {
                assertTrue(train.contains(v.asInt()), "validation actors come from the training actors");
            }
            for (ModelArchitecture arch : BOTH) {
                JsonNode fm = f.get("models").get(arch.id());
                assertEquals(4 * 32, fm.get("metrics").get("n_samples").asInt());
                assertEquals(8, fm.get("metrics").get("confusion_matrix").get("counts").size());
                assertEquals(4, fm.get("per_actor_accuracy").size());
                assertNotNull(fm.get("per_gender_accuracy").get("male"));
                assertEquals(1, fm.get("learning_curve").size());
            }
        }
        assertEquals(8, tested.size(), "every actor is tested exactly once");
        for (ModelArchitecture arch : BOTH) {
            JsonNode s = m.get("summary").get(arch.id());
            assertEquals(2, s.get("uar").get("n").asInt());
            assertEquals(8 * 32, sum(s.get("confusion_matrix").get("counts")));
        }
        JsonNode cmp = m.get("comparison").get("uar");
        double a = m.get("summary").get("dual-lstm").get("uar").get("mean").asDouble();
        double b = m.get("summary").get("single-lstm").get("uar").get("mean").asDouble();
        assertEquals(a - b, cmp.get("mean_difference").asDouble(), 1e-9);
        assertNotNull(cmp.get("t_test").get("df"));
        assertTrue(m.get("anchors").size() >= 3);

        List<String> csv = Files.readAllLines(out.resolve("per_fold.csv"));
        assertEquals(5, csv.size());
        Dataset<Row> preds = LocalSpark.get().read().parquet(out.resolve("predictions").toString());
        assertEquals(List.of("path", "model", "fold", "actor", "true_emotion", "predicted_emotion", "probabilities"),
                List.of(preds.columns()));
        assertEquals(2 * 8 * 32, preds.count());
        assertEquals(2, preds.select("fold").distinct().count());
        assertEquals(1, preds.filter("fold = 1").select("fold").first().getInt(0), "folds are 1-based");
        Row r = preds.first();
        List<Object> p = r.getList(6);
        assertEquals(8, p.size());
        double sum = 0;
        for (Object x : p) {
            sum += (Float) x;
        }
        assertEquals(1.0, sum, 1e-4);

        // an interrupted CV resumes at what is missing: drop one (fold, model) and run again
        Path single2 = out.resolve("folds/fold-02/single-lstm");
        byte[] fold1Before = Files.readAllBytes(out.resolve("folds/fold-01/dual-lstm/test_predictions.json"));
        Files.delete(single2.resolve("test_predictions.json"));
        Map<String, Object> second = run(options(out, "kfold:2", BOTH));
        assertEquals(1, second.get("fold_model_runs_this_invocation"));
        assertTrue(Files.exists(single2.resolve("test_predictions.json")));
        assertTrue(java.util.Arrays.equals(fold1Before,
                Files.readAllBytes(out.resolve("folds/fold-01/dual-lstm/test_predictions.json"))));
    }

    @Test
    void ensembleAveragesMembersTrainedWithTheirOwnSeedsAndResumes(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("cv");
        CvOptions one = options(out, "kfold:2", List.of(ModelArchitecture.SINGLE_LSTM));
        CvOptions two = new CvOptions(one.features(), out, one.scheme(), one.models(), one.modelConfigs(),
                one.training(), one.validationActors(), one.seed(), one.provenance(), one.featureBlocks(), 2);
        IllegalArgumentException none = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> new CvOptions(one.features(), out, one.scheme(), one.models(),
                        one.modelConfigs(), one.training(), one.validationActors(), one.seed(), one.provenance(),
                        one.featureBlocks(), 0));
        assertTrue(none.getMessage().contains("training.ensemble must be >= 1"), none.getMessage());
        Map<String, Object> first = run(two);
        assertEquals(2, first.get("fold_model_runs_this_invocation"));
        ObjectMapper json = new ObjectMapper();
        JsonNode m = json.readTree(out.resolve("metrics.json").toFile());
        assertEquals(2, m.get("ensemble").asInt());
        assertTrue(Files.readString(out.resolve("report.html")).contains(
                "2 networks per fold and model (seeds 42-43), class probabilities averaged"));
        for (int fold = 1; fold <= 2; fold++) {
            Path pair = out.resolve("folds/fold-0" + fold + "/single-lstm");
            JsonNode ensemble = json.readTree(pair.resolve("test_predictions.json").toFile());
            JsonNode a = json.readTree(pair.resolve("seed-42/test_predictions.json").toFile());
            JsonNode b = json.readTree(pair.resolve("seed-43/test_predictions.json").toFile());
            assertEquals(4 * 32, ensemble.size());
            double memberDifference = 0;
            for (int i = 0; i < ensemble.size(); i++) {
                assertEquals(a.get(i).get("path"), ensemble.get(i).get("path"));
                assertEquals(b.get(i).get("path"), ensemble.get(i).get("path"));
                for (int k = 0; k < 8; k++) {
                    double pa = a.get(i).get("probabilities").get(k).asDouble();
                    double pb = b.get(i).get("probabilities").get(k).asDouble();
                    assertEquals((pa + pb) / 2, ensemble.get(i).get("probabilities").get(k).asDouble(), 1e-6);
                    memberDifference += Math.abs(pa - pb);
                }
            }
            assertTrue(memberDifference > 1e-3, "members trained with other seeds predict differently");
            JsonNode fm = m.get("folds").get(fold - 1).get("models").get("single-lstm");
            JsonNode members = fm.get("ensemble_members");
            assertEquals(2, members.size());
            assertEquals(42, members.get(0).get("seed").asInt());
            assertEquals(43, members.get(1).get("seed").asInt());
            java.util.SortedSet<Integer> train = new java.util.TreeSet<>();
            m.get("folds").get(fold - 1).get("train_actors").forEach(x -> train.add(x.asInt()));
            for (int k = 0; k < 2; k++) {
                // member k is member 0 of the run with seed 42 + k: validation actors drawn with that seed
                assertEquals(ValidationActors.pick(train, 1, 42 + k + fold).toString(),
                        members.get(k).get("val_actors").toString().replace(",", ", "));
            }
            assertEquals(members.get(0).get("val_actors"), m.get("folds").get(fold - 1).get("val_actors"));
            assertEquals(members.get(0).get("train_seconds").asDouble() + members.get(1).get("train_seconds")
                    .asDouble(), fm.get("train_seconds").asDouble(), 1e-9);
            JsonNode seed43 = json.readTree(pair.resolve("seed-43/train.json").toFile());
            assertEquals(2, seed43.get("ensemble_member").asInt());
            assertTrue(seed43.toString().contains("\"seed\":43"), "member 2 trains with seed 43: " + seed43);
            assertFalse(seed43.toString().contains("\"seed\":42"), "no seed of member 1 left: " + seed43);
        }

        // the ensemble's predictions are remade from the members' without training them again
        Path pair = out.resolve("folds/fold-02/single-lstm");
        byte[] before = Files.readAllBytes(pair.resolve("test_predictions.json"));
        long memberTime = Files.getLastModifiedTime(pair.resolve("seed-43/test_predictions.json")).toMillis();
        Files.delete(pair.resolve("test_predictions.json"));
        assertEquals(1, run(two).get("fold_model_runs_this_invocation"));
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(pair.resolve("test_predictions.json"))));
        assertEquals(memberTime, Files.getLastModifiedTime(pair.resolve("seed-43/test_predictions.json")).toMillis());

        IllegalStateException other = assertThrows(IllegalStateException.class, () -> run(one));
        assertTrue(other.getMessage().contains("other settings"), other.getMessage());
    }

    @Test
    void randomSplitIsLabelledSpeakerDependent(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("cv");
        run(options(out, "random:0.25", List.of(ModelArchitecture.SINGLE_LSTM)));
        JsonNode m = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        assertFalse(m.get("speaker_independent").asBoolean());
        assertEquals("random:0.25", m.get("fold_scheme").asText());
        assertEquals(64, m.get("folds").get(0).get("models").get("single-lstm").get("metrics").get("n_samples")
                .asInt(), "a quarter of 256 clips, stratified by emotion");
        assertTrue(Files.readString(out.resolve("per_fold.csv")).contains("random clips"));
    }

    static int sum(JsonNode matrix) {
        int s = 0;
        for (JsonNode row : matrix) {
            for (JsonNode v : row) {
                s += v.asInt();
            }
        }
        return s;
    }
}
