package org.serspark.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.serspark.conf.ConfigException;
import org.serspark.conf.SersparkConf;
import org.serspark.features.FeatureConfig;
import org.serspark.model.ModelArchitecture;
import org.serspark.model.ModelConfig;

class SweepSpecTest {
    static final Path SWEEPS = Path.of("..", "conf", "sweeps");
    static final String FP = "fingerprint-a";
    static final String CODE = "0.1.0+abc";

    static List<Trial> plan(SweepSpec spec, String fingerprint, String code) {
        return SweepPlan.of(spec, SersparkConf.load(null, "paper"), FeatureConfig.librosaDefault(), 2, fingerprint,
                code);
    }

    @Test
    void paperSpecRunsThePapersSettingsFirstAndASmallNeighbourhood() {
        SweepSpec spec = SweepSpec.load(SWEEPS.resolve("paper.yaml"));
        assertEquals("emobox6", spec.folds().spec());
        assertEquals(SweepSpec.Metric.UAR, spec.metric());
        List<Trial> trials = plan(spec, FP, CODE);
        assertEquals(18, trials.size(), "2 models x 3 learning rates x 3 dropouts");

        Trial paper = trials.get(0);
        ModelConfig expected = ModelConfig.paper(ModelArchitecture.DUAL_LSTM, 182, 8);
        assertEquals(expected, paper.model(), "trial #0 is the paper's network, learning rate and seed");
        assertEquals(32, paper.training().batchSize());
        assertEquals(30, paper.training().epochs());
        assertEquals(0, paper.training().patience(), "the paper's profile trains every epoch");

        Set<String> ids = new HashSet<>();
        for (Trial t : trials) {
            ids.add(t.id());
            double lr = t.model().learningRate();
            assertTrue(lr >= 0.0005 && lr <= 0.002, "learning rate within a factor 2 of the paper's: " + lr);
            assertTrue(Math.abs(t.model().dropout() - 0.3) <= 0.1 + 1e-12, "dropout near 0.3");
            assertEquals(t.model().architecture() == ModelArchitecture.DUAL_LSTM ? List.of(128, 64) : List.of(128),
                    t.model().lstmUnits());
            assertEquals(64, t.model().denseUnits());
        }
        assertEquals(18, ids.size(), "every trial has its own id");
    }

    @Test
    void accuracySpecStartsFromThePaperAndReachesEveryOption() {
        List<Trial> trials = plan(SweepSpec.load(SWEEPS.resolve("accuracy.yaml")), FP, CODE);
        assertEquals(16, trials.size(), "normalization x pooling x trimming x early stopping");
        Trial paper = trials.get(0);
        assertEquals(ModelConfig.paper(ModelArchitecture.DUAL_LSTM, 182, 8), paper.model());
        assertEquals(org.serspark.model.TrainingConfig.Normalization.GLOBAL, paper.training().normalization());
        assertEquals(0.0, paper.training().trimSilenceDb());
        assertEquals(0, paper.training().patience());
        Trial all = trials.get(15);
        assertEquals(ModelConfig.Pooling.MEAN, all.model().pooling());
        assertEquals(org.serspark.model.TrainingConfig.Normalization.SPEAKER, all.training().normalization());
        assertEquals(60.0, all.training().trimSilenceDb());
        assertEquals(5, all.training().patience());
        assertEquals(16, trials.stream().map(Trial::id).distinct().count());
    }

