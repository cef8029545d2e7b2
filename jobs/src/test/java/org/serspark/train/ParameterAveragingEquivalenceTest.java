package org.serspark.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;
import org.serspark.model.FeatureNormalizer;
import org.serspark.model.ModelArchitecture;
import org.serspark.model.ModelConfig;
import org.serspark.model.NetworkFactory;
import org.serspark.model.SequenceDataSets;
import org.serspark.spark.LocalSpark;

/**
 * The distributed path computes what plain DL4J computes: one worker, averaging after every minibatch, the same
 * minibatches in the same order must give the same parameters as {@code MultiLayerNetwork.fit}. Dropout is off so
 * both sides draw no random masks.
 */
class ParameterAveragingEquivalenceTest {
    static final int F = 6;
    static final int BATCH = 4;

    @Test
    void oneWorkerAveragingEveryBatchEqualsPlainFit() {
        Random r = new Random(5);
        List<float[][]> clips = new ArrayList<>();
        int[] labels = new int[12];
        for (int i = 0; i < 12; i++) {
            clips.add(clip(r, 5 + r.nextInt(6)));
            labels[i] = r.nextInt(8);
        }
        FeatureNormalizer norm = FeatureNormalizer.fit(clips, F);
        ModelConfig mc = new ModelConfig(ModelArchitecture.DUAL_LSTM, List.of(8, 4), 0.0, 6, 1e-2, 0, 17, F, 8);

        MultiLayerNetwork plain = NetworkFactory.build(mc);
        MultiLayerNetwork start = NetworkFactory.build(mc);
        assertArrayEquals(plain.params().toFloatVector(), start.params().toFloatVector(), 0f);

        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(LocalSpark.get().sparkContext());
        // as the trainer builds it: the RDD holds whole minibatches
        ParameterAveragingTrainingMaster tm = new ParameterAveragingTrainingMaster.Builder(1, BATCH)
                .batchSizePerWorker(BATCH).averagingFrequency(1).workerPrefetchNumBatches(0)
                .rddTrainingApproach(RDDTrainingApproach.Direct).saveUpdater(true).rngSeed(3).build();
        SparkDl4jMultiLayer spark = new SparkDl4jMultiLayer(jsc, start, tm);

        for (int b = 0; b < clips.size() / BATCH; b++) {
            List<float[][]> batch = clips.subList(b * BATCH, (b + 1) * BATCH);
            int[] y = java.util.Arrays.copyOfRange(labels, b * BATCH, (b + 1) * BATCH);
            DataSet whole = SequenceDataSets.toDataSet(batch, y, 8, norm, 0);
            plain.fit(whole);

            // a worker re-cuts its input to the batch size by merging DataSets: masks must survive that too
            List<DataSet> singles = new ArrayList<>();
            for (int i = 0; i < BATCH; i++) {
                singles.add(SequenceDataSets.toDataSet(List.<float[][]>of(batch.get(i)), new int[] {y[i]}, 8, norm,
                        0));
            }
            DataSet merged = DataSet.merge(singles);
            assertArrayEquals(whole.getFeaturesMaskArray().toFloatMatrix()[0],
                    merged.getFeaturesMaskArray().toFloatMatrix()[0], 0f, "masks survive the worker's merge");
            assertEquals(whole.getFeaturesMaskArray(), merged.getFeaturesMaskArray());
            assertEquals(whole.getFeatures(), merged.getFeatures());
            spark.fit(jsc.parallelize(List.of(whole), 1));
        }
        float[] a = plain.params().toFloatVector();
        float[] b = spark.getNetwork().params().toFloatVector();
        assertEquals(a.length, b.length);
        double maxDiff = 0;
        double moved = 0;
        float[] init = NetworkFactory.build(mc).params().toFloatVector();
        for (int i = 0; i < a.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(a[i] - b[i]));
            moved = Math.max(moved, Math.abs(a[i] - init[i]));
        }
        assertTrue(moved > 1e-3, "training moved the parameters: " + moved);
        assertTrue(maxDiff < 1e-5, "parameters differ by " + maxDiff + " (training moved them by " + moved + ")");
    }

    static float[][] clip(Random r, int frames) {
        float[][] c = new float[frames][F];
        for (float[] f : c) {
            for (int k = 0; k < F; k++) {
                f[k] = (float) r.nextGaussian();
            }
        }
        return c;
    }
}
