package org.serspark.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;


import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.serspark.metrics.ClassificationMetrics;
import org.serspark.model.ClassWeights;
import org.serspark.model.LearningRateSchedule;
import org.serspark.model.ModelArchitecture;
import org.serspark.model.ModelBundle;
import org.serspark.model.ModelConfig;
import org.serspark.model.NetworkFactory;
import org.serspark.model.TrainingConfig;
import org.serspark.ravdess.Emotion;
import org.serspark.spark.LocalSpark;

class ParameterAveragingTrainerTest {

    /**
     * Chance is 1/8 = 0.125. The threshold 0.25 (twice chance) is far below what the network reaches on this corpus
     * (about 0.4 after 15 epochs on two unseen actors) yet far above what a broken pipeline gets: shuffled labels,
     * lost masks or a normaliser fitted on the wrong clips all stay near chance.
     */
    static final double ABOVE_CHANCE = 0.25;

    @Test
    void learnsEmotionOnActorsItNeverSaw(@TempDir Path tmp) throws Exception {
        FeatureDataset data = FeatureDataset.open(LocalSpark.get(), SyntheticCorpusFixture.extracted().toString());
        ModelConfig mc = ModelConfig.paper(ModelArchitecture.DUAL_LSTM, 182, 8);
        TrainingConfig tc = TrainingConfig.builder().batchSize(16).epochs(14).averagingFrequency(1).workerPrefetch(2)
                .build();
        TrainResult r = new ParameterAveragingTrainer(LocalSpark.get(), quiet()).train(TrainRequest.byActors(data,
                new TreeSet<>(List.of(1, 2, 3, 4, 5, 6)), new TreeSet<>(List.of(7)), mc, tc, tmp.resolve("run"),
                TrainRequest.Mode.FAIL_IF_EXISTS, Map.of()));
        assertEquals(14, r.curve().size());
        assertTrue(r.curve().get(13).trainLoss() < r.curve().get(0).trainLoss(), "training loss falls");

        ModelBundle bundle = ModelBundle.load(r.bundle());
        List<Prediction> preds = SparkScorer.predict(JavaSparkContext.fromSparkContext(LocalSpark.get().sparkContext()),
                bundle.network(), data.clips(new TreeSet<>(List.of(8))), bundle.normalizer(), 8, 32, 0);
        assertEquals(32, preds.size());
        ClassificationMetrics m = ParameterAveragingTrainer.metrics(preds);
        assertTrue(m.accuracy() >= ABOVE_CHANCE, "accuracy on unseen actor 8: " + m.accuracy());

        for (String f : List.of("model.zip", "learning_curve.csv", "metrics.json", "_SUCCESS")) {
            assertTrue(Files.exists(tmp.resolve("run").resolve(f)), f);
        }
        assertEquals(15, Files.readAllLines(tmp.resolve("run/learning_curve.csv")).size());
        assertEquals(Emotion.labels(), bundle.labels());
        assertEquals(data.fingerprint(), bundle.featureConfig().fingerprint());
        assertEquals(List.of(1, 2, 3, 4, 5, 6), bundle.metadata().get("train_actors"));

        IllegalStateException again = assertThrows(IllegalStateException.class, () -> new ParameterAveragingTrainer(
                LocalSpark.get(), quiet()).train(TrainRequest.byActors(data, new TreeSet<>(List.of(1, 2)),
                new TreeSet<>(), mc, tc, tmp.resolve("run"), TrainRequest.Mode.FAIL_IF_EXISTS, Map.of())));
        assertTrue(again.getMessage().contains("--overwrite"), again.getMessage());
    }

