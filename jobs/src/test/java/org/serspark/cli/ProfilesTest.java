package org.serspark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.serspark.conf.SersparkConf;
import org.serspark.features.FeatureSelection;
import org.serspark.model.ModelArchitecture;
import org.serspark.model.ModelConfig;
import org.serspark.model.TrainingConfig;

/** Every profile a user can name with --profile: packaged as in conf/, and each builds both networks. */
class ProfilesTest {
    private static final Path PROFILES = Path.of("..", "conf", "profiles");

    private static List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(PROFILES)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
                    .map(n -> n.substring(0, n.length() - ".yaml".length())).sorted().toList();
        }
    }

    @Test
    void everyProfileIsPackagedAndBuildsBothModelsAndItsTraining() throws IOException {
        List<String> names = names();
        assertTrue(names.size() >= 20 && names.containsAll(List.of("paper", "best")), names.toString());
        for (String name : names) {
            try (InputStream in = SersparkConf.class.getResourceAsStream(
                    "/serspark-defaults/profiles/" + name + ".yaml")) {
                assertNotNull(in, name + " is not in the jar");
                assertEquals(Files.readString(PROFILES.resolve(name + ".yaml")),
                        new String(in.readAllBytes(), StandardCharsets.UTF_8), name + ": the jar's copy differs");
            }
            SersparkConf conf = SersparkConf.load(null, name);
            try {
                ModelConfigs.training(conf);
                ModelConfigs.testSpeeds(conf);
                FeatureSelection blocks = ModelConfigs.featureBlocks(conf, FeatureConfigs.from(conf));
                for (ModelArchitecture a : ModelArchitecture.values()) {
                    ModelConfigs.model(conf, a, blocks.size());
                }
            } catch (RuntimeException e) {
                throw new AssertionError("profile " + name + ": " + e.getMessage(), e);
            }
        }
    }

    @Test
    void paperIsThePapersNetworkAndBestIsWhatItsCommentSays() {
        SersparkConf paper = SersparkConf.load(null, "paper");
        ModelConfig p = ModelConfigs.model(paper, ModelArchitecture.DUAL_LSTM, 182);
        assertEquals(List.of(128, 64), p.lstmUnits());
        assertEquals(0.3, p.dropout());
        assertEquals(64, p.denseUnits());
        assertEquals(ModelConfig.Pooling.LAST, p.pooling());
        assertEquals(false, p.bidirectional());
        TrainingConfig pt = ModelConfigs.training(paper);
        assertEquals(30, pt.epochs());
        assertEquals(32, pt.batchSize());
        assertEquals(0, pt.patience());
        assertEquals(TrainingConfig.Normalization.GLOBAL, pt.normalization());

        SersparkConf best = SersparkConf.load(null, "best");
        FeatureSelection blocks = ModelConfigs.featureBlocks(best, FeatureConfigs.from(best));
        assertEquals(3 * 182, blocks.size(), "each column with its delta and second-order delta");
        ModelConfig b = ModelConfigs.model(best, ModelArchitecture.DUAL_LSTM, blocks.size());
        assertEquals(List.of(128, 64), b.lstmUnits(), "still the paper's dual-layer LSTM at heart");
        assertEquals(0.3, b.dropout());
        assertEquals(64, b.denseUnits());
        assertEquals(true, b.bidirectional());
        assertEquals(ModelConfig.Pooling.MEAN, b.pooling());
        assertEquals(TrainingConfig.Normalization.SPEAKER, ModelConfigs.training(best).normalization());
        assertEquals(List.of(0.9, 1.1), ModelConfigs.training(best).speedPerturbation(), "trained on played copies");
        assertEquals(List.of(0.9, 1.1), ModelConfigs.testSpeeds(best), "scores the played test clips too");
        assertEquals(org.serspark.cv.LaterEpochs.PARAMETERS, ModelConfigs.laterEpochs(best),
                "each network the mean of its epochs' parameters from the kept one");
        assertEquals(false, ModelConfigs.withLastEpoch(best), "the last epoch is among them");
        assertEquals(false, ModelConfigs.withLastEpoch(paper), "paper: the kept network alone");
        assertEquals(2, best.integer("training.ensemble"));
    }
}
