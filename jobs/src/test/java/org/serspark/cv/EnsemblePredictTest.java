package org.serspark.cv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.serspark.cli.Main;
import org.serspark.features.FeatureSelection;
import org.serspark.model.ClipPredictor;
import org.serspark.model.EnsemblePredictor;
import org.serspark.model.ModelBundle;
import org.serspark.train.SpeedPerturbationTrainingTest;

/** {@code predict --model A --model B}: a cv ensemble's members scored outside cv get what cv got. */
class EnsemblePredictTest {

    @Test
    void predictWithACvPairsMembersAveragesThemAsCvDid(@TempDir Path tmp) throws Exception {
        Path features = SpeedPerturbationTrainingTest.extractWithCopies(tmp, 4, 0.9);
        Path corpus = tmp.resolve("corpus");
        Path out = tmp.resolve("cv");
        CvOptions one = TestTimeSpeedsTest.options(features, out, List.of(0.9));
        CvOptions two = new CvOptions(one.features(), out, one.scheme(), one.models(), one.modelConfigs(),
                one.training(), one.validationActors(), one.seed(), one.provenance(), FeatureSelection.ALL, 2,
                one.testSpeeds());
        TestTimeSpeedsTest.run(two);

        Path pair = out.resolve("folds/fold-01/" + TestTimeSpeedsTest.SINGLE.id());
        Path m42 = pair.resolve("seed-42/model.zip");
        Path m43 = pair.resolve("seed-43/model.zip");
        Path csv = tmp.resolve("predicted.csv");
        assertEquals(0, Main.execute("predict", "--model", m42.toString(), "--model", m43.toString(),
                "--test-speeds", "0.9", "--output", csv.toString(), "--profile=", corpus.toString()));
        Map<String, double[]> predicted = readCsv(csv);
        assertEquals(4 * 16, predicted.size(), "every file of the corpus");

        JsonNode fromCv = TestTimeSpeedsTest.JSON.readTree(pair.resolve("test_predictions.json").toFile());
        JsonNode first = TestTimeSpeedsTest.JSON.readTree(pair.resolve("seed-42/test_predictions.json").toFile());
        assertEquals(32, fromCv.size(), "two test actors of 16 clips");
        int differing = 0;
        for (int i = 0; i < fromCv.size(); i++) {
            JsonNode row = fromCv.get(i);
            double[] p = predicted.get(row.get("path").asText());
            double gap = 0;
            for (int k = 0; k < 8; k++) {
                double q = row.get("probabilities").get(k).asDouble();
                assertEquals(q, p[k], 1e-4, row.get("path") + " class " + k);
                gap = Math.max(gap, Math.abs(q - first.get(i).get("probabilities").get(k).asDouble()));
            }
            differing += gap > 1e-3 ? 1 : 0;
        }
        assertTrue(differing > 16, "the second member moves most clips: " + differing + " of 32");

        // members that prepare a file otherwise cannot be averaged clip by clip
        ModelBundle b = ModelBundle.load(m42);
        IllegalArgumentException other = assertThrows(IllegalArgumentException.class, () -> new EnsemblePredictor(
                List.of(new ClipPredictor(b, List.of(0.9)), new ClipPredictor(b, List.of())),
                List.of("a.zip", "b.zip")));
        assertTrue(other.getMessage().startsWith("b.zip does not fit a.zip: it prepares files otherwise ("),
                other.getMessage());
    }

    /** Every clip of a cv pair's test_predictions.json has the probabilities predict wrote for it in {@code csv}. */
    static void assertPredictedAsCv(Path csv, Path testPredictions) throws java.io.IOException {
        Map<String, double[]> predicted = readCsv(csv);
        for (JsonNode row : TestTimeSpeedsTest.JSON.readTree(testPredictions.toFile())) {
            double[] p = predicted.get(row.get("path").asText());
            for (int k = 0; k < 8; k++) {
                assertEquals(row.get("probabilities").get(k).asDouble(), p[k], 1e-4, row.get("path") + " " + k);
            }
        }
    }

    /** predict's CSV output: each file's eight probabilities (columns 4-11), by path. */
    static Map<String, double[]> readCsv(Path csv) throws java.io.IOException {
        Map<String, double[]> predicted = new HashMap<>();
        List<String> lines = Files.readAllLines(csv);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            double[] p = new double[8];
            for (int k = 0; k < 8; k++) {
                p[k] = Double.parseDouble(f[4 + k]);
            }
            predicted.put(f[0], p);
        }
        return predicted;
    }
}