    @Test
    void killedTrainingResumesFromItsCheckpoint(@TempDir Path tmp) throws Exception {
        String features = SyntheticCorpusFixture.extracted().toString();
        Path out = tmp.resolve("run");
        // with weight averaging, so the average after the last epoch before the kill is resumed too
        Path conf = Files.writeString(tmp.resolve("averaging.yaml"), "training:\n  weight_averaging: 0.5\n");
        String[] args = {"train", "--features", features, "--output", out.toString(), "--epochs", "5",
            "--train-actors", "1-4", "--val-actors", "5", "--conf", conf.toString()};
        Process p = org.serspark.extract.JvmProcessAccess.start(tmp.resolve("train.log"), "org.serspark.cli.Main",
                args);
        try {
            long deadline = System.nanoTime() + 180_000_000_000L;
            while (!Files.exists(out.resolve("checkpoints/last.zip"))) {
                assertTrue(p.isAlive(), "train ended before it could be killed: "
                        + Files.readString(tmp.resolve("train.log")));
                assertTrue(System.nanoTime() < deadline, "no checkpoint within 180 s");
                Thread.sleep(20);
            }
            p.destroyForcibly().waitFor();
        } finally {
            p.destroyForcibly();
        }
        assertFalse(Files.exists(out.resolve("_SUCCESS")));
        assertFalse(Files.exists(out.resolve("model.zip")), "a killed run never looks finished");

        String[] resume = java.util.Arrays.copyOf(args, args.length + 1);
        resume[args.length] = "--resume";
        Process q = org.serspark.extract.JvmProcessAccess.start(tmp.resolve("resume.log"), "org.serspark.cli.Main",
                resume);
        assertEquals(0, q.waitFor(), Files.readString(tmp.resolve("resume.log")));
        JsonNode metrics = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        assertTrue(metrics.get("resumed_after_epoch").asInt() >= 1, metrics.toString());
        List<String> curve = Files.readAllLines(out.resolve("learning_curve.csv"));
        assertEquals(6, curve.size(), "epochs 1-5 exactly once: " + curve);
        for (int e = 1; e <= 5; e++) {
            assertTrue(curve.get(e).startsWith(e + ","), curve.toString());
        }
        assertTrue(Files.readString(tmp.resolve("resume.log")).contains("resuming after epoch"));
        try (var files = Files.list(out.resolve("checkpoints"))) {
            assertEquals(List.of("average-5.zip", "last.zip"), files.map(f -> f.getFileName().toString()).sorted()
                    .toList(), "the averages of earlier epochs are deleted as the run goes");
        }
        assertTrue(Files.readString(out.resolve("train.json")).contains("\"weight_averaging\" : 0.5"));
    }

    @Test
    void weightAveragingValidatesAndKeepsTheEpochsAverageOfTheParameters(@TempDir Path tmp) throws Exception {
        FeatureDataset data = FeatureDataset.open(LocalSpark.get(), SyntheticCorpusFixture.extracted().toString());
        ModelConfig mc = ModelConfig.paper(ModelArchitecture.SINGLE_LSTM, 182, 8);
        TrainingConfig tc = TrainingConfig.builder().batchSize(16).epochs(3).averagingFrequency(1)
                .weightAveraging(0.5).build();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        TrainResult r = new ParameterAveragingTrainer(LocalSpark.get(), new PrintStream(log, true,
                java.nio.charset.StandardCharsets.UTF_8)).train(TrainRequest.byActors(data,
                new TreeSet<>(List.of(1, 2, 3)), new TreeSet<>(List.of(4)), mc, tc, tmp.resolve("run"),
                TrainRequest.Mode.FAIL_IF_EXISTS, Map.of()));
        assertTrue(log.toString(java.nio.charset.StandardCharsets.UTF_8)
                .contains("weights averaged over epochs, decay 0.5"), log.toString());
        ModelBundle b = ModelBundle.load(r.bundle());
        MultiLayerNetwork kept = b.network();
        MultiLayerNetwork raw = ModelBundle.load(tmp.resolve("run/checkpoints/last.zip")).network();
        // without early stopping the last epoch is kept: its average, half epoch 3 and half the average before
        assertEquals(ModelBundle.load(tmp.resolve("run/checkpoints/average-3.zip")).network().params(), kept.params());
        double apart = kept.params().sub(raw.params()).amaxNumber().doubleValue();
        assertTrue(apart > 1e-3, "the kept network is not epoch 3's own parameters: they differ by " + apart);

        // the learning curve's validation figures are the average's, not the parameters' the training reached
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(LocalSpark.get().sparkContext());
        org.apache.spark.api.java.JavaRDD<Clip> val = data.clips(new TreeSet<>(List.of(4)));
        double keptLoss = ParameterAveragingTrainer.crossEntropy(SparkScorer.predict(jsc, kept, val, b.normalizer(),
                8, 64, 0));
        double rawLoss = ParameterAveragingTrainer.crossEntropy(SparkScorer.predict(jsc, raw, val, b.normalizer(),
                8, 64, 0));
        assertEquals(r.curve().get(2).valLoss(), keptLoss, 1e-5);
        assertTrue(Math.abs(rawLoss - keptLoss) > 1e-3, "raw " + rawLoss + ", average " + keptLoss);
    }

