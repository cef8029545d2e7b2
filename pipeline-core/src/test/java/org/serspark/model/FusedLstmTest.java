package org.serspark.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.recurrent.BidirectionalLayer;
import org.deeplearning4j.nn.layers.recurrent.LSTM;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The fused LSTM kernel computes what DL4J's LSTM computes: the same outputs, gradients and training steps on the
 * same parameters, with masks (clips of different lengths padded at the end) and both read-outs.
 */
class FusedLstmTest {
    static final int F = 7;

    static ModelConfig config(ModelConfig.Pooling pooling, ModelConfig.LstmKernel kernel) {
        return config(pooling, kernel, false);
    }

    static ModelConfig config(ModelConfig.Pooling pooling, ModelConfig.LstmKernel kernel, boolean bidirectional) {
        // no dropout: its random masks would differ between the two networks
        return new ModelConfig(ModelArchitecture.DUAL_LSTM, List.of(12, 6), 0.0, 5, 1e-2, 1e-4, 7, F, 4, pooling,
                0.0, ModelConfig.InputMasks.NONE, kernel, bidirectional);
    }

    /** A minibatch of 5 clips of 3..9 frames padded to 9, with feature and label masks. */
    static DataSet batch(long seed) {
        Random r = new Random(seed);
        int n = 5;
        int t = 9;
        int[] lengths = {9, 3, 6, 8, 1};
        INDArray x = Nd4j.zeros(DataType.FLOAT, n, F, t);
        INDArray mask = Nd4j.zeros(DataType.FLOAT, n, t);
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, 4);
        for (int i = 0; i < n; i++) {
            for (int s = 0; s < lengths[i]; s++) {
                mask.putScalar(i, s, 1f);
                for (int f = 0; f < F; f++) {
                    x.putScalar(new int[] {i, f, s}, (float) r.nextGaussian());
                }
            }
            y.putScalar(i, r.nextInt(4), 1f);
        }
        return new DataSet(x, y, mask, null);
    }

    static MultiLayerNetwork[] pair(ModelConfig.Pooling pooling) {
        return pair(pooling, false);
    }

    static MultiLayerNetwork[] pair(ModelConfig.Pooling pooling, boolean bidirectional) {
        MultiLayerNetwork fused = NetworkFactory.build(config(pooling, ModelConfig.LstmKernel.FUSED, bidirectional));
        // ModelConfig refuses DL4J's kernel with bidirectional layers (wrong gradients): the same network with
        // DL4J's code in both directions, for comparing what DL4J does get right (the forward pass)
        MultiLayerNetwork dl4j = new MultiLayerNetwork(MultiLayerConfiguration.fromJson(fused
                .getLayerWiseConfigurations().toJson().replace(FusedLstm.class.getName(), MaskedLstm.class.getName())));
        dl4j.init();
        dl4j.setParams(fused.params().dup());
        return new MultiLayerNetwork[] {dl4j, fused};
    }

    @ParameterizedTest
    @EnumSource(value = ModelConfig.Pooling.class, names = {"LAST", "MEAN"})
    void outputsAndGradientsEqualDl4js(ModelConfig.Pooling pooling) {
        MultiLayerNetwork[] nets = pair(pooling);
        assertInstanceOf(FusedLstmHelper.class, ((LSTM) nets[1].getLayer(0)).getHelper(), "the fused kernel is used");
        assertSameOutputsAndGradients(nets);
    }

    @ParameterizedTest
    @EnumSource(value = ModelConfig.Pooling.class, names = {"MEAN", "MAX"})
    void bidirectionalLayersMatchDl4jsForwardPassAndFiniteDifferences(ModelConfig.Pooling pooling) {
        MultiLayerNetwork[] nets = pair(pooling, true);
        org.deeplearning4j.nn.api.Layer first = nets[1].getLayer(0);
        BidirectionalLayer bi = (BidirectionalLayer) first;
        for (String dir : List.of("fwd", "bwd")) {
            assertInstanceOf(FusedLstmHelper.class, ((LSTM) direction(bi, dir)).getHelper(), dir + " is fused");
        }
        INDArray h = first.activate(batch(1).getFeatures(), false,
                org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces());
        assertEquals(2 * 12, h.size(1), "both directions' 12 units");
        long lstm1 = 2 * 4 * 12 * (F + 12 + 1);
        long lstm2 = 2 * 4 * 6 * (2 * 12 + 6 + 1);
        assertEquals(lstm1 + lstm2 + 5 * (2 * 6 + 1) + 4 * (5 + 1), nets[1].numParams(),
                "two LSTMs per layer, the second reading both directions' 24 outputs");
        assertInstanceOf(LSTM.class, direction((BidirectionalLayer) nets[0].getLayer(0), "bwd"));
        assertTrue(((LSTM) direction((BidirectionalLayer) nets[0].getLayer(0), "bwd")).getHelper() == null,
                "the reference runs DL4J's own code");
        DataSet ds = batch(1);
        assertClose(nets[0].output(ds.getFeatures(), false, ds.getFeaturesMaskArray(), null),
                nets[1].output(ds.getFeatures(), false, ds.getFeaturesMaskArray(), null), 1e-5, "softmax outputs");
        // gradients: against central differences of the score (DL4J's gradient is the minibatch sum, its score the
        // mean, hence the factor 5). DL4J's own code misses these for the backward directions on padded clips
        Gradient g = gradientAndScore(nets[1], ds);
        MultiLayerNetwork probe = nets[1].clone();
        for (String key : List.of("0_bb", "1_bb", "0_bRW", "1_fb", "1_bW")) {
            INDArray p = probe.getParam(key);
            double scale = g.gradientForVariable().get(key).amaxNumber().doubleValue();
            for (long idx = 0; idx < p.length(); idx += Math.max(1, p.length() / 4)) {
                double orig = p.getDouble(idx);
                p.putScalar(idx, orig + 1e-2);
                double up = gradientAndScoreOf(probe, ds);
                p.putScalar(idx, orig - 1e-2);
                double down = gradientAndScoreOf(probe, ds);
                p.putScalar(idx, orig);
                double numeric = 5 * (up - down) / 2e-2;
                double analytic = g.gradientForVariable().get(key).getDouble(idx);
                // the score also holds the L2 term (1e-4) the gradient leaves to the updater, and float32 blurs
                // the smallest entries: a few 1e-4 on either side even for forward layers, where DL4J agrees.
                // DL4J's backward-direction errors were of the size of the gradients themselves
                assertEquals(numeric, analytic, 0.05 * Math.abs(numeric) + 0.03 * scale, key + "[" + idx + "]");
            }
        }
        MultiLayerConfiguration conf = nets[1].getLayerWiseConfigurations();
        assertEquals(conf, MultiLayerConfiguration.fromJson(conf.toJson()));
    }

    static Gradient gradientAndScore(MultiLayerNetwork net, DataSet ds) {
        gradientAndScoreOf(net, ds);
        return net.gradient();
    }

    static double gradientAndScoreOf(MultiLayerNetwork net, DataSet ds) {
        net.setInput(ds.getFeatures());
        net.setLabels(ds.getLabels());
        net.setLayerMaskArrays(ds.getFeaturesMaskArray(), null);
        net.computeGradientAndScore();
        return net.score();
    }

    static org.deeplearning4j.nn.api.Layer direction(BidirectionalLayer bi, String field) {
        try {
            java.lang.reflect.Field f = BidirectionalLayer.class.getDeclaredField(field);
            f.setAccessible(true);
            return (org.deeplearning4j.nn.api.Layer) f.get(bi);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    static void assertSameOutputsAndGradients(MultiLayerNetwork[] nets) {
        DataSet ds = batch(1);
        INDArray expected = nets[0].output(ds.getFeatures(), false, ds.getFeaturesMaskArray(), null);
        INDArray actual = nets[1].output(ds.getFeatures(), false, ds.getFeaturesMaskArray(), null);
        assertClose(expected, actual, 1e-5, "softmax outputs");

        Gradient[] g = new Gradient[2];
        double[] score = new double[2];
        for (int i = 0; i < 2; i++) {
            nets[i].setInput(ds.getFeatures());
            nets[i].setLabels(ds.getLabels());
            nets[i].setLayerMaskArrays(ds.getFeaturesMaskArray(), null);
            nets[i].computeGradientAndScore();
            g[i] = nets[i].gradient();
            score[i] = nets[i].score();
        }
        assertEquals(score[0], score[1], 1e-5);
        Map<String, INDArray> want = g[0].gradientForVariable();
        Map<String, INDArray> got = g[1].gradientForVariable();
        assertEquals(want.keySet(), got.keySet());
        for (String key : want.keySet()) {
            assertTrue(want.get(key).norm2Number().doubleValue() > 0 || key.startsWith("3"), key + " has a gradient");
            assertClose(want.get(key), got.get(key), 1e-4, "gradient " + key);
        }
    }

    @Test
    void aTrainingFeedForwardOfOtherDataIsNeverReusedByBackprop() {
        MultiLayerNetwork[] nets = pair(ModelConfig.Pooling.MEAN);
        nets[0].initGradientsView();
        nets[1].initGradientsView();
        org.deeplearning4j.nn.workspace.LayerWorkspaceMgr ws =
                org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces();
        INDArray other = batch(2).getFeatures();
        INDArray x = batch(3).getFeatures();
        INDArray eps = Nd4j.rand(DataType.FLOAT, 5, 12, 9);
        org.deeplearning4j.nn.api.Layer dl4j = nets[0].getLayer(0);
        org.deeplearning4j.nn.api.Layer fused = nets[1].getLayer(0);
        // the fused kernel keeps a training feed-forward for the backprop that follows it; here other data follows
        fused.activate(other, true, ws);
        fused.setInput(x, ws);
        dl4j.setInput(x, ws);
        var want = dl4j.backpropGradient(eps, ws);
        var got = fused.backpropGradient(eps, ws);
        assertClose(want.getSecond(), got.getSecond(), 1e-4, "epsilon");
        for (String key : want.getFirst().gradientForVariable().keySet()) {
            assertClose(want.getFirst().getGradientFor(key), got.getFirst().getGradientFor(key), 1e-4, key);
        }
        // and the same input does take the kept forward pass (same values either way)
        fused.activate(x, true, ws);
        assertClose(want.getSecond(), fused.backpropGradient(eps, ws).getSecond(), 1e-4, "epsilon, kept pass");
    }

    @Test
    void trainingStepsStayTogether() {
        MultiLayerNetwork[] nets = pair(ModelConfig.Pooling.LAST);
        for (int step = 0; step < 5; step++) {
            DataSet ds = batch(10 + step);
            nets[0].fit(ds);
            nets[1].fit(ds);
        }
        assertTrue(nets[0].params().sub(pair(ModelConfig.Pooling.LAST)[0].params()).norm2Number().doubleValue() > 1e-2,
                "training moved the parameters");
        assertClose(nets[0].params(), nets[1].params(), 1e-4, "parameters after 5 Adam steps");
    }

    @Test
    void theFusedLayerSurvivesJsonAndComputesAfterLoading() {
        MultiLayerConfiguration conf = NetworkFactory.configuration(
                config(ModelConfig.Pooling.LAST, ModelConfig.LstmKernel.FUSED));
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(conf.toJson());
        assertEquals(conf, back);
        MultiLayerNetwork net = new MultiLayerNetwork(back);
        net.init();
        assertInstanceOf(FusedLstmHelper.class, ((LSTM) net.getLayer(0)).getHelper());
        assertInstanceOf(FusedLstm.class, net.getLayerWiseConfigurations().getConf(0).getLayer());
        MultiLayerNetwork dl4j = NetworkFactory.build(config(ModelConfig.Pooling.LAST, ModelConfig.LstmKernel.DL4J));
        assertEquals(null, ((LSTM) dl4j.getLayer(0)).getHelper(), "DL4J's kernel has no helper on CPU");
    }

    @Test
    void tanhAndSigmoidAreExactToFloatPrecision() {
        for (double x = -30; x <= 30; x += 0.01) {
            float f = (float) x;
            assertEquals((float) Math.tanh(f), FusedLstmHelper.tanh(f), 2 * Math.ulp((float) Math.tanh(f)) + 1e-30,
                    "tanh " + f);
            assertEquals((float) (1 / (1 + Math.exp(-f))), FusedLstmHelper.sigmoid(f), 1e-30, "sigmoid " + f);
        }
        assertEquals(1e-8f, FusedLstmHelper.tanh(1e-8f), 1e-15f);
    }

    static void assertClose(INDArray expected, INDArray actual, double tolerance, String what) {
        assertEquals(List.of(expected.shape().length), List.of(actual.shape().length), what);
        double scale = Math.max(1e-3, expected.amaxNumber().doubleValue());
        double diff = expected.castTo(DataType.DOUBLE).sub(actual.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        assertTrue(diff <= tolerance * scale, what + ": max difference " + diff + " (scale " + scale + ")");
    }
}
