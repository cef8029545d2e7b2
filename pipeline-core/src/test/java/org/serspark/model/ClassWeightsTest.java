package org.serspark.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

class ClassWeightsTest {
    @Test
    void balancedGivesEveryClassTheSameTotalWeight() {
        // RAVDESS: 96 neutral clips, 192 of each other emotion
        long[] ravdess = {96, 192, 192, 192, 192, 192, 192, 192};
        double[] w = ClassWeights.BALANCED.weights(ravdess);
        assertEquals(1440.0 / (8 * 96), w[0], 1e-12);
        for (int k = 1; k < 8; k++) {
            assertEquals(1440.0 / (8 * 192), w[k], 1e-12);
        }
        assertEquals(2.0, w[0] / w[1], 1e-12, "neutral counts twice per clip");
        assertArrayEquals(new double[] {1.0, 1.0, 1.0}, ClassWeights.BALANCED.weights(new long[] {5, 0, 5}), 1e-12,
                "a class without clips weighs 1, the others as if it did not exist");
        assertNull(ClassWeights.NONE.weights(ravdess));
        assertThrows(IllegalArgumentException.class, () -> ClassWeights.BALANCED.weights(new long[] {0, 0}));
        assertEquals(ClassWeights.BALANCED, ClassWeights.of(" Balanced"));
        assertThrows(IllegalArgumentException.class, () -> ClassWeights.of("inverse"));
    }

    @Test
    void theNetworksLossWeighsEachClipByItsClass() {
        ModelConfig mc = new ModelConfig(ModelArchitecture.SINGLE_LSTM, List.of(6), 0.0, 5, 1e-3, 0, 7, 4, 3,
                ModelConfig.Pooling.MEAN);
        double[] weights = {2.5, 1.0, 0.5};
        MultiLayerNetwork plain = NetworkFactory.build(mc);
        MultiLayerNetwork weighted = NetworkFactory.build(mc, weights);
        weighted.setParams(plain.params().dup());
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.rand(DataType.FLOAT, 1, 4, 5);
        for (int k = 0; k < 3; k++) {
            INDArray y = Nd4j.zeros(DataType.FLOAT, 1, 3).putScalar(0, k, 1f);
            DataSet ds = new DataSet(x, y);
            assertEquals(weights[k] * plain.score(ds), weighted.score(ds), 1e-5 * weights[k] * plain.score(ds),
                    "a clip of class " + k);
        }
        MultiLayerConfiguration conf = weighted.getLayerWiseConfigurations();
        assertEquals(conf, MultiLayerConfiguration.fromJson(conf.toJson()), "the weights survive the bundle's JSON");
        assertThrows(IllegalArgumentException.class, () -> NetworkFactory.build(mc, new double[] {1, 1}));
    }
}
