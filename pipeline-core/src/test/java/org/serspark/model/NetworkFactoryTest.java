package org.serspark.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.dropout.GaussianNoise;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

class NetworkFactoryTest {
    static final int F = 182;

    @Test
    void dualLstmHasThePapersLayersAndParameterCount() {
        MultiLayerNetwork net = NetworkFactory.build(ModelConfig.paper(ModelArchitecture.DUAL_LSTM, F, 8));
        // LSTM: 4 gates x (nIn*units + units*units + units)
        long lstm1 = 4L * (F * 128 + 128 * 128 + 128);
        long lstm2 = 4L * (128 * 64 + 64 * 64 + 64);
        long dense = 64 * 64 + 64;
        long out = 64 * 8 + 8;
        assertEquals(lstm1 + lstm2 + dense + out, net.numParams());
        assertEquals(4, net.getnLayers()); // lstm, lstm(last step), dense, softmax; dropout on the inputs of 2 and 3
        assertEquals(null, net.getLayerWiseConfigurations().getConf(0).getLayer().getIDropout());
        LastTimeStep second = (LastTimeStep) net.getLayerWiseConfigurations().getConf(1).getLayer();
        // DL4J takes the retain probability: a dropout rate of 0.3 keeps 70%
        assertEquals(0.7, ((ThreadSafeDropout) second.getUnderlying().getIDropout()).getP(), 1e-12);
        assertEquals(0.7, ((ThreadSafeDropout) net.getLayerWiseConfigurations().getConf(2).getLayer().getIDropout()).getP(),
                1e-12);
    }

    @Test
    void singleLstmBaseline() {
        MultiLayerNetwork net = NetworkFactory.build(ModelConfig.paper(ModelArchitecture.SINGLE_LSTM, F, 8));
        assertEquals(4L * (F * 128 + 128 * 128 + 128) + 128 * 64 + 64 + 64 * 8 + 8, net.numParams());
        assertEquals(3, net.getnLayers());
        assertEquals(0.7, ((ThreadSafeDropout) net.getLayerWiseConfigurations().getConf(1).getLayer().getIDropout()).getP(),
                1e-12);
    }

