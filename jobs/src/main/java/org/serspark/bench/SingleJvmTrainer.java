package org.serspark.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;
import org.serspark.metrics.ClassificationMetrics;
import org.serspark.model.FeatureNormalizer;
import org.serspark.model.LengthBuckets;
import org.serspark.model.ModelConfig;
import org.serspark.model.NetworkFactory;
import org.serspark.model.SequenceDataSets;
import org.serspark.model.TrainingConfig;
import org.serspark.ravdess.Emotion;
import org.serspark.train.Clip;
import org.serspark.train.Prediction;
import org.serspark.train.SparkScorer;

/**
 * The baseline the Spark trainer is measured against: the same network, normaliser, minibatches and per-epoch
 * seeded shuffle, fitted by plain {@code MultiLayerNetwork.fit(DataSet)} in this JVM, one minibatch at a time.
 * Validation is scored with the Spark scorer's own masked minibatch code, so only the distribution differs.
 */
public final class SingleJvmTrainer {
    /** Clips per scoring minibatch, as the Spark trainer scores its validation actors. */
    public static final int SCORING_BATCH = 64;
    /** Keras' floor on probabilities in the cross-entropy, as the Spark trainer reports validation loss. */
    private static final double MIN_PROBABILITY = 1e-7;

    private final ModelConfig model;
    private final TrainingConfig training;
    private final PrintStream log;

    public SingleJvmTrainer(ModelConfig model, TrainingConfig training, PrintStream log) {
        this.model = model;
        this.training = training;
        this.log = log;
    }

    /** Trains {@code training.epochs()} epochs from fresh weights; returns the timed learning curve. */
    public List<EpochTiming> train(List<Clip> trainClips, List<Clip> valClips, FeatureNormalizer norm, String name) {
        MultiLayerNetwork net = NetworkFactory.build(model);
        List<EpochTiming> curve = new ArrayList<>();
        int[] lengths = new int[trainClips.size()];
        for (int i = 0; i < lengths.length; i++) {
            int n = trainClips.get(i).frames().length;
            lengths[i] = training.maxFrames() > 0 ? Math.min(training.maxFrames(), n) : n;
        }
        for (int epoch = 1; epoch <= training.epochs(); epoch++) {
            long t0 = System.nanoTime();
            // the Spark trainer's minibatching with its seed for partition 0: a single JVM is one partition
            double lossSum = 0;
            int batches = 0;
            for (int[] idx : LengthBuckets.batches(lengths, training.batchSize(), training.bucketPool(),
                    new Random(training.seed() * 1_000_003L + epoch * 7919L))) {
                List<Clip> mb = new ArrayList<>(idx.length);
                for (int i : idx) {
                    mb.add(trainClips.get(i));
                }
                net.fit(dataSet(mb, norm));
                lossSum += net.score();
                batches++;
            }
            double fit = (System.nanoTime() - t0) / 1e9;
            List<Prediction> preds = score(net, valClips, norm);
            double secs = (System.nanoTime() - t0) / 1e9;
            ClassificationMetrics m = metrics(preds);
            EpochTiming e = new EpochTiming(epoch, secs, fit, lossSum / batches, crossEntropy(preds), m.accuracy(),
                    m.uar());
            curve.add(e);
            log.printf(Locale.ROOT, "jvm %s: epoch %d/%d  loss %.3f  val loss %.3f  val acc %.3f  val UAR %.3f  "
                            + "%.1f s (fit %.1f s)%n", name, epoch, training.epochs(), e.trainLoss(), e.valLoss(),
                    e.valAccuracy(), e.valUar(), secs, fit);
        }
        return curve;
    }

    private DataSet dataSet(List<Clip> mb, FeatureNormalizer norm) {
        List<float[][]> frames = new ArrayList<>(mb.size());
        int[] labels = new int[mb.size()];
        for (int i = 0; i < labels.length; i++) {
            frames.add(mb.get(i).frames());
            labels[i] = mb.get(i).label();
        }
        return SequenceDataSets.toDataSet(frames, labels, Emotion.COUNT, norm, training.maxFrames());
    }

    private List<Prediction> score(MultiLayerNetwork net, List<Clip> clips, FeatureNormalizer norm) {
        List<Prediction> out = new ArrayList<>(clips.size());
        for (int from = 0; from < clips.size(); from += SCORING_BATCH) {
            out.addAll(SparkScorer.score(net, clips.subList(from, Math.min(clips.size(), from + SCORING_BATCH)),
                    norm, Emotion.COUNT, training.maxFrames()));
        }
        return out;
    }

    static ClassificationMetrics metrics(List<Prediction> preds) {
        int[] t = new int[preds.size()];
        int[] p = new int[preds.size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = preds.get(i).label();
            p[i] = preds.get(i).predicted();
        }
        return ClassificationMetrics.of(Emotion.labels(), t, p);
    }

    static double crossEntropy(List<Prediction> preds) {
        double sum = 0;
        for (Prediction p : preds) {
            sum -= Math.log(Math.max(MIN_PROBABILITY, p.probabilities()[p.label()]));
        }
        return sum / preds.size();
    }
}