    @Test
    void workersFitWithTheLearningRateSetOnTheMasterNetwork() {
        // the trainer's lr_schedule relies on this: DL4J's training master ships the master's configuration to the
        // workers every averaging round, so a rate set between epochs is the one the workers use
        MultiLayerNetwork net = NetworkFactory.build(ModelConfig.paper(ModelArchitecture.SINGLE_LSTM, 4, 8));
        org.nd4j.linalg.factory.Nd4j.getRandom().setSeed(7);
        INDArray x = org.nd4j.linalg.factory.Nd4j.rand(DataType.FLOAT, 8, 4, 10);
        INDArray y = org.nd4j.linalg.factory.Nd4j.eye(8).castTo(DataType.FLOAT);
        DataSet ds = new DataSet(x, y);
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(LocalSpark.get().sparkContext());
        SparkDl4jMultiLayer spark = new SparkDl4jMultiLayer(jsc, net,
                new ParameterAveragingTrainingMaster.Builder(8).batchSizePerWorker(8).averagingFrequency(1)
                        .rddTrainingApproach(RDDTrainingApproach.Direct).build());

        // Adam's first step moves each of the ~77,000 parameters by about the rate, whatever the gradient
        // (DL4J's Adam with a rate of exactly 0 still moves them by ~3e-8, so the test uses small rates, not 0)
        spark.getNetwork().setLearningRate(1e-7);
        INDArray before = spark.getNetwork().params().dup();
        spark.fit(jsc.parallelize(List.of(ds, ds), 2));
        double small = spark.getNetwork().params().sub(before).norm1Number().doubleValue();
        assertTrue(small > 1e-4 && small < 0.05, "rate 1e-7 on the master, parameters moved by " + small);

        spark.getNetwork().setLearningRate(1e-3);
        before = spark.getNetwork().params().dup();
        spark.fit(jsc.parallelize(List.of(ds, ds), 2));
        double large = spark.getNetwork().params().sub(before).norm1Number().doubleValue();
        assertTrue(large > 5, "rate 1e-3 on the master, parameters moved by " + large);
    }

    @Test
    void cosineScheduleAndClassWeightsReachTheNetwork(@TempDir Path tmp) throws Exception {
        FeatureDataset data = FeatureDataset.open(LocalSpark.get(), SyntheticCorpusFixture.extracted().toString());
        ModelConfig mc = ModelConfig.paper(ModelArchitecture.SINGLE_LSTM, 182, 8);
        TrainingConfig tc = TrainingConfig.builder().batchSize(16).epochs(3).averagingFrequency(1)
                .lrSchedule(LearningRateSchedule.COSINE).classWeights(ClassWeights.BALANCED).build();
        // leaving out the calm clips of actors 1 and 2 makes calm the rare class among actors 1-3
        java.util.Set<String> calm12 = new java.util.HashSet<>();
        long[] counts = new long[8];
        data.labelsByPath().forEach((path, label) -> {
            boolean actor12 = path.startsWith("Actor_01/") || path.startsWith("Actor_02/");
            if (label == 1 && actor12) {
                calm12.add(path);
            } else if (actor12 || path.startsWith("Actor_03/")) {
                counts[label]++;
            }
        });
        long n = java.util.Arrays.stream(counts).sum();
        assertTrue(counts[1] > 0 && counts[1] * 2 < counts[2], java.util.Arrays.toString(counts));
        TrainResult r = new ParameterAveragingTrainer(LocalSpark.get(), quiet()).train(new TrainRequest(data,
                new ClipSelection(new TreeSet<>(List.of(1, 2, 3)), null, calm12),
                ClipSelection.actors(new TreeSet<>(List.of(4))), mc, tc, tmp.resolve("run"),
                TrainRequest.Mode.FAIL_IF_EXISTS, Map.of()));
        MultiLayerNetwork kept = ModelBundle.load(r.bundle()).network();
        // the kept network is the last epoch's: it carries epoch 3's rate, 1e-3 * (1 + cos(2 pi / 3)) / 2
        for (int layer = 0; layer < kept.getnLayers(); layer++) {
            assertEquals(2.5e-4, kept.getLearningRate(layer), 1e-12, "layer " + layer);
        }
        // balanced weights: training clips / (8 classes * clips of the class)
        LossMCXENT loss = (LossMCXENT) ((org.deeplearning4j.nn.conf.layers.OutputLayer) kept
                .getLayerWiseConfigurations().getConf(kept.getnLayers() - 1).getLayer()).getLossFn();
        double[] w = loss.getWeights().toDoubleVector();
        for (int k = 0; k < 8; k++) {
            assertEquals((double) n / (8 * counts[k]), w[k], 1e-6, "class " + k + " of " + n + " clips");
        }
        assertTrue(w[1] > 2 * w[2], "calm, the rare class, weighs more: " + java.util.Arrays.toString(w));
        JsonNode train = new ObjectMapper().readTree(tmp.resolve("run/train.json").toFile());
        assertTrue(train.toString().contains("\"lr_schedule\":\"cosine\""), train.toString());
        assertTrue(train.toString().contains("\"class_weights\":\"balanced\""), train.toString());
    }

