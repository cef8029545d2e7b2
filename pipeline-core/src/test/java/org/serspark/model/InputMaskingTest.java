package org.serspark.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

class InputMaskingTest {

    @Test
    void masksAreSpansOfFramesAndBandsOfFeaturesWithinTheirWidths() {
        int nb = 200;
        int nf = 10;
        int nt = 30;
        InputMasking frames = new InputMasking(1, 5, 0, 0, 0.0);
        Nd4j.getRandom().setSeed(1);
        float[] m = frames.mask(new long[] {nb, nf, nt}, Nd4j.getRandom());
        int[] widths = new int[6];
        for (int b = 0; b < nb; b++) {
            int first = -1;
            int count = 0;
            for (int t = 0; t < nt; t++) {
                float v = m[b * nf * nt + t];
                for (int f = 1; f < nf; f++) {
                    assertEquals(v, m[b * nf * nt + f * nt + t], "a masked frame is masked in every feature");
                }
                if (v == 0f) {
                    if (first < 0) {
                        first = t;
                    }
                    assertEquals(first + count, t, "one contiguous span");
                    count++;
                }
            }
            assertTrue(count <= 5, "width " + count);
            widths[count]++;
        }
        for (int w = 0; w <= 5; w++) {
            assertTrue(widths[w] > 15, "widths 0..5 all drawn: " + java.util.Arrays.toString(widths));
        }

        InputMasking bands = new InputMasking(0, 0, 2, 3, 0.0);
        float[] fm = bands.mask(new long[] {nb, nf, nt}, Nd4j.getRandom());
        for (int b = 0; b < nb; b++) {
            int masked = 0;
            for (int f = 0; f < nf; f++) {
                float v = fm[b * nf * nt + f * nt];
                for (int t = 1; t < nt; t++) {
                    assertEquals(v, fm[b * nf * nt + f * nt + t], "a masked feature is masked in every frame");
                }
                masked += v == 0f ? 1 : 0;
            }
            assertTrue(masked <= 6, "two bands of at most 3: " + masked);
        }
    }

    @Test
    void masksApplyWhileTrainingOnlyAndSurviveJson() {
        ModelConfig plain = new ModelConfig(ModelArchitecture.DUAL_LSTM, List.of(8, 4), 0.0, 4, 1e-2, 0, 3, 6, 4,
                ModelConfig.Pooling.MEAN, 0.0);
        ModelConfig masked = new ModelConfig(ModelArchitecture.DUAL_LSTM, List.of(8, 4), 0.0, 4, 1e-2, 0, 3, 6, 4,
                ModelConfig.Pooling.MEAN, 0.1, new ModelConfig.InputMasks(2, 4, 1, 2), ModelConfig.LstmKernel.FUSED);
        MultiLayerConfiguration conf = NetworkFactory.configuration(masked);
        assertEquals(conf, MultiLayerConfiguration.fromJson(conf.toJson()));
        assertInstanceOf(InputMasking.class, ((BaseLayer) conf.getConf(0).getLayer()).getIDropout());

        MultiLayerNetwork a = NetworkFactory.build(plain);
        MultiLayerNetwork b = NetworkFactory.build(masked);
        b.setParams(a.params().dup());
        DataSet ds = FusedLstmTest.batch(4);
        INDArray x = Nd4j.zeros(5, 6, 9).assign(Nd4j.rand(new int[] {5, 6, 9}));
        assertEquals(a.output(x, false), b.output(x, false), "prediction never masks");
        assertTrue(a.output(x, true).sub(b.output(x, true)).amaxNumber().doubleValue() > 1e-4,
                "training-mode output is masked");
        DataSet small = new DataSet(ds.getFeatures().get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 6), org.nd4j.linalg.indexing.NDArrayIndex.all()),
                ds.getLabels(), ds.getFeaturesMaskArray(), null);
        INDArray before = b.params().dup();
        for (int i = 0; i < 3; i++) {
            b.fit(small); // the backward pass finds its mask (per thread, in the INPUT workspace)
        }
        assertTrue(b.params().sub(before).norm2Number().doubleValue() > 1e-3, "training moved the parameters");
        assertTrue(Double.isFinite(b.score()));
    }
}