    @Test
    void lstmUnitsMustMatchTheArchitecture() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ModelConfig(
                ModelArchitecture.DUAL_LSTM, List.of(128), 0.3, 64, 1e-3, 0, 1, F, 8));
        assertTrue(e.getMessage().contains("2 LSTM layer"), e.getMessage());
    }

    @Test
    void paddingNeverChangesAPrediction() {
        MultiLayerNetwork net = NetworkFactory.build(ModelConfig.paper(ModelArchitecture.DUAL_LSTM, 6, 8));
        Random r = new Random(3);
        float[][] shortClip = clip(r, 5, 6);
        float[][] longClip = clip(r, 11, 6);
        DataSet alone = SequenceDataSets.toDataSet(List.<float[][]>of(shortClip), new int[] {2}, 8, null, 0);
        DataSet padded = SequenceDataSets.toDataSet(List.of(longClip, shortClip), new int[] {1, 2}, 8, null, 0);
        assertEquals(11, padded.getFeatures().size(2));
        // the mask survives the conversion: 1 for real frames, 0 for padding
        assertArrayEquals(new float[] {1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0},
                padded.getFeaturesMaskArray().getRow(1).toFloatVector());
        INDArray a = net.output(alone.getFeatures(), false, alone.getFeaturesMaskArray(), null);
        INDArray b = net.output(padded.getFeatures(), false, padded.getFeaturesMaskArray(), null);
        assertArrayEquals(a.getRow(0).toFloatVector(), b.getRow(1).toFloatVector(), 1e-6f);
        assertEquals(1.0, b.getRow(0).sumNumber().doubleValue(), 1e-5);
        // and the last real frame matters: changing it changes the output
        shortClip[4][0] += 5f;
        DataSet changed = SequenceDataSets.toDataSet(List.<float[][]>of(shortClip), new int[] {2}, 8, null, 0);
        INDArray c = net.output(changed.getFeatures(), false, changed.getFeaturesMaskArray(), null);
        assertTrue(Math.abs(c.getFloat(0, 0) - a.getFloat(0, 0)) > 1e-6);
    }

    @Test
    void meanAndMaxPoolingIgnorePaddingAndReadEveryFrame() {
        for (ModelConfig.Pooling pooling : List.of(ModelConfig.Pooling.MEAN, ModelConfig.Pooling.MAX)) {
            ModelConfig mc = new ModelConfig(ModelArchitecture.DUAL_LSTM, List.of(8, 4), 0.3, 6, 1e-3, 0, 7, 6, 8,
                    pooling);
            MultiLayerNetwork net = NetworkFactory.build(mc);
            assertEquals(5, net.getnLayers(), pooling + ": lstm, lstm, pooling, dense, softmax");
            assertPaddingIsNeverRead(net, pooling.id());
            float[][] shortClip = clip(new Random(4), 5, 6);
            DataSet alone = SequenceDataSets.toDataSet(List.<float[][]>of(shortClip), new int[] {2}, 8, null, 0);
            INDArray a = net.output(alone.getFeatures(), false, alone.getFeaturesMaskArray(), null);
            // the pooled vector is the mean (max) of the second LSTM's outputs over the 5 real frames
            List<INDArray> acts = net.feedForward(alone.getFeatures(), false);
            INDArray lstm2 = acts.get(2); // [1, 4, 5]
            INDArray pooled = acts.get(3); // [1, 4]
            for (int u = 0; u < 4; u++) {
                INDArray unit = lstm2.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                        org.nd4j.linalg.indexing.NDArrayIndex.point(u), org.nd4j.linalg.indexing.NDArrayIndex.all());
                double expect = pooling == ModelConfig.Pooling.MEAN ? unit.meanNumber().doubleValue()
                        : unit.maxNumber().doubleValue();
                assertEquals(expect, pooled.getDouble(0, u), 1e-6, pooling + " unit " + u);
            }
            // an early frame now matters too (with LAST it would, only through the recurrence)
            shortClip[0][0] += 5f;
            DataSet changed = SequenceDataSets.toDataSet(List.<float[][]>of(shortClip), new int[] {2}, 8, null, 0);
            INDArray c = net.output(changed.getFeatures(), false, changed.getFeaturesMaskArray(), null);
            assertTrue(Math.abs(c.getFloat(0, 0) - a.getFloat(0, 0)) > 1e-6, pooling.id());
        }
    }

    @Test
    void paddingNeverChangesABidirectionalPrediction() {
        IllegalArgumentException dl4j = assertThrows(IllegalArgumentException.class, () -> new ModelConfig(
                ModelArchitecture.DUAL_LSTM, List.of(8, 4), 0.3, 6, 1e-3, 0, 7, 6, 8, ModelConfig.Pooling.MEAN, 0,
                ModelConfig.InputMasks.NONE, ModelConfig.LstmKernel.DL4J, true));
        assertTrue(dl4j.getMessage().contains("need lstm_kernel fused"), dl4j.getMessage());
        for (ModelConfig.Pooling pooling : List.of(ModelConfig.Pooling.MEAN, ModelConfig.Pooling.MAX,
                ModelConfig.Pooling.ATTENTION, ModelConfig.Pooling.MEAN_STD)) {
            // DL4J's own LSTM layer drops the mask inside a network: the second layer's backward direction then
            // read 6 padded frames first and this differed by 0.006 (MaskedLstm)
            assertPaddingIsNeverRead(NetworkFactory.build(new ModelConfig(ModelArchitecture.DUAL_LSTM, List.of(8, 4),
                    0.3, 6, 1e-3, 0, 7, 6, 8, pooling, 0, ModelConfig.InputMasks.NONE, ModelConfig.LstmKernel.FUSED,
                    true)), pooling.id());
        }
    }

    /** A clip of 5 frames alone and padded to 11 beside a longer one gets the same prediction. */
    static void assertPaddingIsNeverRead(MultiLayerNetwork net, String what) {
        Random r = new Random(5);
        float[][] shortClip = clip(r, 5, 6);
        float[][] longClip = clip(r, 11, 6);
        DataSet alone = SequenceDataSets.toDataSet(List.<float[][]>of(shortClip), new int[] {2}, 8, null, 0);
        DataSet padded = SequenceDataSets.toDataSet(List.of(longClip, shortClip), new int[] {1, 2}, 8, null, 0);
        INDArray a = net.output(alone.getFeatures(), false, alone.getFeaturesMaskArray(), null);
        INDArray b = net.output(padded.getFeatures(), false, padded.getFeaturesMaskArray(), null);
        assertArrayEquals(a.getRow(0).toFloatVector(), b.getRow(1).toFloatVector(), 1e-6f, what);
    }

    @Test
    void statisticsPoolingIsEachUnitsMeanAndDeviationOverTheRealFramesAndTrains() throws Exception {
        ModelConfig mc = new ModelConfig(ModelArchitecture.DUAL_LSTM, List.of(8, 4), 0.0, 6, 1e-2, 0, 7, 6, 8,
                ModelConfig.Pooling.MEAN_STD, 0, ModelConfig.InputMasks.NONE, ModelConfig.LstmKernel.FUSED, true);
        MultiLayerNetwork net = NetworkFactory.build(mc);
        assertEquals(5, net.getnLayers(), "lstm, lstm, statistics, dense, softmax");
        assertEquals(16, net.layerInputSize(3), "the dense layer reads 8 means and 8 deviations");
        Random r = new Random(5);
        DataSet padded = SequenceDataSets.toDataSet(List.of(clip(r, 11, 6), clip(r, 5, 6)), new int[] {1, 2}, 8,
                null, 0);
        List<INDArray> acts = net.feedForward(padded.getFeatures(), padded.getFeaturesMaskArray(), null);
        INDArray h = acts.get(2); // [2, 8, 11]: 4 units both ways
        INDArray pooled = acts.get(3); // [2, 16]
        double spread = 0;
        for (int clip = 0; clip < 2; clip++) {
            int frames = clip == 0 ? 11 : 5; // the second clip's frames 5-10 are padding
            for (int u = 0; u < 8; u++) {
                double mean = 0;
                for (int t = 0; t < frames; t++) {
                    mean += h.getDouble(clip, u, t) / frames;
                }
                double var = 0;
                for (int t = 0; t < frames; t++) {
                    var += Math.pow(h.getDouble(clip, u, t) - mean, 2) / frames;
                }
                assertEquals(mean, pooled.getDouble(clip, u), 1e-5, "clip " + clip + " unit " + u + " mean");
                assertEquals(Math.sqrt(var + StatisticsPooling.EPSILON), pooled.getDouble(clip, 8 + u), 1e-5,
                        "clip " + clip + " unit " + u + " deviation");
                spread = Math.max(spread, Math.sqrt(var));
            }
        }
        assertTrue(spread > 1e-2, "the units move over the frames: deviations up to " + spread);
        assertPaddingIsNeverRead(net, "mean_std");

        // the gradient passes through: a few steps on one minibatch lower its loss
        double before = net.score(padded);
        for (int i = 0; i < 20; i++) {
            net.fit(padded);
        }
        assertTrue(net.score(padded) < before / 2, before + " -> " + net.score(padded));

        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        org.deeplearning4j.util.ModelSerializer.writeModel(net, bytes, false);
        MultiLayerNetwork back = org.deeplearning4j.util.ModelSerializer.restoreMultiLayerNetwork(
                new java.io.ByteArrayInputStream(bytes.toByteArray()));
        assertEquals(net.output(padded.getFeatures(), false, padded.getFeaturesMaskArray(), null),
                back.output(padded.getFeatures(), false, padded.getFeaturesMaskArray(), null));
    }

    @Test
    void attentionPoolingIsASoftmaxWeightedMeanOfTheRealFramesAndSurvivesSaving() throws Exception {
        ModelConfig mc = new ModelConfig(ModelArchitecture.DUAL_LSTM, List.of(8, 4), 0.3, 6, 1e-3, 0, 7, 6, 8,
                ModelConfig.Pooling.ATTENTION, 0, ModelConfig.InputMasks.NONE, ModelConfig.LstmKernel.FUSED, true);
        MultiLayerNetwork net = NetworkFactory.build(mc);
        assertEquals(5, net.getnLayers(), "lstm, lstm, attention, dense, softmax");
        DataSet alone = SequenceDataSets.toDataSet(List.<float[][]>of(clip(new Random(5), 5, 6)), new int[] {2}, 8,
                null, 0);

        // the pooled vector: softmax over frames of q . h_t / sqrt(8), then the weighted mean of h_t
        List<INDArray> acts = net.feedForward(alone.getFeatures(), false);
        INDArray h = acts.get(2); // [1, 8, 5]: 4 units both ways
        INDArray pooled = acts.get(3); // [1, 8]
        INDArray mean = h.mean(2);
        assertArrayEquals(mean.toFloatVector(), pooled.toFloatVector(), 1e-6f, "the zero query starts as the mean");
        // a query of zeros (the start) is mean pooling; set one to see the weighting
        net.getLayer(2).getParam("q").assign(org.nd4j.linalg.factory.Nd4j.rand(
                org.nd4j.linalg.api.buffer.DataType.FLOAT, 1, 8, 1).subi(0.5).muli(40));
        INDArray q = net.getLayer(2).getParam("q");
        assertPaddingIsNeverRead(net, "attention with a query set");
        INDArray a = net.output(alone.getFeatures(), false, alone.getFeaturesMaskArray(), null);
        acts = net.feedForward(alone.getFeatures(), false);
        pooled = acts.get(3);
        double[] score = new double[5];
        double max = Double.NEGATIVE_INFINITY;
        for (int t = 0; t < 5; t++) {
            for (int u = 0; u < 8; u++) {
                score[t] += q.getDouble(0, u, 0) * h.getDouble(0, u, t);
            }
            score[t] /= Math.sqrt(8);
            max = Math.max(max, score[t]);
        }
        double z = 0;
        for (int t = 0; t < 5; t++) {
            score[t] = Math.exp(score[t] - max);
            z += score[t];
        }
        double spread = 0;
        for (int u = 0; u < 8; u++) {
            double expect = 0;
            for (int t = 0; t < 5; t++) {
                expect += score[t] / z * h.getDouble(0, u, t);
            }
            assertEquals(expect, pooled.getDouble(0, u), 1e-5, "unit " + u);
            spread = Math.max(spread, Math.abs(expect - h.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                    org.nd4j.linalg.indexing.NDArrayIndex.point(u), org.nd4j.linalg.indexing.NDArrayIndex.all())
                    .meanNumber().doubleValue()));
        }
        assertTrue(spread > 1e-3, "not the plain mean: the learned query weighs the frames (" + spread + ")");

        // the layer's parameters and configuration come back from a saved network (bundles, Spark workers)
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        org.deeplearning4j.util.ModelSerializer.writeModel(net, bytes, false);
        MultiLayerNetwork back = org.deeplearning4j.util.ModelSerializer.restoreMultiLayerNetwork(
                new java.io.ByteArrayInputStream(bytes.toByteArray()));
        assertArrayEquals(a.toFloatVector(),
                back.output(alone.getFeatures(), false, alone.getFeaturesMaskArray(), null).toFloatVector(), 1e-6f);
    }

    @Test
    void normalizerStandardisesWithTrainingStatistics() {
        float[][] c1 = {{1, 10}, {3, 10}};
        float[][] c2 = {{5, 10}};
        FeatureNormalizer n = FeatureNormalizer.fit(List.of(c1, c2), 2);
        assertArrayEquals(new double[] {3, 10}, n.mean(), 1e-12);
        assertEquals(Math.sqrt(8.0 / 3), n.std()[0], 1e-12);
        assertEquals((5 - 3) / Math.sqrt(8.0 / 3), n.apply(0, 5f), 1e-6);
        assertEquals(0f, n.apply(1, 10f), 0f); // constant feature: centred, not divided by zero
        DataSet ds = SequenceDataSets.toDataSet(List.<float[][]>of(c2), new int[] {0}, 8, n, 0);
        assertEquals(n.apply(0, 5f), ds.getFeatures().getFloat(0, 0, 0), 1e-7);
    }

    @Test
    void inputNoisePerturbsTrainingPassesOnlyAndSurvivesTheJsonRoundTrip() {
        for (double noise : new double[] {0.0, 0.5}) {
            // no dropout, so any difference between two training passes is the input noise
            ModelConfig mc = new ModelConfig(ModelArchitecture.DUAL_LSTM, List.of(8, 4), 0.0, 6, 1e-3, 0, 7, 6, 8,
                    ModelConfig.Pooling.MEAN, noise);
            MultiLayerNetwork net = NetworkFactory.build(mc);
            DataSet ds = SequenceDataSets.toDataSet(List.<float[][]>of(clip(new Random(5), 9, 6)), new int[] {3}, 8,
                    null, 0);
            INDArray train1 = net.output(ds.getFeatures(), true, ds.getFeaturesMaskArray(), null);
            INDArray train2 = net.output(ds.getFeatures(), true, ds.getFeaturesMaskArray(), null);
            INDArray test1 = net.output(ds.getFeatures(), false, ds.getFeaturesMaskArray(), null);
            INDArray test2 = net.output(ds.getFeatures(), false, ds.getFeaturesMaskArray(), null);
            assertArrayEquals(test1.toFloatVector(), test2.toFloatVector(), 0f, "prediction is never noisy");
            double diff = train1.sub(train2).norm1Number().doubleValue();
            if (noise == 0) {
                assertEquals(0.0, diff, 1e-7);
                assertEquals(null, net.getLayerWiseConfigurations().getConf(0).getLayer().getIDropout());
            } else {
                assertTrue(diff > 1e-4, "training passes see different noise: " + diff);
                MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(
                        net.getLayerWiseConfigurations().toJson());
                IDropout d = back.getConf(0).getLayer().getIDropout();
                assertEquals(GaussianNoise.class, d.getClass());
                assertEquals(0.5, ((GaussianNoise) d).getStddev(), 0.0);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> new ModelConfig(ModelArchitecture.DUAL_LSTM,
                List.of(8, 4), 0.0, 6, 1e-3, 0, 7, 6, 8, ModelConfig.Pooling.MEAN, -0.1));
    }

    @Test
    void bidirectionalNeedsAPoolingReadOut() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ModelConfig(
                ModelArchitecture.DUAL_LSTM, List.of(8, 4), 0.0, 6, 1e-3, 0, 7, 6, 8, ModelConfig.Pooling.LAST, 0.0,
                ModelConfig.InputMasks.NONE, ModelConfig.LstmKernel.FUSED, true));
        assertTrue(e.getMessage().contains("mean, max, attention or mean_std"), e.getMessage());
    }

    static float[][] clip(Random r, int frames, int features) {
        float[][] c = new float[frames][features];
        for (float[] f : c) {
            for (int k = 0; k < features; k++) {
                f[k] = (float) r.nextGaussian();
            }
        }
        return c;
    }
}