    @Test
    void trimLevelAndDeltasAreAppliedAlikeWhenTrainingScoringAndPredicting(@TempDir Path tmp) throws Exception {
        FeatureDataset all = FeatureDataset.open(LocalSpark.get(), SyntheticCorpusFixture.extracted().toString());
        FeatureDataset data = all.select(org.serspark.features.FeatureSelection.parse("mfcc+delta2", all.config()));
        ModelConfig mc = ModelConfig.paper(ModelArchitecture.SINGLE_LSTM, data.nFeatures(), 8);
        assertEquals(120, mc.nFeatures(), "40 MFCC, their deltas and second-order deltas");
        TrainingConfig tc = TrainingConfig.builder().batchSize(16).epochs(1).averagingFrequency(1).trimSilenceDb(40)
                .levelNormalization(org.serspark.model.LevelNormalization.CLIP).build();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        TrainResult r = new ParameterAveragingTrainer(LocalSpark.get(), new PrintStream(log, true,
                java.nio.charset.StandardCharsets.UTF_8)).train(TrainRequest.byActors(data,
                new TreeSet<>(List.of(1, 2, 3)), new TreeSet<>(), mc, tc, tmp.resolve("run"),
                TrainRequest.Mode.FAIL_IF_EXISTS, Map.of()));
        String printed = log.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(printed.contains(": kept epoch 1 (no validation actors: the last) -> "), printed);
        assertFalse(printed.contains("NaN"), "no validation figures without validation actors: " + printed);
        ModelBundle bundle = ModelBundle.load(r.bundle());
        assertEquals(2, ((Number) bundle.metadata().get(org.serspark.model.ClipPredictor.FEATURE_DELTAS)).intValue());
        assertEquals(40, ((List<?>) bundle.metadata().get(org.serspark.model.ClipPredictor.FEATURE_COLUMNS)).size());
        assertEquals(120, bundle.network().layerInputSize(0));
        // the normaliser saw the deltas: second-order deltas vary far less than the MFCC themselves
        assertTrue(bundle.normalizer().std()[80] < bundle.normalizer().std()[0] / 3,
                "std of c0 " + bundle.normalizer().std()[0] + ", of its second-order delta "
                        + bundle.normalizer().std()[80]);

        // predict decodes the file, trims, levels, keeps the columns and appends deltas itself; the CV scorer gets
        // the clips ClipPreparation made of the Parquet rows
        Clip raw = all.allColumns(ClipSelection.actors(new TreeSet<>(List.of(4)))).first();
        byte[] wav = Files.readAllBytes(SyntheticCorpusFixture.extracted().resolveSibling("corpus").resolve(raw.path()));
        org.serspark.model.ClipPredictor predictor = new org.serspark.model.ClipPredictor(bundle);
        float[][] prepared = predictor.features(wav, raw.path());
        assertTrue(prepared.length < raw.frames().length, "trimmed: " + prepared.length + " of "
                + raw.frames().length + " frames");
        assertEquals(0, org.serspark.model.LevelNormalization.meanEnergyDb(prepared, 52, 128), 1e-3, "levelled");
        float[] byPredict = predictor.probabilities(wav, raw.path());
        Prediction byScorer = SparkScorer.predict(JavaSparkContext.fromSparkContext(LocalSpark.get().sparkContext()),
                bundle.network(), ClipPreparation.apply(data, new ClipSelection(new TreeSet<>(List.of(4)),
                        java.util.Set.of(raw.path()), null), tc), bundle.normalizer(), 8, 32, 0).get(0);
        assertEquals(raw.path(), byScorer.path());
        org.junit.jupiter.api.Assertions.assertArrayEquals(byScorer.probabilities(), byPredict, 1e-5f);
    }