    @Test
    void trialIdsAreStableAndChangeWithDataAndCode() {
        SweepSpec spec = SweepSpec.load(SWEEPS.resolve("tiny.yaml"));
        List<Trial> a = plan(spec, FP, CODE);
        List<Trial> again = plan(spec, FP, CODE);
        assertEquals(4, a.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).id(), again.get(i).id(), "same spec, data and code: same id");
            assertTrue(a.get(i).id().matches("[0-9a-f]{16}"));
        }
        assertNotEquals(a.get(0).id(), plan(spec, "fingerprint-b", CODE).get(0).id(), "other features");
        assertNotEquals(a.get(0).id(), plan(spec, FP, "0.1.0+def").get(0).id(), "other code");
        assertNotEquals(a.get(0).id(), a.get(1).id());
        // grid order: the last parameter varies fastest
        assertEquals(ModelArchitecture.SINGLE_LSTM, a.get(0).model().architecture());
        assertEquals("all", a.get(0).featureBlocks());
        assertEquals(182, a.get(0).model().nFeatures());
        assertEquals("mfcc+chroma", a.get(1).featureBlocks());
        assertEquals(40 + 12, a.get(1).model().nFeatures(), "the network reads the selected blocks only");
        assertEquals(ModelArchitecture.DUAL_LSTM, a.get(2).model().architecture());
        assertEquals(List.of(8, 8), a.get(2).model().lstmUnits());
    }

    @Test
    void featureBlocksOfTheConfigurationApplyWhenTheSpecDoesNotSweepThem() {
        SweepSpec spec = SweepSpec.load(SWEEPS.resolve("tiny.yaml"));
        SersparkConf noMel = SersparkConf.load(null, "paper").with("model.feature_blocks", "centroid+mfcc+zcr");
        List<Trial> fromConf = SweepPlan.of(spec, noMel, FeatureConfig.librosaDefault(), 2, FP, CODE);
        // tiny.yaml sweeps feature_blocks itself: its values win over the configuration's
        assertEquals("all", fromConf.get(0).featureBlocks());
        assertEquals("mfcc+chroma", fromConf.get(1).featureBlocks());

        SweepSpec lr = SweepSpec.parse(new ObjectMapper(new YAMLFactory()).createObjectNode()
                .put("name", "lr").set("parameters", new ObjectMapper().createObjectNode()
                        .set("learning_rate", new ObjectMapper().createArrayNode().add(0.001))), "lr.yaml");
        Trial t = SweepPlan.of(lr, noMel, FeatureConfig.librosaDefault(), 2, FP, CODE).get(0);
        assertEquals("mfcc+zcr+centroid", t.featureBlocks(), "frame order");
        assertEquals(40 + 1 + 1, t.model().nFeatures());
        assertNotEquals(plan(lr, FP, CODE).get(0).id(), t.id(), "other inputs, other trial");

        SersparkConf bad = SersparkConf.load(null, "paper").with("model.feature_blocks", "mfcc+pitch");
        ConfigException e = assertThrows(ConfigException.class,
                () -> SweepPlan.of(lr, bad, FeatureConfig.librosaDefault(), 2, FP, CODE));
        assertTrue(e.getMessage().contains("model.feature_blocks: feature block 'pitch'"), e.getMessage());
    }

    @Test
    void speedPerturbationListsAreTrialParameters() throws Exception {
        SweepSpec sp = SweepSpec.parse(new ObjectMapper(new YAMLFactory()).readTree(
                "name: sp\nparameters:\n  speed_perturbation: [[], [0.9, 1.1]]\n"), "sp.yaml");
        List<Trial> t = SweepPlan.of(sp, SersparkConf.load(null, "paper"), FeatureConfig.librosaDefault(), 2, FP,
                CODE);
        assertEquals(List.of(List.of(), List.of(0.9, 1.1)),
                t.stream().map(x -> x.training().speedPerturbation()).toList());
        assertNotEquals(t.get(0).id(), t.get(1).id());
    }

    @Test
    void deltasWidenWhatTheNetworkReadsAndAreATrialParameter() {
        SweepSpec deltas = SweepSpec.parse(new ObjectMapper(new YAMLFactory()).createObjectNode()
                .put("name", "d").set("parameters", new ObjectMapper().createObjectNode()
                        .set("deltas", new ObjectMapper().createArrayNode().add(0).add(1).add(2))), "d.yaml");
        SersparkConf noMel = SersparkConf.load(null, "paper").with("model.feature_blocks", "mfcc+zcr+centroid");
        List<Trial> t = SweepPlan.of(deltas, noMel, FeatureConfig.librosaDefault(), 2, FP, CODE);
        assertEquals(List.of("mfcc+zcr+centroid", "mfcc+zcr+centroid+delta", "mfcc+zcr+centroid+delta+delta2"),
                t.stream().map(Trial::featureBlocks).toList());
        assertEquals(List.of(42, 84, 126), t.stream().map(x -> x.model().nFeatures()).toList());
        assertEquals(3, t.stream().map(Trial::id).distinct().count(), "three different trials");

        SersparkConf bad = SersparkConf.load(null, "paper").with("model.deltas", 3);
        ConfigException e = assertThrows(ConfigException.class,
                () -> SweepPlan.of(SweepSpec.load(SWEEPS.resolve("paper.yaml")), bad, FeatureConfig.librosaDefault(),
                        2, FP, CODE));
        assertTrue(e.getMessage().contains("model.deltas must be 0, 1 or 2, got 3"), e.getMessage());
    }

    @Test
    void randomSearchIsSeededDistinctAndWithinItsRanges() throws Exception {
        String yaml = """
                name: r
                search: random
                trials: 12
                seed: 7
                objective: {folds: "kfold:3"}
                parameters:
                  learning_rate: {min: 0.0001, max: 0.01, scale: log}
                  dense_units: {min: 16, max: 128, integer: true}
                  architecture: [dual-lstm, single-lstm]
                """;
        SweepSpec spec = SweepSpec.parse(new ObjectMapper(new YAMLFactory()).readTree(yaml), "r.yaml");
        List<Trial> a = plan(spec, FP, CODE);
        List<Trial> b = plan(spec, FP, CODE);
        assertEquals(12, a.size());
        Set<String> ids = new HashSet<>();
        int below1e3 = 0;
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).id(), b.get(i).id(), "the same draws on every invocation");
            ids.add(a.get(i).id());
            double lr = a.get(i).model().learningRate();
            assertTrue(lr >= 0.0001 && lr <= 0.01, "in range: " + lr);
            below1e3 += lr < 0.001 ? 1 : 0;
            int d = a.get(i).model().denseUnits();
            assertTrue(d >= 16 && d <= 128, "in range: " + d);
        }
        assertEquals(12, ids.size());
        // log scale: half the draws below the geometric midpoint 1e-3 (a linear scale would put ~9% there)
        assertTrue(below1e3 >= 3, "log-uniform draws: " + below1e3 + " of 12 below 1e-3");
    }

    @Test
    void badSpecsNameTheFileAndTheKey(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("bad.yaml");
        Files.writeString(f, "name: bad\nparameters:\n  learning_rat: [0.1]\n");
        ConfigException e = assertThrows(ConfigException.class, () -> SweepSpec.load(f));
        assertTrue(e.getMessage().startsWith(f + ": parameters.learning_rat: unknown parameter"), e.getMessage());

        Files.writeString(f, "name: bad\nobjective: {folds: kfold:1}\nparameters: {epochs: [1]}\n");
        e = assertThrows(ConfigException.class, () -> SweepSpec.load(f));
        assertTrue(e.getMessage().contains("objective.folds"), e.getMessage());

        Files.writeString(f, "name: bad\nparameters: {architecture: [dual-lstm], lstm_units: [[8]]}\n");
        SweepSpec spec = SweepSpec.load(f);
        e = assertThrows(ConfigException.class, () -> plan(spec, FP, CODE));
        assertTrue(e.getMessage().startsWith(f + ": trial "), e.getMessage());
        assertTrue(e.getMessage().contains("fewer than the 2 layers"), e.getMessage());

        Files.writeString(f, "name: bad\nparameters: {feature_blocks: [mfcc+pitch]}\n");
        SweepSpec blocks = SweepSpec.load(f);
        e = assertThrows(ConfigException.class, () -> plan(blocks, FP, CODE));
        assertTrue(e.getMessage().contains("feature block 'pitch'"), e.getMessage());

        assertThrows(ConfigException.class, () -> SweepSpec.load(tmp.resolve("missing.yaml")));
    }
}