    @Test
    void attentionPoolingTrainsOnTheWorkersAndPredictsFromItsBundle(@TempDir Path tmp) throws Exception {
        FeatureDataset data = FeatureDataset.open(LocalSpark.get(), SyntheticCorpusFixture.extracted().toString());
        ModelBundle bundle = trainBidirectionalTwoEpochs(tmp, ModelConfig.Pooling.ATTENTION);
        // the query starts at zero (mean pooling): after averaging the workers' steps it has moved
        INDArray q = bundle.network().getLayer(1).getParam("q");
        assertTrue(q.amaxNumber().doubleValue() > 1e-3, "query after training: " + q);
        List<Prediction> preds = SparkScorer.predict(JavaSparkContext.fromSparkContext(LocalSpark.get().sparkContext()),
                bundle.network(), data.clips(new TreeSet<>(List.of(4))), bundle.normalizer(), 8, 32, 0);
        assertEquals(32, preds.size());
        for (Prediction p : preds) {
            double sum = 0;
            for (float v : p.probabilities()) {
                sum += v;
            }
            assertEquals(1.0, sum, 1e-4, p.path());
        }
    }

    @Test
    void statisticsPoolingTrainsOnTheWorkersAndPredictsFromItsBundle(@TempDir Path tmp) throws Exception {
        FeatureDataset data = FeatureDataset.open(LocalSpark.get(), SyntheticCorpusFixture.extracted().toString());
        ModelBundle bundle = trainBidirectionalTwoEpochs(tmp, ModelConfig.Pooling.MEAN_STD);
        MultiLayerNetwork net = bundle.network();
        assertTrue(net.getLayer(1).conf().getLayer() instanceof org.serspark.model.StatisticsPooling,
                net.getLayer(1).conf().getLayer().toString());
        assertEquals(64, net.layerInputSize(2), "16 units both ways, their means and deviations");
        List<Prediction> preds = SparkScorer.predict(JavaSparkContext.fromSparkContext(LocalSpark.get().sparkContext()),
                net, data.clips(new TreeSet<>(List.of(4))), bundle.normalizer(), 8, 32, 0);
        assertEquals(32, preds.size());
        java.util.Set<Integer> predicted = new java.util.HashSet<>();
        for (Prediction p : preds) {
            double sum = 0;
            int top = 0;
            for (int k = 0; k < 8; k++) {
                sum += p.probabilities()[k];
                top = p.probabilities()[k] > p.probabilities()[top] ? k : top;
            }
            assertEquals(1.0, sum, 1e-4, p.path());
            predicted.add(top);
        }
        assertTrue(predicted.size() > 1, "the clips are told apart, not all given one class: " + predicted);
    }

    /** A one-layer bidirectional LSTM of 16 units with {@code pooling}, two epochs on actors 1-3 of the fixture. */
    private static ModelBundle trainBidirectionalTwoEpochs(Path tmp, ModelConfig.Pooling pooling) throws Exception {
        FeatureDataset data = FeatureDataset.open(LocalSpark.get(), SyntheticCorpusFixture.extracted().toString());
        ModelConfig mc = new ModelConfig(ModelArchitecture.SINGLE_LSTM, List.of(16), 0.3, 8, 1e-2, 0, 42, 182, 8,
                pooling, 0, ModelConfig.InputMasks.NONE, ModelConfig.LstmKernel.FUSED, true);
        TrainingConfig tc = TrainingConfig.builder().batchSize(16).epochs(2).averagingFrequency(1).build();
        TrainResult r = new ParameterAveragingTrainer(LocalSpark.get(), quiet()).train(TrainRequest.byActors(data,
                new TreeSet<>(List.of(1, 2, 3)), new TreeSet<>(), mc, tc, tmp.resolve("run"),
                TrainRequest.Mode.FAIL_IF_EXISTS, Map.of()));
        return ModelBundle.load(r.bundle());
    }

    static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream());
    }
}
